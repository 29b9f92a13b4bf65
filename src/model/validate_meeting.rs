//! The rules of the meeting's records: decisions, questions and actions
//! have their own ids and name participants, steps, points and changes
//! that exist; a measure holds one value a day.

use std::collections::HashSet;

use super::pathway::Pathway;
use super::validate::{Problem, list_or_none, unique_ids};

/// Every problem with the meeting's records of `p`, given the ids of its
/// participants and steps.
pub(super) fn meeting(
    p: &Pathway,
    participants: &HashSet<&str>,
    steps: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) {
    let known = |id: &str| participants.contains(id);
    let named = || list_or_none(p.participants.iter().map(|x| x.id.as_str()));
    let points = point_names(p);

    let decisions = unique_ids(
        problems,
        p.decisions.iter().map(|x| x.id.as_str()),
        "decisions",
    );
    for (i, d) in p.decisions.iter().enumerate() {
        if d.agreed.trim().is_empty() {
            problems.push(Problem::new(
                path!["decisions", i, "agreed"],
                "this decision does not say what was agreed",
            ));
        }
        for (list, ids) in [("present", &d.present), ("participants", &d.participants)] {
            for (j, id) in ids.iter().enumerate() {
                if !known(id) {
                    problems.push(
                        Problem::new(
                            path!["decisions", i, list, j],
                            format!(
                                "\"{id}\" is not one of this pathway's participants ({})",
                                named()
                            ),
                        )
                        .dangling(),
                    );
                }
            }
        }
        for (j, point) in d.points.iter().enumerate() {
            if !points.contains(point.as_str()) {
                problems.push(
                    Problem::new(
                        path!["decisions", i, "points", j],
                        format!(
                            "no analysis has a point with the id or text \"{point}\" for this decision to settle"
                        ),
                    )
                    .dangling(),
                );
            }
        }
    }

    unique_ids(
        problems,
        p.questions.iter().map(|x| x.id.as_str()),
        "questions",
    );
    for (i, q) in p.questions.iter().enumerate() {
        if q.text.trim().is_empty() {
            problems.push(Problem::new(
                path!["questions", i, "text"],
                "this question has no text",
            ));
        }
        if q.step.is_some() && q.point.is_some() {
            problems.push(Problem::new(
                path!["questions", i, "point"],
                "a question is on a step or on a point, not both; raise a second question for the other",
            ));
        }
        if let Some(step) = &q.step
            && !steps.contains(step.as_str())
        {
            problems.push(
                Problem::new(
                    path!["questions", i, "step"],
                    format!("there is no step with the id \"{step}\" for this question to be on"),
                )
                .dangling(),
            );
        }
        if let Some(point) = &q.point
            && !points.contains(point.as_str())
        {
            problems.push(
                Problem::new(
                    path!["questions", i, "point"],
                    format!(
                        "no analysis has a point with the id or text \"{point}\" for this question to be on"
                    ),
                )
                .dangling(),
            );
        }
        for (j, a) in q.answers.iter().enumerate() {
            if a.text.trim().is_empty() {
                problems.push(Problem::new(
                    path!["questions", i, "answers", j, "text"],
                    "this answer has no text",
                ));
            }
        }
    }

    let changes = unique_optional_ids(
        problems,
        p.monday_morning.iter().map(|x| x.id.as_deref()),
        "monday_morning",
    );
    unique_optional_ids(
        problems,
        p.measures.iter().map(|x| x.id.as_deref()),
        "measures",
    );
    unique_ids(problems, p.actions.iter().map(|x| x.id.as_str()), "actions");
    for (i, a) in p.actions.iter().enumerate() {
        if a.what.trim().is_empty() {
            problems.push(Problem::new(
                path!["actions", i, "what"],
                "this action does not say what is to be done",
            ));
        }
        // Not a draft's loose end: an action nobody answers for is not an
        // action.
        if !known(&a.owner) {
            problems.push(Problem::new(
                path!["actions", i, "owner"],
                format!(
                    "the owner \"{}\" is not one of this pathway's participants ({})",
                    a.owner,
                    named()
                ),
            ));
        }
        if let Some(serves) = &a.serves {
            let message = match (
                decisions.contains(serves.as_str()),
                changes.contains(serves.as_str()),
            ) {
                (true, false) | (false, true) => None,
                (true, true) => Some(format!(
                    "\"{serves}\" is both a decision and a Monday-morning change; give one of them another id"
                )),
                (false, false) => Some(format!(
                    "there is no decision or Monday-morning change with the id \"{serves}\" for this action to serve"
                )),
            };
            if let Some(message) = message {
                problems.push(Problem::new(path!["actions", i, "serves"], message).dangling());
            }
        }
    }

    for (i, m) in p.measures.iter().enumerate() {
        let mut days = HashSet::new();
        for (j, v) in m.values.iter().enumerate() {
            if !days.insert(v.date) {
                problems.push(Problem::new(
                    path!["measures", i, "values", j, "date"],
                    format!(
                        "\"{}\" has two values for {}; a measure holds one value a day",
                        m.text, v.date
                    ),
                ));
            }
            if !v.value.is_finite() {
                problems.push(Problem::new(
                    path!["measures", i, "values", j, "value"],
                    "a measure's value must be a number, like 14.5",
                ));
            }
        }
    }
}

/// The ids and texts of every analysis point: what a decision or a
/// question may name a point by.
pub fn point_names(p: &Pathway) -> HashSet<&str> {
    let mut out = HashSet::new();
    for analysis in p.analyses.values() {
        for section in super::Section::ALL {
            for point in analysis.section(section) {
                out.insert(point.text.as_str());
                if let Some(id) = &point.id {
                    out.insert(id.as_str());
                }
            }
        }
    }
    out
}

/// Like `unique_ids`, for a list whose items need not have an id.
fn unique_optional_ids<'a>(
    problems: &mut Vec<Problem>,
    ids: impl Iterator<Item = Option<&'a str>>,
    list: &str,
) -> HashSet<&'a str> {
    // What one item is called, as the model's schema says.
    let what = super::schema::list(list).map_or(list, |item| item.noun);
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        let Some(id) = id else { continue };
        if !super::is_slug(id) {
            problems.push(Problem::new(
                path![list, i, "id"],
                format!(
                    "the {what} id \"{id}\" must use only lower-case letters, digits and hyphens"
                ),
            ));
        }
        if !seen.insert(id) {
            problems.push(Problem::new(
                path![list, i, "id"],
                format!("two {list} have the id \"{id}\"; each {what} needs its own id"),
            ));
        }
    }
    seen
}
