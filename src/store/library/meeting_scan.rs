//! The meeting's records as the library list counts them, read from the
//! YAML's events by the summary scan ([`super::summary_scan`]): how many
//! questions are still open, and the due dates of the actions still to be
//! done. Like the rest of the scan it gives up (`None`: the file is then
//! read whole) on anything it is not sure of — an item that is not a
//! mapping of the keys the model knows, a required key missing or
//! repeated, a date that does not read, an action status it does not know.

use chrono::NaiveDate;
use saphyr_parser::{Event, ScalarStyle};

use super::summary_scan::{Events, text_of};
use crate::model::ActionStatus;
use crate::model::meeting::{Action, Closed, Question};
use crate::model::schema::keys_of;

/// The keys a question must have (the model's `Question` knows them all).
const QUESTION_NEEDS: [&str; 4] = ["id", "by", "date", "text"];

/// The keys an action must have.
const ACTION_NEEDS: [&str; 4] = ["id", "what", "owner", "due"];

/// How many questions are open (not closed).
pub(super) fn open_questions(events: &mut Events<'_>) -> Option<u32> {
    let questions = items(
        events,
        keys_of::<Question>(),
        &QUESTION_NEEDS,
        |key, events, closed: &mut bool| {
            match key {
                "date" => {
                    date(events)?;
                }
                // Closed says who closed it and when; without it, it is open.
                "closed" => {
                    if !matches!(events.next()?, Event::MappingStart(_, None)) {
                        return None;
                    }
                    mapping(
                        events,
                        keys_of::<Closed>(),
                        // A closing needs all it has.
                        keys_of::<Closed>(),
                        &mut (),
                        |key, events, _| match key {
                            "date" => date(events).map(drop),
                            _ => text_of(events.next()?).map(drop),
                        },
                    )?;
                    *closed = true;
                }
                "answers" | "step" | "point" => events.skip_value()?,
                _ => {
                    text_of(events.next()?)?;
                }
            }
            Some(())
        },
    )?;
    let open = questions.iter().filter(|closed| !**closed).count();
    Some(u32::try_from(open).unwrap_or(u32::MAX))
}

/// The due dates of the actions still to be done (open or doing), in the
/// file's order.
pub(super) fn actions_due(events: &mut Events<'_>) -> Option<Vec<NaiveDate>> {
    let actions = items(
        events,
        keys_of::<Action>(),
        &ACTION_NEEDS,
        |key, events, action: &mut (Option<NaiveDate>, ActionStatus)| {
            match key {
                "due" => action.0 = Some(date(events)?),
                "status" => {
                    let s = match events.next()? {
                        Event::Scalar(v, ScalarStyle::Plain, _, None) => v,
                        _ => return None,
                    };
                    action.1 = ActionStatus::ALL.into_iter().find(|x| x.as_str() == s)?;
                }
                _ => {
                    text_of(events.next()?)?;
                }
            }
            Some(())
        },
    )?;
    Some(
        actions
            .into_iter()
            .filter(|(_, status)| matches!(status, ActionStatus::Open | ActionStatus::Doing))
            .filter_map(|(due, _)| due)
            .collect(),
    )
}

/// Reads a list of items, each a mapping read by [`mapping`] into an `S`.
fn items<S: Default>(
    events: &mut Events<'_>,
    known: &[&str],
    needs: &[&str],
    mut entry: impl FnMut(&str, &mut Events<'_>, &mut S) -> Option<()>,
) -> Option<Vec<S>> {
    if !matches!(events.next()?, Event::SequenceStart(_, None)) {
        return None;
    }
    let mut out = Vec::new();
    loop {
        match events.next()? {
            Event::SequenceEnd => return Some(out),
            Event::MappingStart(_, None) => {}
            _ => return None,
        }
        let mut item = S::default();
        mapping(events, known, needs, &mut item, &mut entry)?;
        out.push(item);
    }
}

/// Reads a mapping whose start was read: plain keys from `known`, every
/// key of `needs`, none twice; `entry` reads the value of each key.
fn mapping<S>(
    events: &mut Events<'_>,
    known: &[&str],
    needs: &[&str],
    item: &mut S,
    mut entry: impl FnMut(&str, &mut Events<'_>, &mut S) -> Option<()>,
) -> Option<()> {
    let mut seen = vec![false; known.len()];
    loop {
        let key = match events.next()? {
            Event::MappingEnd => break,
            Event::Scalar(k, ScalarStyle::Plain, _, None) => k,
            _ => return None,
        };
        let slot = known.iter().position(|k| *k == key)?;
        if std::mem::replace(&mut seen[slot], true) {
            return None;
        }
        entry(known[slot], events, item)?;
    }
    needs
        .iter()
        .all(|n| known.iter().position(|k| k == n).is_some_and(|i| seen[i]))
        .then_some(())
}

/// A date, written as the model reads it (`2026-11-02`).
fn date(events: &mut Events<'_>) -> Option<NaiveDate> {
    text_of(events.next()?)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::super::summary_scan::scan;

    const HEAD: &str = "carepath: 1\nid: a\ntitle: A\n";

    #[test]
    fn the_keys_it_needs_are_keys_the_model_has() {
        use super::*;
        for need in QUESTION_NEEDS {
            assert!(keys_of::<Question>().contains(&need), "{need}");
        }
        for need in ACTION_NEEDS {
            assert!(keys_of::<Action>().contains(&need), "{need}");
        }
    }

    #[test]
    fn open_questions_and_the_dates_of_actions_to_do_are_counted() {
        let text = format!(
            "{HEAD}questions:\n  - id: q1\n    by: gp\n    date: 2026-11-10\n    text: Why?\n\
             \x20 - id: q2\n    by: gp\n    date: 2026-11-10\n    text: How?\n\
             \x20   answers:\n      - by: x\n        date: 2026-11-11\n        text: So\n\
             \x20   closed:\n      by: gp\n      date: 2026-11-12\n\
             actions:\n  - id: a1\n    what: Call\n    owner: gp\n    due: 2026-11-02\n\
             \x20 - id: a2\n    what: Write\n    owner: gp\n    due: 2026-12-01\n    status: done\n\
             \x20 - id: a3\n    what: Send\n    owner: gp\n    due: 2026-12-15\n    status: doing\n"
        );
        let s = scan(Some("a"), &text).unwrap();
        assert_eq!(s.open_questions, 1);
        assert_eq!(
            s.actions_due,
            vec!["2026-11-02".parse().unwrap(), "2026-12-15".parse().unwrap()]
        );
    }

    #[test]
    fn a_meeting_record_the_scan_is_not_sure_of_is_left_to_the_whole_reading() {
        for bad in [
            "questions:\n  - id: q\n    by: gp\n    date: 2026-11-10\n",
            "questions:\n  - id: q\n    by: gp\n    date: soon\n    text: T\n",
            "questions:\n  - id: q\n    by: gp\n    date: 2026-11-10\n    text: T\n    mood: x\n",
            "questions:\n  - id: q\n    by: gp\n    date: 2026-11-10\n    text: T\n    closed: yes\n",
            "questions: none\n",
            "actions:\n  - id: a\n    what: W\n    owner: gp\n    due: 2026-11-02\n    status: later\n",
            "actions:\n  - id: a\n    what: W\n    owner: gp\n",
            "actions:\n  - id: a\n    id: b\n    what: W\n    owner: gp\n    due: 2026-11-02\n",
        ] {
            assert_eq!(scan(Some("a"), &format!("{HEAD}{bad}")), None, "{bad:?}");
        }
    }
}
