//! What the meeting does with its keys and clicks: moves through the
//! agenda, and opens an item where the group can decide or answer it,
//! with the agenda beneath so Esc comes back to it.

use ratatui::layout::Position;

use crate::tui::app::{App, CompareState};
use crate::tui::keys::Action;
use crate::tui::meeting::{Kind, Open, agenda};
use crate::tui::screen::chart::RunChart;
use crate::tui::screen::thread::Thread;
use crate::tui::update::move_in;

/// The agenda's keys: moving, opening the chosen item, deciding it when
/// it is a disagreement, adding an action, leaving.
pub(super) fn on_agenda(app: &mut App, action: Action) {
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
        Action::AddAction => crate::tui::minutes::action_form(app, None),
        Action::Decide => {
            if let Some(item) = items.get(m.selected)
                && item.kind == Kind::Disagreement
            {
                go(app, &item.open);
                crate::tui::minutes::decide(app);
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
            crate::tui::minutes::action_form(app, Some(i));
        }
    }
}

/// A click on the agenda chooses the row under it, and a click on the
/// chosen row opens it, as Enter does. Whether the click was on the agenda.
pub(super) fn click(app: &mut App, at: Position) -> bool {
    let list = app.areas.list;
    if !list.contains(at) {
        return false;
    }
    let row = app.areas.list_offset + usize::from(at.y - list.y);
    let items = agenda(app);
    let Some(m) = app.pathway.as_mut().and_then(|s| s.meeting.as_mut()) else {
        return false;
    };
    if let Some(item) = items.get(row) {
        if m.selected == row {
            go(app, &item.open);
        } else {
            m.selected = row;
        }
    }
    true
}
