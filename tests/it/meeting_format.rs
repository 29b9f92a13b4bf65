//! The meeting's records in the pathway file: decisions, questions,
//! actions and the values a measure takes. They load, are refused with a
//! file:line:col when wrong, and are diffed and merged item by item.

use std::process::Command;

use carepath::diff::{ChangeKind, diff};
use carepath::merge::merge;
use carepath::store::read::load::{Diagnostic, load_str};

const MEETING: &str = "carepath: 1
id: p
title: Crisis care
status: in-review
participants:
  - id: ae
    name: A&E
    kind: hospital
  - id: police
    name: Police
    kind: other
analyses:
  ae:
    causes:
      - id: wait
        text: People wait hours for a mental health assessment
        weight: high
  police:
    causes:
      - id: wait
        text: Officers wait with people for hours
        weight: medium
steps:
  - id: assess
    title: Assess within an hour
monday_morning:
  - id: liaison-desk
    who: ae
    change: A liaison nurse sits at the A&E desk
measures:
  - id: wait-hours
    text: Median hours from arrival to assessment
    target: below 4
    values:
      - date: 2026-01-01
        value: 6.5
        source: A&E dashboard
      - date: 2026-02-01
        value: 5.9
        note: Two liaison nurses off sick
decisions:
  - id: one-hour
    date: 2026-02-10
    agreed: Assessment within an hour of arrival
    why: Police time is spent waiting
    present: [ae, police]
    points: [wait]
questions:
  - id: who-pays
    by: dr-khan
    date: 2026-02-10
    text: Who funds the liaison nurse at night?
    step: assess
    answers:
      - by: police
        date: 2026-02-12
        text: The trust, from April
    closed:
      by: dr-khan
      date: 2026-02-13
actions:
  - id: rota
    what: Draft a night rota for liaison nurses
    owner: ae
    person: asmith
    due: 2026-03-01
    status: doing
    serves: one-hour
";

fn errors(text: &str) -> Vec<Diagnostic> {
    load_str("p.yaml", text).expect_err("the file should not load")
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn decisions_questions_actions_and_values_load() {
    let p = load_str("p.yaml", MEETING).unwrap();
    assert_eq!(p.decisions[0].present, ["ae", "police"]);
    assert_eq!(p.questions[0].answers[0].text, "The trust, from April");
    assert!(!p.questions[0].is_open());
    assert_eq!(p.actions[0].serves.as_deref(), Some("one-hour"));
    assert_eq!(p.measures[0].values.len(), 2);
    assert_eq!(p.measures[0].values[1].value, 5.9);
}

#[test]
fn an_unknown_key_in_an_action_is_named_at_its_place() {
    let text = MEETING.replace("    status: doing\n", "    satus: doing\n");
    let d = errors(&text);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("unknown key `satus`"), "{}", d[0]);
    assert!(d[0].message.contains("did you mean `status`"), "{}", d[0]);
    assert_eq!(d[0].line, line_of(&text, "satus"), "{}", d[0]);
}

#[test]
fn a_bad_date_is_named_at_its_place() {
    let text = MEETING.replace("date: 2026-02-12", "date: 2026-02-31");
    let d = errors(&text);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("must be a date like"), "{}", d[0]);
    assert_eq!(d[0].line, line_of(&text, "2026-02-31"), "{}", d[0]);
    let text = MEETING.replace("due: 2026-03-01", "due: next week");
    let d = errors(&text);
    assert!(d[0].message.contains("`due`"), "{}", d[0]);
    assert_eq!(d[0].line, line_of(&text, "next week"), "{}", d[0]);
}

#[test]
fn an_action_owned_by_nobody_in_the_pathway_is_refused_even_in_a_draft() {
    let text = MEETING
        .replace("    owner: ae\n", "    owner: social\n")
        .replace("status: in-review\n", "");
    let d = errors(&text);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].message
            .contains("\"social\" is not one of this pathway's participants (ae, police)"),
        "{}",
        d[0]
    );
    let line = line_of(&text, "owner: social");
    assert_eq!((d[0].line, d[0].column), (line, 12), "{}", d[0]);
}

#[test]
fn two_values_on_one_day_and_ids_used_twice_are_refused() {
    let text = MEETING.replace("date: 2026-02-01", "date: 2026-01-01");
    let d = errors(&text);
    assert!(d[0].message.contains("one value a day"), "{}", d[0]);
    let text = MEETING.replace("id: rota", "id: Rota Night");
    assert!(errors(&text)[0].message.contains("lower-case"));
    let text = MEETING.replace("serves: one-hour", "serves: nothing-here");
    let d = errors(&text);
    assert!(
        d[0].message
            .contains("no decision or Monday-morning change"),
        "{}",
        d[0]
    );
    let text = MEETING.replace("present: [ae, police]", "present: [ae, fire]");
    let d = errors(&text);
    assert!(d[0].message.contains("\"fire\""), "{}", d[0]);
}

#[test]
fn diff_names_decisions_actions_and_values_by_their_keys() {
    let old = load_str("p.yaml", MEETING).unwrap();
    let text = MEETING
        .replace("    status: doing\n", "    status: done\n")
        .replace(
            "        note: Two liaison nurses off sick\n",
            "        note: Two liaison nurses off sick\n      - date: 2026-03-01\n        value: 4.2\n",
        );
    let new = load_str("p.yaml", &text).unwrap();
    let changes = diff(&old, &new);
    let paths: Vec<(ChangeKind, &str)> =
        changes.iter().map(|c| (c.kind, c.path.as_str())).collect();
    assert!(
        paths.contains(&(ChangeKind::Changed, "actions[rota].status")),
        "{paths:?}"
    );
    assert!(
        paths.contains(&(ChangeKind::Added, "measures[wait-hours].values[2026-03-01]")),
        "{paths:?}"
    );
    assert_eq!(paths.len(), 2, "{paths:?}");
}

fn with_value(text: &str, date: &str, value: &str) -> String {
    text.replace(
        "        note: Two liaison nurses off sick\n",
        &format!("        note: Two liaison nurses off sick\n      - date: {date}\n        value: {value}\n"),
    )
}

#[test]
fn two_people_recording_values_for_one_measure_at_once_both_land() {
    let base = load_str("p.yaml", MEETING).unwrap();
    let ours = load_str("p.yaml", &with_value(MEETING, "2026-03-01", "4.2")).unwrap();
    let theirs = load_str("p.yaml", &with_value(MEETING, "2026-04-01", "3.8")).unwrap();
    let r = merge(&base, &ours, &theirs).unwrap();
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
    let mut dates: Vec<String> = r.merged.measures[0]
        .values
        .iter()
        .map(|v| v.date.to_string())
        .collect();
    // Each side's addition follows what it follows on that side; charts
    // put values in date order.
    dates.sort();
    assert_eq!(
        dates,
        ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]
    );

    // The same day with two different figures is a conflict, not two values.
    let theirs = load_str("p.yaml", &with_value(MEETING, "2026-03-01", "4.9")).unwrap();
    let r = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(r.merged.measures[0].values.len(), 3);
    assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
    assert_eq!(
        r.conflicts[0].path,
        "measures[wait-hours].values[2026-03-01].value"
    );
}

#[test]
fn two_people_adding_actions_and_answers_both_keep_theirs_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let action = |id: &str, what: &str| {
        MEETING.to_string()
            + &format!("  - id: {id}\n    what: {what}\n    owner: police\n    due: 2026-04-01\n")
    };
    let write = |name: &str, text: &str| {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        f
    };
    let base = write("base.yaml", MEETING);
    let ours = write("ours.yaml", &action("handover", "Agree a handover form"));
    let theirs = write(
        "theirs.yaml",
        &with_value(
            &action("s136-audit", "Audit section 136 waits"),
            "2026-03-01",
            "4.2",
        ),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["merge"])
        .args([&base, &ours, &theirs])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = load_str("p.yaml", &std::fs::read_to_string(&ours).unwrap()).unwrap();
    let mut ids: Vec<&str> = merged.actions.iter().map(|a| a.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["handover", "rota", "s136-audit"]);
    assert_eq!(merged.measures[0].values.len(), 3);
}
