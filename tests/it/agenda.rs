//! The meeting's agenda, built from the pathway: what is still open, in
//! the order a facilitator would take it, and what a decision takes off.

use carepath::meeting::{AgendaInput, Item, agenda_of, decisions_on, voices};
use carepath::model::Pathway;
use chrono::NaiveDate;

const PATHWAY: &str = "carepath: 1
id: p
title: Crisis care
participants:
  - id: ae
    name: A&E
    kind: hospital
  - id: police
    name: Police
    kind: other
  - id: social
    name: Social care
    kind: social-care
  - id: gp
    name: GP
    kind: gp
analyses:
  ae:
    causes:
      - id: wait
        text: People wait hours for an assessment
        weight: high
      - id: beds
        text: No crisis beds at night
        weight: medium
      - id: notes
        text: Notes are not shared
        weight: low
  police:
    causes:
      - id: wait
        text: People wait hours for an assessment
        weight: low
      - id: beds
        text: No crisis beds at night
        weight: medium
      - id: notes
        text: Notes are not shared
        weight: low
  social:
    causes:
      - id: wait
        text: People wait hours for an assessment
        weight: high
      - id: beds
        text: No crisis beds at night
        weight: medium
measures:
  - text: Hours to assessment
    target: below 4
    values:
      - {date: 2026-01-01, value: 3}
      - {date: 2026-02-01, value: 3.5}
      - {date: 2026-03-01, value: 4.5}
      - {date: 2026-04-01, value: 5}
  - text: Repeat attendances
    values:
      - {date: 2026-01-01, value: 9}
      - {date: 2026-02-01, value: 8}
      - {date: 2026-03-01, value: 7}
      - {date: 2026-04-01, value: 6}
      - {date: 2026-05-01, value: 5}
      - {date: 2026-06-01, value: 5.5}
questions:
  - id: old
    by: ae
    date: 2026-10-01
    text: Who pays at night?
  - id: closed
    by: ae
    date: 2026-09-01
    text: Done?
    closed: {by: ae, date: 2026-09-02}
  - id: new
    by: police
    date: 2026-11-20
    text: Can we share notes?
actions:
  - {id: late, what: Late one, owner: ae, due: 2026-11-01}
  - {id: soon, what: Due soon, owner: police, due: 2026-12-03, status: doing}
  - {id: later, what: Next year, owner: police, due: 2027-03-01}
  - {id: finished, what: Done, owner: ae, due: 2026-10-01, status: done}
";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn load(text: &str) -> Pathway {
    carepath::store::read::load::load_str("p.yaml", text).unwrap()
}

fn summary(p: &Pathway) -> Vec<String> {
    agenda_of(p, &AgendaInput::on(today()))
        .items
        .iter()
        .map(|i| match i {
            Item::Disagreement { key, .. } => format!("disagreement {key}"),
            Item::NoAnalysis { participant } => format!("no analysis {participant}"),
            Item::StaleSignOff { participant, .. } => format!("stale {participant}"),
            Item::OpenQuestion { id, .. } => format!("question {id}"),
            Item::Action { id, overdue, .. } => format!("action {id} overdue={overdue}"),
            Item::MeasureSignal { text, signal, .. } => {
                format!("signal {text} {} {}", signal.kind.as_str(), signal.to)
            }
        })
        .collect()
}

#[test]
fn the_agenda_takes_the_sharpest_disagreement_first_and_everything_open_after() {
    let p = load(PATHWAY);
    assert_eq!(
        summary(&p),
        [
            // High against low: the sharpest. Then notes (social care is
            // silent on it); beds: all agree, so not on the agenda.
            "disagreement wait",
            "disagreement notes",
            "no analysis gp",
            "question old",
            "question new",
            "action late overdue=true",
            "action soon overdue=false",
            "signal Hours to assessment beyond_target 2026-04-01",
        ]
    );
}

#[test]
fn a_decided_point_and_a_settled_participant_are_off_the_agenda() {
    let text = PATHWAY.to_string()
        + "decisions:
  - id: one-hour
    date: 2026-11-23
    agreed: Assessed within an hour
    present: [ae, social, gp]
    points: [wait]
    participants: [gp]
";
    let p = load(&text);
    let s = summary(&p);
    assert!(!s.contains(&"disagreement wait".to_string()), "{s:?}");
    assert!(!s.contains(&"no analysis gp".to_string()), "{s:?}");
    assert!(s.contains(&"disagreement notes".to_string()), "{s:?}");
    // The police held the point and were not in the room.
    let v = voices(&p, &p.decisions[0]);
    assert_eq!(v.present, ["ae", "social", "gp"]);
    assert_eq!(v.absent, ["police"]);
    assert_eq!(v.taken_without, ["police"]);
    assert_eq!(decisions_on(&p, Some("wait"), "").len(), 1);
    assert!(decisions_on(&p, Some("beds"), "No crisis beds at night").is_empty());
}

#[test]
fn a_decision_with_everyone_concerned_present_is_not_marked() {
    let text = PATHWAY.to_string()
        + "decisions:
  - id: notes
    date: 2026-11-23
    agreed: Share notes
    present: [ae, police]
    points: [Notes are not shared]
";
    let p = load(&text);
    let v = voices(&p, &p.decisions[0]);
    assert_eq!(v.absent, ["social", "gp"]);
    assert!(v.taken_without.is_empty(), "{v:?}");
    assert!(!summary(&p).contains(&"disagreement notes".to_string()));
}

#[test]
fn a_sign_off_for_an_earlier_version_is_on_the_agenda() {
    let text = PATHWAY.to_string()
        + "sign_off:
  - participant: police
    by: pc
    at: 2026-11-01T10:00:00Z
    digest: sha256:0000000000000000000000000000000000000000000000000000000000000000
";
    let p = load(&text);
    assert!(summary(&p).contains(&"stale police".to_string()));
}

#[test]
fn an_older_signal_is_not_new() {
    // The trend in repeat attendances ended before the latest value.
    let p = load(PATHWAY);
    assert!(
        summary(&p)
            .iter()
            .all(|s| !s.contains("Repeat attendances"))
    );
}

#[test]
fn among_equally_sharp_disagreements_the_longest_open_comes_first() {
    let text = PATHWAY.replace("text: Notes are not shared\n        weight: low\n  social", "text: Notes are not shared\n        weight: low\n      - id: phones\n        text: Phones go unanswered\n  social");
    let p = load(&text);
    let mut opened = std::collections::HashMap::new();
    opened.insert(
        "phones".to_string(),
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    );
    opened.insert(
        "notes".to_string(),
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
    );
    let input = AgendaInput {
        opened: Some(&opened),
        ..AgendaInput::on(today())
    };
    let keys: Vec<String> = agenda_of(&p, &input)
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Disagreement { key, .. } => Some(key.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(keys[0], "wait");
    let (n, ph) = (
        keys.iter().position(|k| k == "notes").unwrap(),
        keys.iter().position(|k| k == "phones").unwrap(),
    );
    assert!(ph < n, "{keys:?}");
}
