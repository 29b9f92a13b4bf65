//! The meeting's agenda as the app shows it: what is open in the pathway,
//! item by item, each with where it opens (a disagreement in the
//! comparison at that point, a question in its thread, an action in its
//! form, a measure in its run chart), and a measure's run chart in words.
//! The meeting screen ([`super::screen::base::meeting`]) takes it; the
//! run chart, following a facilitator and the tests read it too.

use std::cell::RefCell;
use std::sync::Arc;

use super::app::{App, Tab};
use crate::compare::{Matrix, Rejections, Synonyms};
use crate::model::Pathway;

/// The comparison of every participant the agenda is built from, kept for
/// the version of the pathway it was made from: making it is most of the
/// agenda's cost on a large pathway, and the agenda is asked for on every
/// frame, key and read of a facilitator's place.
#[derive(Debug, Clone, Default)]
pub struct Compared(RefCell<Option<Made>>);

#[derive(Debug, Clone)]
struct Made {
    /// The library entry's stamp, which changes with every edit, undo,
    /// save and reload of the pathway.
    stamp: u64,
    rejections: Rejections,
    synonyms: Synonyms,
    matrix: Arc<Matrix>,
}

impl Compared {
    /// The comparison of `p` (whose entry has `stamp`), made again only
    /// when the pathway or the library's vocabulary has changed since.
    pub fn of(
        &self,
        p: &Pathway,
        stamp: u64,
        (rejections, synonyms): (&Rejections, &Synonyms),
    ) -> Arc<Matrix> {
        if let Some(m) =
            self.0.borrow().as_ref().filter(|m| {
                m.stamp == stamp && m.rejections == *rejections && m.synonyms == *synonyms
            })
        {
            return Arc::clone(&m.matrix);
        }
        let matrix = Arc::new(super::compare::all(p, (rejections, synonyms)));
        *self.0.borrow_mut() = Some(Made {
            stamp,
            rejections: rejections.clone(),
            synonyms: synonyms.clone(),
            matrix: Arc::clone(&matrix),
        });
        matrix
    }
}

/// What an agenda item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Disagreement,
    NoAnalysis,
    StaleSignOff,
    Question,
    Action,
    Measure,
}

impl Kind {
    /// The word shown before the item.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Disagreement => "disagree",
            Kind::NoAnalysis => "no analysis",
            Kind::StaleSignOff => "sign-off",
            Kind::Question => "question",
            Kind::Action => "action",
            Kind::Measure => "measure",
        }
    }
}

/// Where an item opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// A row of the comparison of every participant.
    Matrix(usize),
    /// A section of the pathway.
    Tab(Tab),
    /// A question's thread, by index.
    Thread(usize),
    /// An action's form, by index.
    ActionForm(usize),
    /// A measure's run chart, by index.
    Chart(usize),
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    /// What it is, in a line (from the file: cleaned when drawn).
    pub title: String,
    /// Why it is on the agenda, in words.
    pub detail: String,
    pub open: Open,
    /// Something late (an overdue action).
    pub late: bool,
}

/// The agenda of the open pathway, in the order the meeting takes it.
pub fn agenda(app: &App) -> Vec<Item> {
    let Some((p, _)) = app.open_pathway() else {
        return Vec::new();
    };
    build(p, app)
}

fn build(p: &Pathway, app: &App) -> Vec<Item> {
    use crate::meeting::Item as A;
    let matrix = match app.pathway.as_ref() {
        Some(s) => {
            let stamp = app.entries.get(s.entry).map_or(0, |e| e.stamp());
            s.compared.of(p, stamp, (&app.rejections, &app.synonyms))
        }
        None => Arc::new(super::compare::all(p, (&app.rejections, &app.synonyms))),
    };
    let agenda = crate::meeting::agenda(p, &matrix, &crate::meeting::AgendaInput::on(app.today));
    let name = |id: &str| p.participant_name(id).to_string();
    agenda
        .items
        .into_iter()
        .filter_map(|item| {
            Some(match item {
                A::Disagreement {
                    key,
                    label,
                    suggested,
                    holders,
                    missing,
                    sharpness,
                    ..
                } => Item {
                    kind: Kind::Disagreement,
                    title: label,
                    detail: format!(
                        "{}held by {}{}; weight gap {sharpness}",
                        if suggested {
                            "Worded alike, not confirmed as one point; "
                        } else {
                            ""
                        },
                        holders
                            .iter()
                            .map(|h| name(h))
                            .collect::<Vec<_>>()
                            .join(", "),
                        if missing.is_empty() {
                            String::new()
                        } else {
                            format!(
                                "; not by {}",
                                missing
                                    .iter()
                                    .map(|h| name(h))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        }
                    ),
                    open: Open::Matrix(
                        matrix
                            .rows
                            .iter()
                            .position(|r| crate::meeting::row_key(r) == key)?,
                    ),
                    late: false,
                },
                A::NoAnalysis { participant } => Item {
                    kind: Kind::NoAnalysis,
                    title: name(&participant),
                    detail: "has written no analysis yet".into(),
                    open: Open::Tab(Tab::Analyses),
                    late: false,
                },
                A::StaleSignOff {
                    participant,
                    signed,
                } => Item {
                    kind: Kind::StaleSignOff,
                    title: name(&participant),
                    detail: format!("signed an earlier version on {}", signed.date_naive()),
                    open: Open::Tab(Tab::Overview),
                    late: false,
                },
                A::OpenQuestion {
                    id,
                    text,
                    by,
                    date,
                    answers,
                    ..
                } => Item {
                    kind: Kind::Question,
                    title: text,
                    detail: format!(
                        "asked by {} on {date}; {answers} answer{}",
                        p.participant(&by)
                            .map_or_else(|| app.team.people.display(&by), |x| x.name.clone()),
                        if answers == 1 { "" } else { "s" }
                    ),
                    open: Open::Thread(p.questions.iter().position(|q| q.id == id)?),
                    late: false,
                },
                A::Action {
                    id,
                    what,
                    owner,
                    due,
                    status,
                    overdue,
                } => Item {
                    kind: Kind::Action,
                    title: what,
                    detail: format!(
                        "{} · due {due}{} · {}",
                        name(&owner),
                        if overdue { " — OVERDUE" } else { "" },
                        status.as_str()
                    ),
                    open: Open::ActionForm(p.actions.iter().position(|a| a.id == id)?),
                    late: overdue,
                },
                A::MeasureSignal {
                    measure,
                    text,
                    signal,
                } => Item {
                    kind: Kind::Measure,
                    title: format!("{text} — {}", signal.kind.as_str().replace('_', " ")),
                    detail: signal_words(&signal),
                    open: Open::Chart(measure),
                    late: false,
                },
            })
        })
        .collect()
}

/// A run-chart signal in words.
pub fn signal_words(s: &crate::model::runchart::Signal) -> String {
    use crate::model::runchart::{Direction, SignalKind};
    let up = s.direction == Direction::Up;
    match s.kind {
        SignalKind::Shift => format!(
            "A shift: {} values in a row {} the median, {} to {}",
            s.points,
            if up { "above" } else { "below" },
            s.from,
            s.to
        ),
        SignalKind::Trend => format!(
            "A trend: {} values in a row each {} than the last, {} to {}",
            s.points,
            if up { "higher" } else { "lower" },
            s.from,
            s.to
        ),
        SignalKind::BeyondTarget => format!(
            "Beyond the target: {} value{} {} it, {} to {}",
            s.points,
            if s.points == 1 { "" } else { "s" },
            if up { "over" } else { "under" },
            s.from,
            s.to
        ),
    }
}

/// What the run chart of a measure draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// In date order.
    pub values: Vec<(chrono::NaiveDate, f64)>,
    pub median: f64,
    pub target: Option<f64>,
    /// Each signal, in words.
    pub signals: Vec<String>,
}

pub fn series(m: &crate::model::Measure) -> Series {
    let chart = crate::model::runchart::run_chart(m);
    Series {
        median: chart.median.unwrap_or(0.0),
        target: chart.target.map(|t| t.value),
        signals: chart.signals.iter().map(signal_words).collect(),
        values: chart.points,
    }
}
