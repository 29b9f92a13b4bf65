//! Aligning participants' analyses.

use carepath::compare::{Match, RowStatus, align, default_pair, matrix};
use carepath::model::{Analysis, Participant, ParticipantKind, Pathway, Point, Weight};

fn point(id: Option<&str>, text: &str, weight: Option<Weight>) -> Point {
    Point {
        id: id.map(String::from),
        text: text.into(),
        weight,
        evidence: None,
    }
}

fn pathway(analyses: Vec<(&str, Vec<Point>)>, extra: &[(&str, ParticipantKind)]) -> Pathway {
    let mut p: Pathway = serde_yaml::from_str("carepath: 1\nid: t\ntitle: T\n").unwrap();
    for (id, causes) in analyses {
        p.participants.push(Participant {
            id: id.into(),
            name: id.to_uppercase(),
            kind: ParticipantKind::Other,
        });
        p.analyses.insert(
            id.into(),
            Analysis {
                causes,
                ..Analysis::default()
            },
        );
    }
    for (id, kind) in extra {
        p.participants.push(Participant {
            id: (*id).into(),
            name: id.to_uppercase(),
            kind: *kind,
        });
    }
    p
}

use Weight::{High, Low, Medium};

#[test]
fn shared_id_with_the_same_content_agrees() {
    let p = pathway(
        vec![
            ("a", vec![point(Some("late"), "Medicines late", Some(High))]),
            (
                "b",
                vec![point(Some("late"), "  medicines LATE. ", Some(High))],
            ),
        ],
        &[],
    );
    let al = align(&p, "a", "b").unwrap();
    let row = &al.section(carepath::model::Section::Causes)[0];
    assert_eq!(
        (row.status, row.matched),
        (RowStatus::Agree, Some(Match::Id))
    );
    assert!(row.differences.is_empty());
    assert_eq!(al.agreement(), 1.0);
}

#[test]
fn shared_id_with_other_weight_and_words_differs_and_says_which() {
    let p = pathway(
        vec![
            (
                "a",
                vec![point(
                    Some("late"),
                    "Medicines not ready when transport arrives",
                    Some(High),
                )],
            ),
            (
                "b",
                vec![point(
                    Some("late"),
                    "Medicines arrive hours after the resident",
                    Some(Medium),
                )],
            ),
        ],
        &[],
    );
    let al = align(&p, "a", "b").unwrap();
    let row = &al.rows().next().unwrap();
    assert_eq!(row.status, RowStatus::Differ);
    assert_eq!(row.differences, vec!["text", "weight"]);
}

#[test]
fn paraphrases_without_ids_are_suggested_not_confirmed() {
    let p = pathway(
        vec![
            (
                "hospital",
                vec![point(
                    None,
                    "Medicines not ready when transport arrives",
                    Some(High),
                )],
            ),
            (
                "home",
                vec![point(
                    None,
                    "meds arrive hours after the resident",
                    Some(High),
                )],
            ),
        ],
        &[],
    );
    let al = align(&p, "hospital", "home").unwrap();
    let rows: Vec<_> = al.rows().collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].matched, Some(Match::Suggested));
    assert_eq!(
        rows[0].status,
        RowStatus::Differ,
        "different wording is not agreement"
    );
    assert!(rows[0].similarity.unwrap() >= 0.4);
}

/// `t` in the comparison copies one side's point into the other side's
/// analysis, without an id: the same words on both sides, but nobody has
/// confirmed it is one point, so it is a suggestion and not agreement.
#[test]
fn the_same_words_unconfirmed_are_never_counted_as_agreement() {
    let taken = point(
        None,
        "Medicines not ready when transport arrives",
        Some(High),
    );
    let p = pathway(
        vec![("hospital", vec![taken.clone()]), ("home", vec![taken])],
        &[],
    );
    let al = align(&p, "hospital", "home").unwrap();
    let rows: Vec<_> = al.rows().collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].matched, Some(Match::Suggested));
    assert_ne!(rows[0].status, RowStatus::Agree);
    assert_eq!(al.counts().agree, 0, "0 agree until someone confirms");
    assert_eq!(al.agreement(), 0.0);
}

#[test]
fn near_misses_do_not_pair() {
    let p = pathway(
        vec![
            (
                "a",
                vec![point(
                    None,
                    "Medicines not ready when transport arrives",
                    Some(High),
                )],
            ),
            (
                "b",
                vec![point(
                    None,
                    "Medication changes made in hospital reach the practice a week later",
                    Some(High),
                )],
            ),
        ],
        &[],
    );
    let statuses: Vec<_> = align(&p, "a", "b")
        .unwrap()
        .rows()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, vec![RowStatus::OnlyA, RowStatus::OnlyB]);
}

#[test]
fn two_candidates_compete_for_one_point_and_the_closer_wins() {
    let p = pathway(
        vec![
            (
                "a",
                vec![point(
                    None,
                    "Late Friday discharges with no handover call",
                    None,
                )],
            ),
            (
                "b",
                vec![
                    point(None, "Friday discharges", None),
                    point(
                        None,
                        "Discharged late on a Friday with no handover call",
                        None,
                    ),
                ],
            ),
        ],
        &[],
    );
    let al = align(&p, "a", "b").unwrap();
    let rows: Vec<_> = al.rows().collect();
    assert_eq!(rows.len(), 2, "one pair and one left over: {rows:#?}");
    assert_eq!(
        rows[0].b.as_ref().unwrap().text,
        "Discharged late on a Friday with no handover call"
    );
    assert_eq!(rows[1].status, RowStatus::OnlyB);
}

#[test]
fn points_with_different_ids_are_never_suggested_as_one() {
    let p = pathway(
        vec![
            ("a", vec![point(Some("x"), "Late Friday discharges", None)]),
            ("b", vec![point(Some("y"), "Late Friday discharges", None)]),
        ],
        &[],
    );
    let statuses: Vec<_> = align(&p, "a", "b")
        .unwrap()
        .rows()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, vec![RowStatus::OnlyA, RowStatus::OnlyB]);
}

#[test]
fn empty_analyses_and_a_participant_without_one() {
    let p = pathway(
        vec![
            ("a", vec![]),
            ("b", vec![point(None, "Something", Some(Low))]),
        ],
        &[("c", ParticipantKind::Gp)],
    );
    let al = align(&p, "a", "c").unwrap();
    assert_eq!(al.rows().count(), 0);
    assert_eq!(al.agreement(), 0.0);
    assert!(!al.a_has_analysis && !al.b_has_analysis);
    let al = align(&p, "c", "b").unwrap();
    assert_eq!(
        al.rows().map(|r| r.status).collect::<Vec<_>>(),
        vec![RowStatus::OnlyB]
    );
}

#[test]
fn an_unknown_participant_is_refused_with_the_valid_ids() {
    let p = pathway(vec![("a", vec![]), ("b", vec![])], &[]);
    let e = align(&p, "a", "nobody").unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"nobody\" is not a participant of this pathway; participants: a, b"
    );
}

#[test]
fn default_pair_prefers_hospital_and_care_home() {
    let p = pathway(
        vec![
            ("gp", vec![point(None, "x", None)]),
            ("sw", vec![point(None, "y", None)]),
        ],
        &[
            ("ward", ParticipantKind::Hospital),
            ("oak", ParticipantKind::CareHome),
        ],
    );
    assert_eq!(default_pair(&p), Some(("ward".into(), "oak".into())));
    let p = pathway(
        vec![
            ("gp", vec![]),
            ("sw", vec![point(None, "y", None)]),
            ("dn", vec![point(None, "z", None)]),
        ],
        &[],
    );
    assert_eq!(
        default_pair(&p),
        Some(("sw".into(), "dn".into())),
        "the first two with analyses"
    );
}

#[test]
fn matrix_puts_the_sharpest_disagreement_first() {
    let p = pathway(
        vec![
            (
                "a",
                vec![
                    point(Some("beds"), "No beds", Some(Medium)),
                    point(None, "Friday discharges late", Some(High)),
                ],
            ),
            (
                "b",
                vec![
                    point(Some("beds"), "Too few beds", Some(Medium)),
                    point(None, "late discharges on a Friday", Some(Low)),
                ],
            ),
            ("c", vec![point(Some("beds"), "Beds", Some(Medium))]),
        ],
        &[("d", ParticipantKind::Gp)],
    );
    let m = matrix(&p);
    assert_eq!(m.participants, vec!["a", "b", "c", "d"]);
    assert_eq!(m.has_analysis, vec![true, true, true, false]);
    assert_eq!(m.rows.len(), 2);
    let first = &m.rows[0];
    assert_eq!(first.label, "Friday discharges late");
    assert_eq!(first.matched, Some(Match::Suggested));
    assert_eq!(first.sharpness, 3, "high for a, absent for c");
    assert!(first.cells[2].is_none() && first.cells[3].is_none());
    let beds = &m.rows[1];
    assert_eq!(beds.matched, Some(Match::Id));
    assert_eq!(beds.sharpness, 0);
}
