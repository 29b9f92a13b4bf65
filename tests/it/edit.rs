//! Saving keeps people's YAML as they wrote it: one value changed changes
//! only its lines; comments, quoting, blank lines and line endings stay.

use carepath::model::{Pathway, Weight};
use carepath::store::read::load::load_str;
use carepath::text::yaml::edit::set_value;
use proptest::prelude::*;

const CORPUS: &str = include_str!("../fixtures/edit/corpus.yaml");

fn load(text: &str) -> Pathway {
    load_str("corpus.yaml", text).unwrap_or_else(|d| panic!("{d:#?}\n{text}"))
}

/// The lines that differ, as (old, new) pairs of line numbers' text.
fn changed_lines(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('\n').collect(), b.split('\n').collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        a[prefix..a.len() - suffix]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        b[prefix..b.len() - suffix]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    )
}

#[test]
fn the_corpus_loads() {
    let p = load(CORPUS);
    assert_eq!(
        p.analyses["hospital"].causes[0].evidence.as_deref(),
        Some("  Indented first line\nWard audit\n")
    );
    assert_eq!(
        p.problem.as_deref(),
        Some("Residents discharged to care homes are often readmitted.\n")
    );
}

#[test]
fn setting_every_value_to_itself_changes_no_byte() {
    let p = load(CORPUS);
    let mut text = CORPUS.to_string();
    let same = [
        ("title", p.title.clone()),
        ("place", p.place.clone().unwrap()),
        ("problem", p.problem.clone().unwrap()),
        ("participants.hospital.name", p.participants[0].name.clone()),
        ("principles.1", p.principles[1].clone()),
        (
            "analyses.hospital.causes.meds-late.evidence",
            p.analyses["hospital"].causes[0].evidence.clone().unwrap(),
        ),
        ("steps.plan.detail", p.steps[0].detail.clone().unwrap()),
    ];
    for (path, value) in same {
        text = set_value(&text, path, &value).unwrap();
    }
    assert_eq!(text, CORPUS);
}

#[test]
fn a_one_word_edit_changes_one_line() {
    let out = set_value(CORPUS, "steps.call.title", "Nurse handover call").unwrap();
    assert_eq!(
        changed_lines(CORPUS, &out),
        (
            vec!["    title: Handover call".into()],
            vec!["    title: Nurse handover call".into()]
        )
    );
    assert_eq!(load(&out).steps[1].title, "Nurse handover call");
}

#[test]
fn line_end_comments_and_quoting_survive_an_edit() {
    let out = set_value(CORPUS, "title", "Corpus of every layout").unwrap();
    assert!(out.contains("title: Corpus of every layout   # a line-end comment\n"));
    let out = set_value(&out, "participants.hospital.name", "Riverside General").unwrap();
    assert!(
        out.contains("    name: 'Riverside General'\n"),
        "single quotes kept"
    );
    let out = set_value(&out, "place", "Hillcrest").unwrap();
    assert!(out.contains("place: \"Hillcrest\"\n"), "double quotes kept");
    let out = set_value(&out, "analyses.hospital.causes.meds-late.weight", "medium").unwrap();
    assert!(out.contains("        text: Medicines not ready   # why\n        weight: medium\n"));
    for comment in [
        "# A pathway written by hand",
        "# a comment before the first item",
        "# a comment between list items",
    ] {
        assert!(out.contains(comment), "{comment} lost");
    }
    assert_eq!(
        load(&out).analyses["hospital"].causes[0].weight,
        Some(Weight::Medium)
    );
}

#[test]
fn flow_lists_and_block_scalars_take_edits_in_place() {
    let out = set_value(CORPUS, "principles.0", "Everyone counts").unwrap();
    assert_eq!(
        changed_lines(CORPUS, &out).1,
        vec!["principles: [Everyone counts, \"Conflict can be healthy\"]"]
    );
    let out = set_value(CORPUS, "steps.plan.detail", "Keep this.\n\nAnd that.").unwrap();
    assert_eq!(
        changed_lines(CORPUS, &out),
        (
            vec!["      And this.".into()],
            vec!["      And that.".into()]
        )
    );
    assert_eq!(
        load(&out).steps[0].detail.as_deref(),
        Some("Keep this.\n\nAnd that.")
    );
}

#[test]
fn a_missing_key_is_added_as_one_line_beside_its_neighbours() {
    let out = set_value(CORPUS, "steps.call.kind", "information").unwrap();
    assert_eq!(
        changed_lines(CORPUS, &out),
        (vec![], vec!["    kind: information".into()])
    );
    assert_eq!(load(&out).steps[1].kind.as_str(), "information");
}

#[test]
fn windows_line_endings_are_kept() {
    let crlf = CORPUS.replace('\n', "\r\n");
    let p = load(&crlf);
    assert_eq!(p.title, "Corpus of layouts");
    let out = set_value(&crlf, "steps.plan.detail", "One.\nTwo.\n").unwrap();
    assert!(
        !out.replace("\r\n", "").contains('\n'),
        "a bare line feed crept in"
    );
    assert_eq!(load(&out).steps[0].detail.as_deref(), Some("One.\nTwo.\n"));
    let out = set_value(&out, "steps.call.kind", "referral").unwrap();
    assert!(!out.replace("\r\n", "").contains('\n'));
}

#[test]
fn paths_that_do_not_exist_are_named() {
    assert_eq!(
        set_value(CORPUS, "steps.nope.title", "x").unwrap_err(),
        "steps has no item \"nope\"; ids here: plan, call"
    );
    assert!(
        set_value(CORPUS, "steps.plan", "x")
            .unwrap_err()
            .contains("holds several values")
    );
    assert!(
        set_value(CORPUS, "principles", "x")
            .unwrap_err()
            .contains("is a list")
    );
    assert!(
        set_value(CORPUS, "title.more", "x")
            .unwrap_err()
            .contains("is a single value")
    );
}

/// The string fields the property test edits, and how to make the same
/// edit in memory.
const FIELDS: &[&str] = &[
    "title",
    "problem",
    "steps.plan.title",
    "steps.plan.detail",
    "steps.call.title",
    "analyses.hospital.causes.meds-late.text",
    "measures.0.target",
    "participants.oakview.name",
    "principles.1",
];

fn apply(p: &mut Pathway, field: &str, value: &str) {
    let v = value.to_string();
    match field {
        "title" => p.title = v,
        "problem" => p.problem = Some(v),
        "steps.plan.title" => p.steps[0].title = v,
        "steps.plan.detail" => p.steps[0].detail = Some(v),
        "steps.call.title" => p.steps[1].title = v,
        "analyses.hospital.causes.meds-late.text" => p.analyses["hospital"].causes[0].text = v,
        "measures.0.target" => p.measures[0].target = Some(v),
        "participants.oakview.name" => p.participants[1].name = v,
        "principles.1" => p.principles[1] = v,
        _ => unreachable!(),
    }
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 ,.'\"#:!?&*%@-]{0,30}",
        "[A-Za-z0-9 #:'\"-]{1,20}(\n[A-Za-z0-9 #:-]{0,20}){1,3}\n?",
        "(Māori|看护|café|🏥) [a-z ]{0,10}",
        "(null|~|true|12|- item|#no|key: value| lead|trail |'q'|\"dq\")",
    ]
    .prop_filter("a value people could type", |s| !s.trim().is_empty())
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=5000 for a longer search.

    /// Edits saved through the engine and loaded again give the pathway
    /// the same edits give in memory.
    #[test]
    fn saved_edits_load_as_they_were_made(edits in prop::collection::vec((0..FIELDS.len(), value()), 1..8)) {
        let mut text = CORPUS.to_string();
        let mut expected = load(CORPUS);
        for (field, value) in &edits {
            text = set_value(&text, FIELDS[*field], value).unwrap();
            apply(&mut expected, FIELDS[*field], value);
        }
        prop_assert_eq!(load(&text), expected);
        prop_assert!(text.contains("# a comment between list items"));
    }
}

mod lists {
    use super::*;
    use carepath::model::fields;
    use carepath::text::yaml::edit_list::{insert_item, move_item, remove_item};

    #[derive(Debug, Clone)]
    enum Op {
        Insert(&'static str, usize, String),
        Remove(&'static str, usize),
        Move(&'static str, usize, usize),
    }

    const LISTS: &[&str] = &[
        "steps",
        "measures",
        "steps.0.red_flags",
        "principles",
        "participants",
    ];

    fn item_for(list: &str, n: usize) -> String {
        match list {
            "steps" => format!("id: n{n}\ntitle: New step {n}\n"),
            "measures" => format!("text: Measure {n}\ntarget: 'below {n}%'\n"),
            "participants" => format!("id: p{n}\nname: Team {n}\nkind: other\n"),
            _ => serde_yaml::to_string(&format!("Flag {n}: check")).unwrap(),
        }
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..LISTS.len(), 0..5usize, 0..1000usize).prop_map(|(l, i, n)| Op::Insert(
                LISTS[l],
                i,
                item_for(LISTS[l], n)
            )),
            (0..LISTS.len(), 0..5usize).prop_map(|(l, i)| Op::Remove(LISTS[l], i)),
            (0..LISTS.len(), 0..5usize, 0..5usize).prop_map(|(l, a, b)| Op::Move(LISTS[l], a, b)),
        ]
    }

    proptest! {
        /// List edits written into the text read back as the same edits
        /// made in memory, and never cost a comment.
        #[test]
        fn list_edits_in_text_match_list_edits_in_memory(ops in prop::collection::vec(op(), 1..10)) {
            let mut text = CORPUS.to_string();
            let mut expected: Pathway = serde_yaml::from_str(CORPUS).unwrap();
            for op in &ops {
                let (model, written) = match op {
                    Op::Insert(list, i, yaml) => {
                        let len = fields_len(&expected, list);
                        let i = (*i).min(len);
                        let item: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
                        (fields::insert(&expected, list, i, item), insert_item(&text, list, i, yaml))
                    }
                    Op::Remove(list, i) => (fields::remove(&expected, list, *i), remove_item(&text, list, *i)),
                    Op::Move(list, a, b) => (fields::move_item(&expected, list, *a, *b), move_item(&text, list, *a, *b)),
                };
                match (model, written) {
                    (Ok(m), Ok(t)) => {
                        expected = m;
                        text = t;
                    }
                    (Err(_), Err(_)) => {}
                    (m, t) => prop_assert!(false, "the model said {:?} but the text said {:?} for {:?}", m.err(), t.err(), op),
                }
            }
            let got: Pathway = serde_yaml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(got, expected);
            for comment in ["# A pathway written by hand", "# a line-end comment", "# why"] {
                prop_assert!(text.contains(comment), "{} lost:\n{}", comment, text);
            }
        }
    }

    fn fields_len(p: &Pathway, list: &str) -> usize {
        let v = serde_json::to_value(p).unwrap();
        let mut node = &v;
        for seg in list.split('.') {
            node = match node {
                serde_json::Value::Object(m) => match m.get(seg) {
                    Some(n) => n,
                    None => return 0,
                },
                serde_json::Value::Array(a) => {
                    match seg.parse::<usize>().ok().and_then(|i| a.get(i)) {
                        Some(n) => n,
                        None => return 0,
                    }
                }
                _ => return 0,
            };
        }
        node.as_array().map_or(0, Vec::len)
    }
}

const TWO_CAUSES: &str = "carepath: 1
id: p
title: T
participants:
  - id: hospital
    name: H
    kind: hospital
analyses:
  hospital:
    causes:
      - text: Medicines late  # ward audit
        weight: high
      - text: \"Quoted\"
";

#[test]
fn an_id_given_to_an_item_is_written_first_in_it() {
    let out = set_value(TWO_CAUSES, "analyses.hospital.causes.0.id", "meds-late").unwrap();
    assert!(
        out.contains(
            "    causes:\n      - id: meds-late\n        text: Medicines late  # ward audit\n        weight: high\n"
        ),
        "{out}"
    );
    assert_eq!(
        load_str("p.yaml", &out).unwrap().analyses["hospital"].causes[0]
            .id
            .as_deref(),
        Some("meds-late")
    );
}

#[test]
fn multi_line_text_is_written_as_a_block_scalar() {
    // Over a quoted value, and as a new key.
    let out = set_value(
        TWO_CAUSES,
        "analyses.hospital.causes.1.text",
        "First line\nSecond line",
    )
    .unwrap();
    assert!(
        out.contains("      - text: |-\n          First line\n          Second line\n"),
        "{out}"
    );
    let out = set_value(
        &out,
        "analyses.hospital.causes.0.evidence",
        "Audit, March\n40 discharges\n",
    )
    .unwrap();
    assert!(
        out.contains("        evidence: |\n          Audit, March\n          40 discharges\n"),
        "{out}"
    );
    let p = load_str("p.yaml", &out).unwrap();
    let causes = &p.analyses["hospital"].causes;
    assert_eq!(causes[1].text, "First line\nSecond line");
    assert_eq!(
        causes[0].evidence.as_deref(),
        Some("Audit, March\n40 discharges\n")
    );
}

#[test]
fn a_new_item_with_several_lines_is_written_with_its_id_first_and_a_block() {
    let point = carepath::model::Point {
        id: Some("handover".into()),
        text: "No handover call\non Fridays".into(),
        weight: Some(Weight::High),
        evidence: None,
    };
    let yaml = serde_yaml::to_string(&point).unwrap();
    let out = carepath::text::yaml::edit_list::insert_item(
        TWO_CAUSES,
        "analyses.hospital.causes",
        2,
        &yaml,
    )
    .unwrap();
    assert!(
        out.ends_with(
            "      - id: handover\n        text: |-\n          No handover call\n          on Fridays\n        weight: high\n"
        ),
        "{out}"
    );
    assert_eq!(
        load_str("p.yaml", &out).unwrap().analyses["hospital"]
            .causes
            .len(),
        3
    );
}
