//! `update` for the flow view of the steps (`v` on the steps section):
//! the arrow keys move from step to step, Enter opens the chosen step in
//! the list with its detail, `v` or Esc goes back to the list.

use super::app::{App, StepFocus};
use super::keys::Action;
use super::update::move_in;

/// `v` on the steps: the flow instead of the list, or the list again.
pub fn toggle(app: &mut App) {
    if let Some(s) = app.pathway.as_mut() {
        s.flow = !s.flow;
        s.focus = StepFocus::List;
    }
}

/// Handles `action` in the flow; false when it is the steps section's to
/// handle (sections, editing, search).
pub fn act(app: &mut App, action: Action) -> bool {
    let page = usize::from(app.areas.page).max(1) / 4;
    let count = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    let Some(s) = app.pathway.as_mut() else {
        return false;
    };
    match action {
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => {
            s.step = move_in(s.step, count, page.max(1), action);
            s.detail_scroll = 0;
        }
        Action::Open => {
            s.flow = false;
            s.focus = StepFocus::List;
            s.detail_scroll = 0;
        }
        Action::Flow => toggle(app),
        _ => return false,
    }
    true
}
