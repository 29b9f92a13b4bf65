//! `update` for the comparison screen: two participants side by side, or
//! every participant at once, and the picker that chooses the pair.

use super::app::{App, CompareState};
use super::keys::{Action, Context};
use super::update::move_in;
use crate::compare::{Alignment, Matrix, Rejections, align_with, default_pair, matrix_with};
use crate::model::Pathway;

/// The alignment the screen shows.
pub fn alignment(p: &Pathway, state: &CompareState, rejected: &Rejections) -> Option<Alignment> {
    align_with(p, &state.a, &state.b, rejected).ok()
}

/// The matrix the screen shows.
pub fn all(p: &Pathway, rejected: &Rejections) -> Matrix {
    matrix_with(p, rejected)
}

/// Opens the comparison on the default pair.
pub fn open(app: &mut App) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    match default_pair(p) {
        Some((a, b)) => {
            if let Some(state) = app.pathway.as_mut() {
                state.compare = Some(CompareState {
                    a,
                    b,
                    matrix: false,
                    selected: 0,
                    picker: None,
                });
            }
        }
        None => app.message = Some("A comparison needs at least two participants.".into()),
    }
}

/// For each row the screen shows, whether people need to talk about it.
fn disagreements(p: &Pathway, state: &CompareState, rejected: &Rejections) -> Vec<bool> {
    if state.matrix {
        all(p, rejected)
            .rows
            .iter()
            .map(|r| r.sharpness > 0)
            .collect()
    } else {
        alignment(p, state, rejected).map_or(Vec::new(), |al| {
            al.rows().map(|r| r.is_disagreement()).collect()
        })
    }
}

pub fn act(app: &mut App, ctx: Context, action: Action) {
    let page = usize::from(app.areas.borrow().compare_rows.height.saturating_sub(1)).max(1);
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    let Some(cmp) = state.compare.clone() else {
        return;
    };
    let participants: Vec<String> = p.participants.iter().map(|x| x.id.clone()).collect();
    // Worked out once per key, not once per row looked at.
    let flags = disagreements(p, &cmp, &app.rejections);
    let count = flags.len();
    let next = match action {
        Action::NextMatch | Action::PrevMatch => {
            let forward = action == Action::NextMatch;
            (1..=count)
                .map(|k| {
                    if forward {
                        (cmp.selected + k) % count
                    } else {
                        (cmp.selected + count * 2 - k) % count
                    }
                })
                .find(|&i| flags[i])
        }
        _ => None,
    };
    let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) else {
        return;
    };
    if ctx == Context::Picker {
        picker(cmp, &participants, action);
        return;
    }
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            cmp.selected = move_in(cmp.selected, count, page, action);
        }
        Action::NextMatch | Action::PrevMatch => match next {
            Some(i) => cmp.selected = i,
            None => {
                app.message =
                    Some("Every point here is agreed: there is no disagreement to go to.".into());
            }
        },
        Action::PickPair => {
            cmp.picker = Some(participants.iter().position(|id| *id == cmp.a).unwrap_or(0));
        }
        Action::ToggleMatrix => {
            cmp.matrix = !cmp.matrix;
            cmp.selected = 0;
        }
        Action::Back => {
            if let Some(s) = app.pathway.as_mut() {
                s.compare = None;
            }
        }
        _ => {}
    }
}

/// A click on a line of the compare table selects the point on it.
pub fn click_line(app: &mut App, line: usize) {
    let row = app
        .areas
        .borrow()
        .compare_line_rows
        .get(line)
        .copied()
        .flatten();
    if let (Some(row), Some(cmp)) = (row, app.pathway.as_mut().and_then(|s| s.compare.as_mut())) {
        cmp.selected = row;
    }
}

fn picker(cmp: &mut CompareState, participants: &[String], action: Action) {
    let Some(at) = cmp.picker else { return };
    let chosen = participants.get(at).cloned().unwrap_or_default();
    match action {
        Action::Up | Action::Down => cmp.picker = Some(move_in(at, participants.len(), 1, action)),
        // Choosing the participant already on the other side swaps them.
        Action::SetLeft if chosen == cmp.b => std::mem::swap(&mut cmp.a, &mut cmp.b),
        Action::SetLeft => cmp.a = chosen,
        Action::SetRight if chosen == cmp.a => std::mem::swap(&mut cmp.a, &mut cmp.b),
        Action::SetRight => cmp.b = chosen,
        Action::Back => {
            cmp.picker = None;
            cmp.selected = 0;
        }
        _ => {}
    }
}
