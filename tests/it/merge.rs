//! Three-way merge: the cases people meet, the laws a merge must keep, and
//! the command as git's merge driver.

use carepath::merge::merge;
use carepath::model::{Pathway, Step, StepKind, Weight};
use carepath::text::yaml::edit::set_value;
use carepath::text::yaml::edit_list::{insert_item, move_item};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../../pathways/discharge-to-care-home.yaml");

fn base() -> Pathway {
    serde_yaml::from_str(EXAMPLE).unwrap()
}

fn step(id: &str, title: &str) -> Step {
    Step {
        id: id.into(),
        title: title.into(),
        kind: StepKind::Action,
        owner: None,
        detail: None,
        red_flags: vec![],
        next: vec![],
        branches: vec![],
    }
}

fn clean(b: &Pathway, o: &Pathway, t: &Pathway) -> Pathway {
    let r = merge(b, o, t).unwrap();
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
    r.merged
}

#[test]
fn changes_to_different_items_combine() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.steps[0].title = "Plan on day one".into();
    t.steps[5].owner = Some("oakview".into());
    let m = clean(&b, &o, &t);
    assert_eq!(
        (m.steps[0].title.as_str(), m.steps[5].owner.as_deref()),
        ("Plan on day one", Some("oakview"))
    );
}

#[test]
fn changes_to_different_fields_of_one_item_combine() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.steps[0].title = "Plan on day one".into();
    t.steps[0].red_flags.push("Pressure damage".into());
    let m = clean(&b, &o, &t);
    assert_eq!(m.steps[0].title, "Plan on day one");
    assert_eq!(m.steps[0].red_flags.last().unwrap(), "Pressure damage");
}

#[test]
fn both_adding_steps_keeps_both_in_a_sensible_order() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.steps.insert(1, step("ours-new", "Ours"));
    t.steps.insert(6, step("theirs-new", "Theirs"));
    let m = clean(&b, &o, &t);
    let ids: Vec<&str> = m.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids[1], "ours-new");
    let after = ids.iter().position(|i| *i == "theirs-new").unwrap();
    assert_eq!(
        ids[after - 1],
        b.steps[5].id,
        "theirs goes after the step it follows in theirs"
    );
    assert_eq!(m.steps.len(), b.steps.len() + 2);
}

#[test]
fn a_move_on_one_side_and_an_edit_on_the_other_both_stay() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let moved = o.steps.remove(6);
    o.steps.insert(1, moved);
    t.steps[6].title = "GP review in two days".into();
    let m = clean(&b, &o, &t);
    assert_eq!(m.steps[1].id, "gp-review");
    assert_eq!(m.steps[1].title, "GP review in two days");
    // And the other way round: they move, we edit.
    let m = clean(&b, &t, &o);
    assert_eq!(
        (m.steps[1].id.as_str(), m.steps[1].title.as_str()),
        ("gp-review", "GP review in two days")
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let b = base();
    let mut o = b.clone();
    o.analyses["oakview"].causes[0].weight = Some(Weight::Medium);
    assert_eq!(clean(&b, &o, &o), o);
}

#[test]
fn one_value_changed_two_ways_is_a_conflict_that_keeps_ours_and_names_all_three() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.title = "Ours".into();
    t.title = "Theirs".into();
    let r = merge(&b, &o, &t).unwrap();
    assert_eq!(r.merged.title, "Ours");
    assert_eq!(r.conflicts.len(), 1);
    let c = &r.conflicts[0];
    assert_eq!(c.path, "title");
    assert_eq!(
        (c.ours.clone().unwrap(), c.theirs.clone().unwrap()),
        ("Ours".into(), "Theirs".into())
    );
    assert_eq!(c.base.clone().unwrap(), serde_json::Value::from(b.title));
}

#[test]
fn deleting_what_the_other_edited_is_a_conflict() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.steps.remove(7);
    t.steps[7].title = "Thirty-day check with the GP".into();
    let r = merge(&b, &o, &t).unwrap();
    assert_eq!(r.conflicts.len(), 1, "{:#?}", r.conflicts);
    assert_eq!(r.conflicts[0].path, "steps[thirty-day-check]");
    assert!(
        r.conflicts[0].ours.is_none() && r.conflicts[0].theirs.is_some(),
        "theirs is kept in the conflict"
    );
}

/// A version of the base with edits chosen by `seed`.
fn edited(b: &Pathway, seed: &[u8]) -> Pathway {
    let mut p = b.clone();
    for (n, &x) in seed.iter().enumerate() {
        let i = x as usize % p.steps.len().max(1);
        match x % 6 {
            0 => p.steps[i].title = format!("Title {n} {x}"),
            1 => p.steps.insert(i, step(&format!("new-{n}-{x}"), "New")),
            2 if p.steps.len() > 2 => {
                let s = p.steps.remove(i);
                p.steps.insert((i + 3) % p.steps.len(), s);
            }
            3 => {
                p.analyses["hospital"].causes[x as usize % 3].weight =
                    Some([Weight::High, Weight::Low][n % 2])
            }
            4 => p.principles.push(format!("Principle {n} {x}")),
            _ => p.steps[i].red_flags.push(format!("Flag {n}")),
        }
    }
    p
}

/// The same items, whatever the order lists ended up in.
fn as_sets(p: &Pathway) -> String {
    let mut q = p.clone();
    q.steps.sort_by(|a, b| a.id.cmp(&b.id));
    q.principles.sort();
    for s in &mut q.steps {
        s.red_flags.sort();
    }
    serde_json::to_string(&q).unwrap()
}

proptest! {
    #[test]
    fn merge_laws(xs in prop::collection::vec(any::<u8>(), 0..6), ys in prop::collection::vec(any::<u8>(), 0..6)) {
        let b = base();
        let (x, y) = (edited(&b, &xs), edited(&b, &ys));
        prop_assert_eq!(&merge(&b, &x, &b).unwrap().merged, &x);
        prop_assert_eq!(&merge(&b, &b, &y).unwrap().merged, &y);
        prop_assert_eq!(&merge(&b, &x, &x).unwrap().merged, &x);
        let xy = merge(&b, &x, &y).unwrap();
        let yx = merge(&b, &y, &x).unwrap();
        if xy.conflicts.is_empty() && yx.conflicts.is_empty() {
            prop_assert_eq!(as_sets(&xy.merged), as_sets(&yx.merged));
        }
    }
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn run(b: &std::path::Path, o: &std::path::Path, t: &std::path::Path) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("merge")
        .args([b, o, t])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_writes_into_ours_and_keeps_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let ours_text = set_value(EXAMPLE, "steps.plan-early.title", "Plan on day one").unwrap();
    let ours_text = format!("# Our note, kept.\n{ours_text}");
    let theirs_text = insert_item(
        EXAMPLE,
        "steps",
        6,
        "id: weekend-cover\ntitle: Weekend cover agreed\n",
    )
    .unwrap();
    let theirs_text = move_item(&theirs_text, "principles", 0, 2).unwrap();
    let (b, o, t) = (
        write(dir.path(), "base.yaml", EXAMPLE),
        write(dir.path(), "ours.yaml", &ours_text),
        write(dir.path(), "theirs.yaml", &theirs_text),
    );
    let (code, err) = run(&b, &o, &t);
    assert_eq!(code, 0, "{err}");
    let merged = std::fs::read_to_string(&o).unwrap();
    assert!(
        merged.starts_with("# Our note, kept.\n# Discharge from hospital"),
        "OURS' comments stay"
    );
    assert!(merged.contains("    title: Plan on day one\n"));
    assert!(
        merged.contains("  - id: weekend-cover\n    title: Weekend cover agreed\n"),
        "{merged}"
    );
    let p: Pathway = serde_yaml::from_str(&merged).unwrap();
    assert_eq!(p.principles.last().unwrap(), "Everybody counts");
}

#[test]
fn the_command_exits_1_on_conflict_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ours_text = set_value(EXAMPLE, "title", "Ours").unwrap();
    let theirs_text = set_value(EXAMPLE, "title", "Theirs").unwrap();
    let (b, o, t) = (
        write(dir.path(), "base.yaml", EXAMPLE),
        write(dir.path(), "ours.yaml", &ours_text),
        write(dir.path(), "theirs.yaml", &theirs_text),
    );
    let (code, err) = run(&b, &o, &t);
    assert_eq!(code, 1);
    assert!(err.contains("conflict: title: base \"Discharge from hospital to a care home\", ours \"Ours\", theirs \"Theirs\""), "{err}");
    let merged = std::fs::read_to_string(&o).unwrap();
    assert!(merged.starts_with("# carepath merge: 1 conflict left"));
    assert!(
        merged.contains("theirs \"Theirs\""),
        "THEIRS' value is in the file"
    );
    let p: Pathway = serde_yaml::from_str(&merged).unwrap();
    assert_eq!(p.title, "Ours", "the file still loads, with OURS' value");
}

#[test]
fn a_value_theirs_removed_is_removed_in_ours_with_its_comments_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ours_text = format!(
        "# Our note, kept.\n{}",
        set_value(EXAMPLE, "steps.plan-early.title", "Plan on day one").unwrap()
    );
    let theirs_text = carepath::text::yaml::edit::remove_key(EXAMPLE, "", "place").unwrap();
    let theirs_text = carepath::text::yaml::edit::remove_key(
        &theirs_text,
        "analyses.hospital.causes.meds-late",
        "evidence",
    )
    .unwrap();
    let (b, o, t) = (
        write(dir.path(), "base.yaml", EXAMPLE),
        write(dir.path(), "ours.yaml", &ours_text),
        write(dir.path(), "theirs.yaml", &theirs_text),
    );
    let (code, err) = run(&b, &o, &t);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("could not be kept"),
        "written in place: {err}"
    );
    let merged = std::fs::read_to_string(&o).unwrap();
    assert!(merged.starts_with("# Our note, kept.\n# Discharge from hospital"));
    let p: Pathway = serde_yaml::from_str(&merged).unwrap();
    assert_eq!(p.place, None);
    assert_eq!(p.analyses["hospital"].causes[1].evidence, None);
    assert_eq!(p.steps[0].title, "Plan on day one");
}

/// `text` with `change` made the way the app makes it.
fn edited_text(text: &str, change: carepath::store::persist::session::Change) -> String {
    let p: Pathway = serde_yaml::from_str(text).unwrap();
    let mut s = carepath::store::persist::session::Session::new(
        std::path::Path::new("discharge-to-care-home.yaml"),
        text.to_string(),
        p,
    );
    s.make(change).unwrap();
    s.text().unwrap()
}

fn set(text: &str, path: &str, value: &str) -> String {
    set_value(text, path, value).unwrap()
}

/// Runs the command on three texts; the exit code, standard error, and
/// OURS' file afterwards.
fn merge_texts(base: &str, ours: &str, theirs: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (b, o, t) = (
        write(dir.path(), "base.yaml", base),
        write(dir.path(), "ours.yaml", ours),
        write(dir.path(), "theirs.yaml", theirs),
    );
    let (code, err) = run(&b, &o, &t);
    (code, err, std::fs::read_to_string(&o).unwrap())
}

#[test]
fn two_people_changing_one_measure_without_an_id_change_one_measure() {
    // Different fields of one measure: merged into the one item.
    let ours = set(EXAMPLE, "measures.1.target", "99%");
    let theirs = set(
        EXAMPLE,
        "measures.1.text",
        "Discharges with a recorded nurse-to-nurse handover call",
    );
    let (code, err, merged) = merge_texts(EXAMPLE, &ours, &theirs);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        merged,
        set(
            &ours,
            "measures.1.text",
            "Discharges with a recorded nurse-to-nurse handover call"
        )
    );
    // The same field two ways: one item, and a conflict on that field.
    let theirs = set(EXAMPLE, "measures.1.target", "90%");
    let (code, err, merged) = merge_texts(EXAMPLE, &ours, &theirs);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("conflict: measures[1].target: base \"95%\", ours \"99%\", theirs \"90%\""),
        "{err}"
    );
    let p: Pathway = serde_yaml::from_str(&merged).unwrap();
    assert_eq!(p.measures.len(), 4, "{merged}");
    assert!(
        merged.ends_with(&ours),
        "OURS is kept byte for byte below the record"
    );
}

#[test]
fn two_people_weighing_one_cause_without_an_id_change_one_cause() {
    let ours = set(EXAMPLE, "analyses.oakview.causes.1.weight", "medium");
    let theirs = set(
        EXAMPLE,
        "analyses.oakview.causes.1.evidence",
        "Incident log, 2026",
    );
    let (code, err, merged) = merge_texts(EXAMPLE, &ours, &theirs);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        merged,
        set(
            &ours,
            "analyses.oakview.causes.1.evidence",
            "Incident log, 2026"
        )
    );
    let theirs = set(EXAMPLE, "analyses.oakview.causes.1.weight", "low");
    let (code, err, merged) = merge_texts(EXAMPLE, &ours, &theirs);
    assert_eq!(code, 1, "{err}");
    let p: Pathway = serde_yaml::from_str(&merged).unwrap();
    assert_eq!(p.analyses["oakview"].causes.len(), 4);
    assert!(err.contains("analyses.oakview.causes[1].weight"), "{err}");
}

#[test]
fn a_renamed_participant_and_another_save_merge_without_rewriting_the_file() {
    let base: Pathway = serde_yaml::from_str(EXAMPLE).unwrap();
    let rename =
        carepath::store::persist::rename::rename_participant(&base, "oakview", "oakview-home")
            .unwrap();
    let ours = edited_text(EXAMPLE, rename);
    let theirs = set(
        EXAMPLE,
        "steps.gp-review.title",
        "GP review within two days",
    );
    let (code, err, merged) = merge_texts(EXAMPLE, &ours, &theirs);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("plainly"), "{err}");
    assert_eq!(
        merged,
        set(&ours, "steps.gp-review.title", "GP review within two days")
    );
    // And the other way round: their rename comes into our file.
    let (code, err, merged) = merge_texts(EXAMPLE, &theirs, &ours);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        merged,
        set(&ours, "steps.gp-review.title", "GP review within two days")
    );
    // Editing goes on working on the merged file.
    let added = insert_item(
        &merged,
        "participants",
        4,
        "id: pharmacy\nname: Riverside pharmacy\nkind: pharmacy\n",
    );
    let added = added.unwrap();
    carepath::store::read::load::load_str("merged", &added).unwrap();
}

#[test]
fn an_item_held_twice_merges_without_a_panic() {
    for (path, index, item) in [
        ("principles", 3, "Everybody counts\n"),
        (
            "steps.meds-ready.red_flags",
            2,
            "Controlled drugs without a signed record\n",
        ),
        ("steps.plan-early.next", 1, "home-can-meet-needs"),
    ] {
        let ours = insert_item(EXAMPLE, path, index, item).unwrap();
        let theirs = set(EXAMPLE, "title", "Discharge to a care home");
        let (code, err, merged) = merge_texts(EXAMPLE, &ours, &theirs);
        assert_eq!(code, 0, "{path}: {err}");
        assert_eq!(
            merged,
            set(&ours, "title", "Discharge to a care home"),
            "{path}"
        );
        let (code, err, merged) = merge_texts(EXAMPLE, &theirs, &ours);
        assert_eq!(code, 0, "{path}: {err}");
        assert_eq!(
            merged,
            set(&ours, "title", "Discharge to a care home"),
            "{path}"
        );
    }
}

#[test]
fn a_merge_that_would_not_load_writes_nothing_and_says_why() {
    // Ours removes the last step; theirs leads another step to it.
    let ours = carepath::text::yaml::edit::remove_key(EXAMPLE, "steps.gp-review", "next").unwrap();
    let ours = carepath::text::yaml::edit_list::remove_item(&ours, "steps", 7).unwrap();
    let theirs = insert_item(EXAMPLE, "steps.handover-call.next", 1, "thirty-day-check").unwrap();
    let (code, err, merged) = merge_texts(EXAMPLE, &ours, &theirs);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("would not load, so nothing was written"),
        "{err}"
    );
    assert!(err.contains("thirty-day-check"), "{err}");
    assert_eq!(merged, ours, "OURS is as it was");
}

#[test]
fn what_cannot_be_written_in_place_is_kept_as_a_conflict_not_rewritten() {
    // Ours writes a cause on one line; theirs gives it evidence, which has
    // no place on that line.
    let ours = EXAMPLE.replace(
        "      - text: Discharge letter does not say what changed in hospital\n        weight: medium\n",
        "      - {text: Discharge letter does not say what changed in hospital, weight: medium}\n",
    );
    let theirs = set(
        EXAMPLE,
        "analyses.oakview.causes.2.evidence",
        "Letters audit",
    );
    let theirs = set(&theirs, "title", "Discharge to a care home");
    let (code, err, merged) = merge_texts(EXAMPLE, &ours, &theirs);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("OURS is kept as it was"), "{err}");
    let (record, rest) = merged.split_at(merged.find("# Discharge from hospital").unwrap());
    assert_eq!(rest, ours, "OURS byte for byte below the record");
    let (conflicts, _) = carepath::merge::record::read(record).unwrap();
    let paths: Vec<&str> = conflicts.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["title", "analyses.oakview.causes[2].evidence"]);
    assert_eq!(conflicts[1].theirs, Some("Letters audit".into()));
}

/// `carepath merge` of long versions (read in pieces) writes what the
/// merge of the pathways is, in place, whichever side changed what.
#[test]
fn long_versions_merge_in_place_as_short_ones_do() {
    let mut base = String::from(
        "carepath: 1\nid: long\ntitle: A long pathway\nstatus: draft\nparticipants:\n  - id: home\n    name: The home\n    kind: care-home\nsteps:\n",
    );
    for i in 0..4000 {
        base += &format!(
            "  - id: s{i}\n    title: Step {i}\n    owner: home\n    detail: |\n      Agreed, step {i}.\n    red_flags:\n      - Falls in {i} days\n    next: [s{}]\n",
            (i + 1) % 4000
        );
    }
    let ours = base
        .replacen("title: A long pathway", "title: A longer pathway", 1)
        .replacen("Agreed, step 7.", "Agreed again, step 7.", 1);
    let theirs = base.replacen(
        "      - Falls in 9 days\n",
        "      - Falls in 9 days\n      - Pressure damage\n",
        1,
    );
    // A step added, one moved, one both sides changed apart: the steps
    // no longer stay in their places, or the sides conflict.
    let added = theirs.replacen(
        "  - id: s20\n",
        "  - id: new\n    title: A new step\n    owner: home\n  - id: s20\n",
        1,
    );
    let s30 = base.find("  - id: s30\n").unwrap();
    let s31 = base.find("  - id: s31\n").unwrap();
    let s32 = base.find("  - id: s32\n").unwrap();
    let moved = format!(
        "{}{}{}{}",
        &base[..s30],
        &base[s31..s32],
        &base[s30..s31],
        &base[s32..]
    );
    let apart = base.replacen("Agreed, step 7.", "Agreed otherwise, step 7.", 1);
    let read = |t: &str| -> Pathway { serde_yaml::from_str(t).unwrap() };
    for (o, t) in [
        (&ours, &theirs),
        (&ours, &base),
        (&base, &theirs),
        (&theirs, &ours),
        (&ours, &added),
        (&added, &ours),
        (&moved, &theirs),
        (&ours, &moved),
        (&ours, &apart),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = |n: &str| dir.path().join(n);
        std::fs::write(path("base.yaml"), &base).unwrap();
        std::fs::write(path("ours.yaml"), o).unwrap();
        std::fs::write(path("theirs.yaml"), t).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
            .arg("merge")
            .args(["base.yaml", "ours.yaml", "theirs.yaml"].map(&path))
            .output()
            .unwrap();
        let want = merge(&read(&base), &read(o), &read(t)).unwrap();
        assert_eq!(
            out.status.code(),
            Some(if want.conflicts.is_empty() { 0 } else { 1 }),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let merged = std::fs::read_to_string(path("ours.yaml")).unwrap();
        assert_eq!(read(&merged), want.merged);
    }
}
