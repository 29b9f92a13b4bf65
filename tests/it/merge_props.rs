//! The merge's promises over generated pathway documents: two versions
//! made from one base by the edits people make in the app (values of items
//! with and without ids, items held twice, ids renamed, items added,
//! removed and moved), merged. No input makes a merge panic; two sides
//! editing existing items never make more items than the base held plus
//! what the two sides added; and the merge written into a file keeps that
//! file's comments, or keeps the file as it is and records the rest.

use std::collections::BTreeMap;
use std::path::Path;

use carepath::merge::apart::{Written, write_into};
use carepath::merge::merge;
use carepath::model::Pathway;
use carepath::store::persist::rename::{rename_participant, rename_step};
use carepath::store::persist::session::{Change, Session};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../../pathways/discharge-to-care-home.yaml");

/// One edit, chosen by three numbers: what kind, which item, which value.
#[derive(Debug, Clone)]
struct Op(u8, u8, u8);

fn ops(most: usize) -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        (0u8..14, any::<u8>(), any::<u8>()).prop_map(|(k, a, b)| Op(k, a, b)),
        0..most,
    )
}

/// A version made by edits, and how many items each kind of list gained by
/// an addition.
struct Version {
    text: String,
    pathway: Pathway,
    added: BTreeMap<&'static str, usize>,
}

fn yaml(s: &str) -> String {
    serde_yaml::to_string(&s).unwrap()
}

/// A list of the pathway as (its path, its items' words).
fn lists(p: &Pathway, b: u8) -> (String, usize) {
    let steps = p.steps.len().max(1);
    let step = &p.steps[b as usize % steps];
    let keys: Vec<&String> = p.analyses.keys().collect();
    let analysis = keys[b as usize % keys.len()];
    match b % 5 {
        0 => ("principles".into(), p.principles.len()),
        1 => ("measures".into(), p.measures.len()),
        2 => (format!("steps.{}.red_flags", step.id), step.red_flags.len()),
        3 => (
            format!("analyses.{analysis}.causes"),
            p.analyses[analysis].causes.len(),
        ),
        _ => ("steps".into(), p.steps.len()),
    }
}

/// The change `op` stands for on `p`, and the kind of list it adds to.
fn change(p: &Pathway, Op(kind, a, b): &Op) -> Option<(Change, Option<&'static str>)> {
    let (a, b) = (*a as usize, *b as usize);
    let set = |path: String, value: String| Some((Change::Set { path, value }, None));
    let step = p.steps.get(a % p.steps.len().max(1))?;
    let keys: Vec<&String> = p.analyses.keys().collect();
    let analysis = &p.analyses[keys[b % keys.len()]];
    let key = keys[b % keys.len()];
    match kind {
        0 if !p.measures.is_empty() => set(
            format!("measures.{}.target", a % p.measures.len()),
            format!("{b}%"),
        ),
        1 if !analysis.causes.is_empty() => set(
            format!("analyses.{key}.causes.{}.weight", a % analysis.causes.len()),
            ["high", "medium", "low"][b % 3].into(),
        ),
        2 if !p.measures.is_empty() => {
            let i = a % p.measures.len();
            set(
                format!("measures.{i}.text"),
                format!("{} revised", p.measures[i].text),
            )
        }
        3 if !p.principles.is_empty() => Some((
            Change::Insert {
                path: "principles".into(),
                index: a % (p.principles.len() + 1),
                yaml: yaml(&p.principles[b % p.principles.len()]),
            },
            Some("principles"),
        )),
        4 => {
            let flag = match step.red_flags.get(b % step.red_flags.len().max(1)) {
                Some(f) if b % 2 == 0 => f.clone(),
                _ => format!("Flag {b}"),
            };
            Some((
                Change::Insert {
                    path: format!("steps.{}.red_flags", step.id),
                    index: b % (step.red_flags.len() + 1),
                    yaml: yaml(&flag),
                },
                Some("red_flags"),
            ))
        }
        5 => Some((
            Change::Insert {
                path: format!("steps.{}.next", step.id),
                index: b % (step.next.len() + 1),
                yaml: p.steps[b % p.steps.len()].id.clone(),
            },
            Some("next"),
        )),
        6 => {
            let (path, len) = lists(p, b as u8);
            (len > 0).then(|| {
                (
                    Change::Remove {
                        path,
                        index: a % len,
                    },
                    None,
                )
            })
        }
        7 => {
            let (path, len) = lists(p, b as u8);
            (len > 1).then(|| {
                (
                    Change::Move {
                        path,
                        from: a % len,
                        to: (a / 7) % len,
                    },
                    None,
                )
            })
        }
        8 => {
            let who = &p.participants.get(a % p.participants.len().max(1))?.id;
            Some((
                rename_participant(p, who, &format!("{who}-{}", b % 10)).ok()?,
                None,
            ))
        }
        9 => Some((
            rename_step(p, &step.id, &format!("{}-{}", step.id, b % 10)).ok()?,
            None,
        )),
        10 => Some((
            Change::Insert {
                path: "measures".into(),
                index: b % (p.measures.len() + 1),
                yaml: format!("text: Measure {b}\ntarget: '{a}%'\n"),
            },
            Some("measures"),
        )),
        11 if !analysis.causes.is_empty() => set(
            format!(
                "analyses.{key}.causes.{}.evidence",
                a % analysis.causes.len()
            ),
            format!("Evidence {b}"),
        ),
        12 if !analysis.goals.is_empty() => {
            let i = a % analysis.goals.len();
            set(
                format!("analyses.{key}.goals.{i}.text"),
                format!("{} revised", analysis.goals[i].text),
            )
        }
        13 => set(format!("steps.{}.title", step.id), format!("Step {b}")),
        _ => None,
    }
}

fn version(text: &str, ops: &[Op]) -> Version {
    let p: Pathway = serde_yaml::from_str(text).unwrap();
    let mut s = Session::new(Path::new("discharge-to-care-home.yaml"), text.into(), p);
    let mut added = BTreeMap::new();
    for op in ops {
        if let Some((c, adds)) = change(s.pathway(), op)
            && s.make(c).is_ok()
            && let Some(list) = adds
        {
            *added.entry(list).or_default() += 1;
        }
    }
    Version {
        text: s.text().unwrap(),
        pathway: s.pathway().clone(),
        added,
    }
}

/// How many items each kind of list holds, over the whole pathway.
fn counts(p: &Pathway) -> BTreeMap<&'static str, usize> {
    let all = |f: &dyn Fn(&carepath::model::Analysis) -> usize| p.analyses.values().map(f).sum();
    BTreeMap::from([
        ("principles", p.principles.len()),
        ("measures", p.measures.len()),
        ("steps", p.steps.len()),
        ("red_flags", p.steps.iter().map(|s| s.red_flags.len()).sum()),
        ("next", p.steps.iter().map(|s| s.next.len()).sum()),
        ("causes", all(&|a| a.causes.len())),
        ("goals", all(&|a| a.goals.len())),
        ("values", all(&|a| a.values.len())),
    ])
}

/// The example written three ways: as people wrote it; as a program
/// writes YAML (list dashes not indented, no comments); and with short
/// lists on one line and comments between items.
fn layout(n: usize) -> String {
    match n % 3 {
        0 => EXAMPLE.to_string(),
        1 => serde_yaml::to_string(&serde_yaml::from_str::<Pathway>(EXAMPLE).unwrap()).unwrap(),
        _ => EXAMPLE
            .replace(
                "    red_flags:\n      - Controlled drugs without a signed record\n      - A medicine stopped in hospital without a reason written down\n",
                "    red_flags: [Controlled drugs without a signed record, A medicine stopped in hospital without a reason written down]\n",
            )
            .replace("  - text: Discharges with a recorded handover call\n", "  # Agreed at the second workshop.\n  - text: Discharges with a recorded handover call\n")
            .replace("principles:\n  - Everybody counts\n", "principles:\n  - Everybody counts # first\n"),
    }
}

/// The base: the example, laid out one of three ways, with some edits of
/// its own (items held twice among them), so the base too can hold
/// anything people write.
fn three(l: usize, b: &[Op], o: &[Op], t: &[Op]) -> (Version, Version, Version) {
    let text = layout(l);
    let base = version(&text, b);
    let ours = version(&base.text, o);
    let theirs = version(&base.text, t);
    (base, ours, theirs)
}

fn cases() -> u32 {
    std::env::var("MERGE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

proptest! {
    // More cases for a longer run: MERGE_CASES=2000 cargo test --test merge_props
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn two_sides_editing_items_never_make_more_items_than_were_added(
        l in 0usize..3, b in ops(6), o in ops(8), t in ops(8)
    ) {
        let (base, ours, theirs) = three(l, &b, &o, &t);
        let r = merge(&base.pathway, &ours.pathway, &theirs.pathway).unwrap();
        let (was, now) = (counts(&base.pathway), counts(&r.merged));
        for (list, n) in now {
            let most = was[list]
                + ours.added.get(list).copied().unwrap_or(0)
                + theirs.added.get(list).copied().unwrap_or(0);
            prop_assert!(n <= most, "{}: {} items, at most {} expected; {:#?}", list, n, most, r.conflicts);
        }
    }

    #[test]
    fn no_input_makes_a_merge_panic_and_a_merge_written_in_place_keeps_the_comments(
        l in 0usize..3, b in ops(6), o in ops(8), t in ops(8)
    ) {
        let (base, ours, theirs) = three(l, &b, &o, &t);
        for (x, y) in [(&ours, &theirs), (&theirs, &ours)] {
            let r = merge(&base.pathway, &x.pathway, &y.pathway).unwrap();
            match write_into(&x.text, &x.pathway, &r.merged) {
                Written::InPlace(text) => {
                    let back: Pathway = serde_yaml::from_str(&text).unwrap();
                    prop_assert_eq!(&back, &r.merged);
                    for line in x.text.lines().filter(|l| l.starts_with('#')) {
                        prop_assert!(text.contains(line), "comment lost: {}", line);
                    }
                }
                Written::Apart { conflicts, .. } => prop_assert!(!conflicts.is_empty() || x.pathway == r.merged),
            }
        }
    }

    #[test]
    fn one_side_alone_is_the_merge(l in 0usize..3, b in ops(6), o in ops(8)) {
        let (base, ours, _) = three(l, &b, &o, &[]);
        prop_assert_eq!(&merge(&base.pathway, &ours.pathway, &base.pathway).unwrap().merged, &ours.pathway);
        prop_assert_eq!(&merge(&base.pathway, &base.pathway, &ours.pathway).unwrap().merged, &ours.pathway);
        prop_assert_eq!(&merge(&base.pathway, &ours.pathway, &ours.pathway).unwrap().merged, &ours.pathway);
        // Written into the base's file, their version is theirs exactly.
        if let Written::InPlace(text) = write_into(&base.text, &base.pathway, &ours.pathway) {
            prop_assert_eq!(serde_yaml::from_str::<Pathway>(&text).unwrap(), ours.pathway);
        }
    }
}

#[test]
fn every_layout_can_be_edited() {
    for l in 0..3 {
        let v = version(
            &layout(l),
            &[
                Op(3, 1, 0),
                Op(4, 2, 1),
                Op(5, 0, 3),
                Op(10, 4, 5),
                Op(7, 1, 2),
                Op(8, 1, 0),
            ],
        );
        let added: usize = v.added.values().sum();
        assert_eq!(added, 4, "layout {l}: {}", v.text);
        assert!(
            v.pathway.participants.iter().any(|p| p.id.ends_with("-0")),
            "layout {l}"
        );
    }
}

#[test]
fn any_three_pathways_merge_without_a_panic() {
    let mut all: Vec<(String, Pathway)> = Vec::new();
    for dir in ["pathways", "tests/fixtures/library"] {
        for f in carepath::store::library::scan_folder(Path::new(dir)).unwrap() {
            let text = std::fs::read_to_string(&f).unwrap();
            if let Ok(p) = serde_yaml::from_str::<Pathway>(&text) {
                all.push((text, p));
            }
        }
    }
    assert!(all.len() >= 6);
    // Every base with every OURS, and a third pathway as THEIRS.
    for (i, (_, b)) in all.iter().enumerate() {
        for (j, (text, o)) in all.iter().enumerate() {
            let t = &all[(i + j + 1) % all.len()].1;
            let r = merge(b, o, t).unwrap();
            match write_into(text, o, &r.merged) {
                Written::InPlace(out) => {
                    assert_eq!(serde_yaml::from_str::<Pathway>(&out).unwrap(), r.merged)
                }
                Written::Apart { conflicts, .. } => assert!(!conflicts.is_empty()),
            }
        }
    }
}

/// Both sides retitle a step that leads back to itself, and one renames it
/// too: still one step, not the old one beside the renamed one.
#[test]
fn a_step_both_retitled_and_one_renamed_stays_one_step() {
    let (base, ours, theirs) = three(
        0,
        &[Op(5, 1, 129)],
        &[Op(13, 177, 0)],
        &[Op(13, 25, 0), Op(9, 113, 0)],
    );
    let r = merge(&base.pathway, &ours.pathway, &theirs.pathway).unwrap();
    assert_eq!(r.merged.steps.len(), base.pathway.steps.len());
    assert!(
        r.merged
            .steps
            .iter()
            .any(|s| s.id == "home-can-meet-needs-0")
    );
    assert!(!r.merged.steps.iter().any(|s| s.id == "home-can-meet-needs"));
}

/// Both sides retitle the first step; one also renames it and gives it a
/// red flag it already had: still one step, known by its detail.
#[test]
fn a_step_renamed_retitled_and_flagged_on_one_side_stays_one_step() {
    let (base, ours, theirs) = three(
        0,
        &[],
        &[Op(13, 104, 0)],
        &[Op(13, 128, 0), Op(9, 24, 0), Op(4, 24, 0)],
    );
    let r = merge(&base.pathway, &ours.pathway, &theirs.pathway).unwrap();
    assert_eq!(r.merged.steps.len(), base.pathway.steps.len());
    assert!(!r.merged.steps.iter().any(|s| s.id == "plan-early"));
}
