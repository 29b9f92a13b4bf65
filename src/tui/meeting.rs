//! `update` for the meeting screen: the agenda built from the pathway, and
//! opening each item where the group can decide or answer it: a
//! disagreement in the comparison at that point, a question in its thread,
//! an action in its form, a measure in its run chart.

use std::cell::RefCell;
use std::sync::Arc;

use super::app::{App, CompareState, MeetingState, Tab};
use super::keys::Action;
use super::screen::chart::RunChart;
use super::screen::thread::Thread;
use super::update::move_in;
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

/// `A`: opens the agenda.
pub fn open(app: &mut App) {
    if let Some(s) = app.pathway.as_mut() {
        s.meeting = Some(MeetingState::default());
        s.compare = None;
    }
    if agenda(app).is_empty() {
        app.message = Some("Nothing is open in this pathway: no disagreement, question, action or measure to take.".into());
    }
}

/// The keys of the Measures tab, which lists the measures to choose one:
/// moving chooses, Enter opens the chosen measure's run chart. Whether the
/// key was taken here.
pub fn on_measures(app: &mut App, action: Action) -> bool {
    let count = app.open_pathway().map_or(0, |(p, _)| p.measures.len());
    let Some(s) = app.pathway.as_mut().filter(|s| s.tab == Tab::Measures) else {
        return false;
    };
    match action {
        Action::Open => {
            let Some((p, s)) = app.open_pathway() else {
                return true;
            };
            let chosen = s.measure.min(count.saturating_sub(1));
            match p.measures.get(chosen) {
                Some(m) if !m.values.is_empty() => app.stack.push(RunChart { measure: chosen }),
                Some(_) => {
                    app.message = Some(
                        "No values recorded for this measure yet: e edits it (values: date, value), and its run chart opens here."
                            .into(),
                    )
                }
                None => app.message = Some("No measures yet: e adds one.".into()),
            }
            true
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            s.measure = move_in(s.measure, count, 1, action);
            true
        }
        _ => false,
    }
}

/// Keeps the chosen row within the agenda.
pub fn clamp(app: &mut App) {
    let len = agenda(app).len();
    if let Some(m) = app.pathway.as_mut().and_then(|s| s.meeting.as_mut()) {
        m.selected = m.selected.min(len.saturating_sub(1));
    }
}

/// The agenda's keys.
pub fn act(app: &mut App, action: Action) {
    on_agenda(app, action);
}

fn on_agenda(app: &mut App, action: Action) {
    let items = agenda(app);
    let page = usize::from(app.areas.list.height.saturating_sub(1)).max(1);
    let Some(s) = app.pathway.as_mut() else {
        return;
    };
    let Some(m) = s.meeting.as_mut() else {
        return;
    };
    match action {
        Action::Back => s.meeting = None,
        Action::Open => {
            if let Some(item) = items.get(m.selected) {
                go(app, &item.open);
            }
        }
        Action::AddAction => super::minutes::action_form(app, None),
        Action::Decide => {
            if let Some(item) = items.get(m.selected)
                && item.kind == Kind::Disagreement
            {
                go(app, &item.open);
                super::minutes::decide(app);
            } else {
                app.message =
                    Some("Choose a disagreement to decide (d), or Enter to open this item.".into());
            }
        }
        _ => m.selected = move_in(m.selected, items.len(), page, action),
    }
}

/// Opens an item where it can be decided or answered; the agenda stays
/// beneath, so Esc comes back to it.
fn go(app: &mut App, to: &Open) {
    let pair = app
        .open_pathway()
        .and_then(|(p, _)| crate::compare::default_pair(p));
    let Some(s) = app.pathway.as_mut() else {
        return;
    };
    match to {
        Open::Matrix(row) => {
            let Some((a, b)) = pair else {
                return;
            };
            s.compare = Some(CompareState {
                a,
                b,
                matrix: true,
                selected: *row,
            });
        }
        Open::Tab(tab) => {
            s.meeting = None;
            s.tab = *tab;
        }
        Open::Chart(i) => app.stack.push(RunChart { measure: *i }),
        Open::Thread(i) => app.stack.push(Thread { question: *i }),
        Open::ActionForm(i) => {
            let i = *i;
            super::minutes::action_form(app, Some(i));
        }
    }
}
