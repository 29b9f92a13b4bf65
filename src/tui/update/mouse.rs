//! The mouse: the wheel scrolls, a click selects what is under it.

use super::*;

pub(super) fn on_mouse(app: &mut App, mouse: MouseEvent) -> Option<Effect> {
    let ctx = context(app);
    let at = Position::new(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => act(app, ctx, Action::Down),
        MouseEventKind::ScrollUp => act(app, ctx, Action::Up),
        MouseEventKind::Down(MouseButton::Left) => {
            click(app, ctx, at);
            None
        }
        _ => None,
    }
}

/// The row of a list drawn in `area` from `offset` that `at` falls on.
pub(super) fn row_at(area: Rect, offset: usize, at: Position) -> Option<usize> {
    area.contains(at)
        .then(|| offset + usize::from(at.y - area.y))
}

pub(super) fn click(app: &mut App, ctx: Context, at: Position) {
    if crate::tui::screen::click(app, at).is_some_and(|o| o != crate::tui::screen::Outcome::Pass) {
        return;
    }
    let areas = app.areas.clone();
    if app.pathway.is_none() {
        if let Some(row) = row_at(areas.list, areas.list_offset, at)
            && row < app.library.visible.len()
        {
            if row == app.library.selected {
                open_selected(app);
            } else {
                app.library.chosen = true;
                app.library.selected = row;
            }
        }
        return;
    }
    if matches!(ctx, Context::Compare | Context::Matrix) {
        if let Some(line) = row_at(areas.compare_rows, areas.compare_offset, at) {
            crate::tui::compare::click_line(app, line);
        }
        return;
    }
    if let Some((_, t)) = areas.tabs.iter().find(|(r, _)| r.contains(at)) {
        switch_tab(app, Action::Tab(*t));
        return;
    }
    if let Some(i) = areas.exits.iter().position(|r| r.contains(at)) {
        if let Some(p) = app.pathway.as_mut() {
            p.focus = StepFocus::Exits;
            p.exit = i;
        }
        exits(app, Action::Open);
        return;
    }
    let count = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    if let Some(row) = row_at(areas.steps, areas.steps_offset, at)
        && row < count
        && let Some(p) = app.pathway.as_mut()
    {
        p.step = row;
        p.focus = StepFocus::List;
        p.detail_scroll = 0;
    }
}
