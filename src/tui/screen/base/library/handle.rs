//! What the library does with its keys, typing and clicks: moving the
//! selection, filtering and sorting the list, opening the chosen pathway.

use crossterm::event::KeyEvent;
use ratatui::layout::Position;

use crate::tui::app::{AfterOpening, App};
use crate::tui::keys::Action;
use crate::tui::update::{move_in, open_entry, row_at, type_into};

/// Carries out a key of the list or of its filter.
pub(super) fn act(app: &mut App, action: Action) {
    let page = usize::from(app.areas.list.height.saturating_sub(1)).max(1);
    match action {
        a if a.moves_in_list() => {
            app.library.chosen = true;
            app.library.selected = move_in(
                app.library.selected,
                app.library.visible.len(),
                page,
                action,
            );
        }
        Action::Filter => app.library.filtering = true,
        Action::AddItem => crate::tui::screen::new_pathway::start(app),
        Action::Back if app.library.filtering => {
            app.library.filtering = false;
            app.library.filter.clear();
            app.refresh_visible();
        }
        Action::Open if app.library.filtering => app.library.filtering = false,
        Action::Open => open_selected(app),
        Action::Sort => {
            app.library.sort = app.library.sort.next();
            app.refresh_visible();
            app.message = Some(format!("Sorted by {}.", app.library.sort.label()));
        }
        _ => {}
    }
}

/// Typing into the filter: the list narrows as each letter comes, from
/// its first row.
pub(super) fn type_filter(app: &mut App, key: KeyEvent) {
    if type_into(&mut app.library.filter, key) {
        app.library.selected = 0;
        app.refresh_visible();
    }
}

/// Text pasted into the filter, as one line: the list narrows to it.
pub fn paste_filter(app: &mut App, line: &str) {
    app.library.filter.push_str(line);
    app.refresh_visible();
}

/// A click on a row chooses it; a click on the chosen row opens it.
pub(super) fn click(app: &mut App, at: Position) {
    let areas = &app.areas;
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
}

/// Opens the pathway under the selection, if there is one.
pub fn open_selected(app: &mut App) {
    let Some(&i) = app.library.visible.get(app.library.selected) else {
        return;
    };
    open_entry(app, i, AfterOpening::Show);
}
