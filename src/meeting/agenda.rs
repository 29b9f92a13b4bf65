//! The meeting's agenda, built from the pathway: open disagreements,
//! sharpest first; participants who have written no analysis; sign-offs
//! for an earlier version; open questions; actions due or overdue; and
//! measures whose latest values make a signal. What a decision settles is
//! no longer on it.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use super::settled::Settled;
use crate::compare::{Match, Matrix, MatrixRow};
use crate::model::runchart::{Signal, run_chart};
use crate::model::{ActionStatus, Pathway, Section, signoff};

/// What the agenda is built against.
#[derive(Debug, Clone)]
pub struct AgendaInput<'a> {
    pub today: NaiveDate,
    /// An open action due within this many days of `today` is on the
    /// agenda (an overdue one always is).
    pub due_within_days: u64,
    /// When each disagreement was first seen open, by [`row_key`], where
    /// the pathway's history knows; the longer open, the sooner discussed
    /// among equally sharp ones.
    pub opened: Option<&'a HashMap<String, NaiveDate>>,
}

impl AgendaInput<'_> {
    pub fn on(today: NaiveDate) -> AgendaInput<'static> {
        AgendaInput {
            today,
            due_within_days: 7,
            opened: None,
        }
    }
}

/// One thing for the meeting to talk about, with what is needed to open
/// it where it can be decided or answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// A point the participants see differently, hold on one side only, or
    /// a pair of points suggested as one that nobody has confirmed.
    Disagreement {
        section: Section,
        /// The row's key ([`row_key`]).
        key: String,
        label: String,
        /// A pair (or group) of points worded alike, not yet confirmed.
        suggested: bool,
        /// Highest weight minus lowest, silence counting as none (0–3).
        sharpness: u8,
        /// The participants who hold the point.
        holders: Vec<String>,
        /// The participants with an analysis who do not.
        missing: Vec<String>,
        /// Since when it has been open, where known.
        since: Option<NaiveDate>,
        /// What a decision would name to settle it: each holder's point id,
        /// or its text where it has none.
        points: Vec<String>,
    },
    NoAnalysis {
        participant: String,
    },
    /// A participant's newest sign-off is for an earlier version.
    StaleSignOff {
        participant: String,
        signed: DateTime<Utc>,
    },
    OpenQuestion {
        id: String,
        text: String,
        by: String,
        date: NaiveDate,
        step: Option<String>,
        point: Option<String>,
        answers: usize,
    },
    Action {
        id: String,
        what: String,
        owner: String,
        due: NaiveDate,
        status: ActionStatus,
        overdue: bool,
    },
    /// A signal that reaches a measure's latest value.
    MeasureSignal {
        /// The measure's place in the pathway's list.
        measure: usize,
        text: String,
        signal: Signal,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Agenda {
    pub items: Vec<Item>,
}

impl Agenda {
    pub fn open_disagreements(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Disagreement { .. }))
            .count()
    }
}

/// How a row of the comparison is known from one meeting to the next: the
/// first id among its points, else the first point's wording.
pub fn row_key(row: &MatrixRow) -> String {
    row.cells
        .iter()
        .flatten()
        .find_map(|c| c.id.clone())
        .unwrap_or_else(|| row.label.clone())
}

/// The agenda of `p`, given its comparison `matrix` (from
/// [`crate::compare::matrix`] or one of its variants).
pub fn agenda(p: &Pathway, matrix: &Matrix, input: &AgendaInput) -> Agenda {
    let settled = Settled::of(p);
    let mut items = disagreements(matrix, &settled, input);

    for (id, has) in matrix.participants.iter().zip(&matrix.has_analysis) {
        if !has && !settled.participant(id) {
            items.push(Item::NoAnalysis {
                participant: id.clone(),
            });
        }
    }

    if !p.sign_off.is_empty() {
        let now = signoff::digest(p);
        for x in &p.participants {
            let theirs = p.sign_off.iter().filter(|s| s.participant == x.id);
            let newest = theirs.clone().max_by_key(|s| s.at);
            let Some(newest) = newest else { continue };
            let decided = p
                .decisions
                .iter()
                .any(|d| d.participants.contains(&x.id) && d.date >= newest.at.date_naive());
            if !theirs.clone().any(|s| s.digest == now) && !decided {
                items.push(Item::StaleSignOff {
                    participant: x.id.clone(),
                    signed: newest.at,
                });
            }
        }
    }

    let mut questions: Vec<_> = p.questions.iter().filter(|q| q.is_open()).collect();
    questions.sort_by_key(|q| q.date);
    items.extend(questions.into_iter().map(|q| Item::OpenQuestion {
        id: q.id.clone(),
        text: q.text.clone(),
        by: q.by.clone(),
        date: q.date,
        step: q.step.clone(),
        point: q.point.clone(),
        answers: q.answers.len(),
    }));

    let horizon = input
        .today
        .checked_add_days(Days::new(input.due_within_days))
        .unwrap_or(NaiveDate::MAX);
    let mut actions: Vec<_> = p
        .actions
        .iter()
        .filter(|a| a.is_open() && a.due <= horizon)
        .collect();
    actions.sort_by_key(|a| a.due);
    items.extend(actions.into_iter().map(|a| Item::Action {
        id: a.id.clone(),
        what: a.what.clone(),
        owner: a.owner.clone(),
        due: a.due,
        status: a.status,
        overdue: a.is_overdue(input.today),
    }));

    for (i, m) in p.measures.iter().enumerate() {
        let chart = run_chart(m);
        items.extend(chart.new_signals().map(|s| Item::MeasureSignal {
            measure: i,
            text: m.text.clone(),
            signal: s.clone(),
        }));
    }
    Agenda { items }
}

/// The comparison's open rows, sharpest first, then those more
/// participants hold, then the longest open.
fn disagreements(matrix: &Matrix, settled: &Settled, input: &AgendaInput) -> Vec<Item> {
    let mut found = Vec::new();
    for row in &matrix.rows {
        let mut holders = Vec::new();
        let mut missing = Vec::new();
        for ((id, cell), has) in matrix
            .participants
            .iter()
            .zip(&row.cells)
            .zip(&matrix.has_analysis)
        {
            match cell {
                Some(_) => holders.push(id.clone()),
                None if *has => missing.push(id.clone()),
                None => {}
            }
        }
        let cells: Vec<_> = row.cells.iter().flatten().collect();
        let suggested = row.matched == Some(Match::Suggested);
        let weights_differ = cells.windows(2).any(|w| w[0].weight != w[1].weight);
        let plain = |t: &str| t.trim().to_lowercase();
        let texts_differ = cells
            .windows(2)
            .any(|w| plain(&w[0].text) != plain(&w[1].text));
        if !(suggested || !missing.is_empty() || weights_differ || texts_differ) {
            continue;
        }
        if cells
            .iter()
            .any(|c| settled.point(c.id.as_deref(), &c.text))
        {
            continue;
        }
        let key = row_key(row);
        let since = input.opened.and_then(|m| m.get(&key).copied());
        let mut points: Vec<String> = cells
            .iter()
            .map(|c| c.id.clone().unwrap_or_else(|| c.text.clone()))
            .collect();
        points.dedup();
        found.push(Item::Disagreement {
            section: row.section,
            key,
            label: row.label.clone(),
            suggested,
            sharpness: row.sharpness,
            holders,
            missing,
            since,
            points,
        });
    }
    // Stable, so that equals keep the comparison's order.
    found.sort_by_key(|i| match i {
        Item::Disagreement {
            sharpness,
            holders,
            since,
            ..
        } => (
            std::cmp::Reverse(*sharpness),
            std::cmp::Reverse(holders.len()),
            since.unwrap_or(NaiveDate::MAX),
        ),
        _ => (std::cmp::Reverse(0), std::cmp::Reverse(0), NaiveDate::MAX),
    });
    found
}

/// The agenda of `p` with its comparison made here, without a library's
/// rejected suggestions or vocabulary.
pub fn agenda_of(p: &Pathway, input: &AgendaInput) -> Agenda {
    agenda(p, &crate::compare::matrix(p), input)
}
