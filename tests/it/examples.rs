//! The example library: every pathway loads, and each is rich enough to
//! show what carepath is for (disagreeing analyses, a decision, Monday
//! morning, measures).

use std::collections::HashSet;

use carepath::model::{Pathway, Section, StepKind};
use carepath::store::library::builtin;
use carepath::store::read::load::load_bytes;

fn examples() -> Vec<Pathway> {
    let files = builtin::examples();
    assert!(files.len() >= 5, "at least five example pathways");
    files
        .into_iter()
        .map(|(name, bytes)| load_bytes(name, bytes).unwrap_or_else(|d| panic!("{name}: {d:#?}")))
        .collect()
}

#[test]
fn every_example_has_the_parts_of_a_good_pathway() {
    for p in examples() {
        let id = &p.id;
        assert!(p.participants.len() >= 3, "{id}: three participants");
        assert!(p.analyses.len() >= 2, "{id}: two analyses");
        assert!(p.steps.len() >= 6, "{id}: six steps");
        assert!(
            p.steps
                .iter()
                .any(|s| s.kind == StepKind::Decision && s.branches.len() >= 2),
            "{id}: a decision with branches"
        );
        assert!(!p.monday_morning.is_empty(), "{id}: Monday-morning changes");
        assert!(!p.measures.is_empty(), "{id}: measures");
        assert!(
            p.problem.is_some() && !p.principles.is_empty(),
            "{id}: problem and principles"
        );
    }
}

/// Two analyses genuinely disagree: a point shared by id but weighed or
/// worded differently, and a point only one side sees.
#[test]
fn every_example_has_analyses_that_disagree() {
    for p in examples() {
        let mut shared_but_different = false;
        let mut one_sided = false;
        let analyses: Vec<_> = p.analyses.values().collect();
        for (i, a) in analyses.iter().enumerate() {
            for b in &analyses[i + 1..] {
                for section in Section::ALL {
                    for x in a.section(section) {
                        match b
                            .section(section)
                            .iter()
                            .find(|y| y.id.is_some() && y.id == x.id)
                        {
                            Some(y) => {
                                shared_but_different |= y.weight != x.weight || y.text != x.text
                            }
                            None => one_sided |= true,
                        }
                    }
                }
            }
        }
        assert!(
            shared_but_different,
            "{}: a shared point seen differently",
            p.id
        );
        assert!(one_sided, "{}: a point only one side sees", p.id);
        let values: Vec<HashSet<&str>> = p
            .analyses
            .values()
            .map(|a| a.values.iter().map(|v| v.text.as_str()).collect())
            .filter(|v: &HashSet<&str>| !v.is_empty())
            .collect();
        assert!(
            values.len() >= 2 && values[0] != values[1],
            "{}: differing values",
            p.id
        );
    }
}

#[test]
fn the_five_scenarios_are_all_there() {
    let ids: HashSet<String> = examples().into_iter().map(|p| p.id).collect();
    for id in [
        "discharge-to-care-home",
        "integrated-copd-clinic",
        "care-home-medication-review",
        "mental-health-crisis-big-room",
        "personalised-care-at-home",
    ] {
        assert!(ids.contains(id), "missing {id}");
    }
}

#[test]
fn the_statuses_and_review_dates_vary() {
    let all = examples();
    let statuses: HashSet<_> = all.iter().map(|p| p.status).collect();
    assert!(statuses.len() >= 3);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert!(
        all.iter().any(|p| p.review_overdue(today)),
        "one review is overdue, to show how it looks"
    );
}

/// The examples show a partners' meeting at work: decisions, questions
/// open and answered, actions with some overdue on 30 November 2026 (and
/// every day after), and a year of monthly values with a real shift.
#[test]
fn the_examples_show_the_meeting_at_work() {
    use carepath::model::runchart::{SignalKind, run_chart};
    let all = examples();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    assert!(all.iter().any(|p| !p.decisions.is_empty()), "decisions");
    let questions: Vec<_> = all.iter().flat_map(|p| &p.questions).collect();
    assert!(questions.iter().any(|q| q.is_open()), "an open question");
    assert!(
        questions
            .iter()
            .any(|q| !q.answers.is_empty() && !q.is_open()),
        "an answered, closed question"
    );
    let actions: Vec<_> = all.iter().flat_map(|p| &p.actions).collect();
    assert!(
        actions.iter().any(|a| a.is_overdue(today)),
        "an overdue action"
    );
    assert!(
        actions.iter().any(|a| !a.is_overdue(today) && a.is_open()),
        "an action to come"
    );
    let big_room = all
        .iter()
        .find(|p| p.id == "mental-health-crisis-big-room")
        .unwrap();
    let year_with_a_shift = big_room.measures.iter().any(|m| {
        let chart = run_chart(m);
        chart.points.len() >= 12 && chart.new_signals().any(|s| s.kind == SignalKind::Shift)
    });
    assert!(
        year_with_a_shift,
        "a year of values with a shift this month"
    );
    let without = big_room.decisions.iter().any(|d| {
        !carepath::meeting::voices(big_room, d)
            .taken_without
            .is_empty()
    });
    assert!(
        without,
        "a decision taken without someone whose point it was"
    );
}
