//! `update` for the meeting screen: the agenda built from the pathway, and
//! opening each item where the group can decide or answer it: a
//! disagreement in the comparison at that point, a question in its thread,
//! an action in its form, a measure in its run chart.

use super::app::{App, CompareState, MeetingState, Tab};
use super::keys::{Action, Context};
use super::update::move_in;
use crate::model::Pathway;

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
    let matrix = super::compare::all(p, (&app.rejections, &app.synonyms));
    let mut out = Vec::new();
    let mut open: Vec<(usize, &crate::compare::MatrixRow)> = matrix
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.sharpness > 0)
        .collect();
    open.sort_by(|a, b| b.1.sharpness.cmp(&a.1.sharpness).then(a.0.cmp(&b.0)));
    for (i, row) in open {
        let holders = row.cells.iter().filter(|c| c.is_some()).count();
        out.push(Item {
            kind: Kind::Disagreement,
            title: row.label.clone(),
            detail: format!(
                "{} of {} participants hold this {}",
                holders,
                matrix.participants.len(),
                row.section.as_str().trim_end_matches('s')
            ),
            open: Open::Matrix(i),
            late: false,
        });
    }
    for (i, has) in matrix.has_analysis.iter().enumerate() {
        if !has && let Some(x) = p.participants.get(i) {
            out.push(Item {
                kind: Kind::NoAnalysis,
                title: x.name.clone(),
                detail: "has written no analysis yet".into(),
                open: Open::Tab(Tab::Analyses),
                late: false,
            });
        }
    }
    for (i, m) in p.measures.iter().enumerate() {
        out.push(Item {
            kind: Kind::Measure,
            title: m.text.clone(),
            detail: m
                .target
                .as_ref()
                .map_or("no target".into(), |t| format!("target {t}")),
            open: Open::Chart(i),
            late: false,
        });
    }
    out
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

/// Keeps the chosen row within the agenda.
pub fn clamp(app: &mut App) {
    let len = agenda(app).len();
    if let Some(m) = app.pathway.as_mut().and_then(|s| s.meeting.as_mut()) {
        m.selected = m.selected.min(len.saturating_sub(1));
    }
}

pub fn act(app: &mut App, ctx: Context, action: Action) {
    match ctx {
        Context::Chart | Context::Thread if action == Action::Back => {
            if let Some(m) = app.pathway.as_mut().and_then(|s| s.meeting.as_mut()) {
                m.chart = None;
                m.thread = None;
            }
        }
        Context::Meeting => on_agenda(app, action),
        _ => {}
    }
}

fn on_agenda(app: &mut App, action: Action) {
    let items = agenda(app);
    let page = usize::from(app.areas.borrow().list.height.saturating_sub(1)).max(1);
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
                picker: None,
            });
        }
        Open::Tab(tab) => {
            s.meeting = None;
            s.tab = *tab;
        }
        Open::Chart(i) => {
            if let Some(m) = s.meeting.as_mut() {
                m.chart = Some(*i);
            }
        }
        Open::Thread(i) => {
            if let Some(m) = s.meeting.as_mut() {
                m.thread = Some(*i);
            }
        }
        Open::ActionForm(_) => {}
    }
}
