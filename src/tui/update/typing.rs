//! Text typed or pasted where it is text: a filter, a search, a line, the long-text editor.

use super::*;

/// Pasted text goes where typing would: the long-text editor, a line being
/// typed (as one line), or a filter or search. Elsewhere it is not a
/// command, so it is ignored.
pub(super) fn paste(app: &mut App, text: &str) {
    let one_line = || text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    // The screen on top that takes text has it.
    if crate::tui::screen::paste(app, text).is_some_and(|o| o != crate::tui::screen::Outcome::Pass)
    {
        return;
    }
    match context(app) {
        Context::Input => {
            let line = one_line();
            let input = match app.pathway.as_mut() {
                Some(_) => None,
                None => app.library.new_pathway.as_mut().map(|n| &mut n.input),
            };
            if let Some(input) = input {
                let at = input
                    .text
                    .char_indices()
                    .nth(input.cursor)
                    .map_or(input.text.len(), |(b, _)| b);
                input.text.insert_str(at, &line);
                input.cursor += line.chars().count();
            }
        }
        Context::Draft => {
            let line = one_line();
            if let Some(d) = app.pathway.as_mut().and_then(|s| s.draft.as_mut())
                && let Some(crate::tui::draft::Field {
                    kind: crate::tui::draft::Kind::Text(input),
                    ..
                }) = d.fields.get_mut(d.selected)
            {
                let at = input
                    .text
                    .char_indices()
                    .nth(input.cursor)
                    .map_or(input.text.len(), |(b, _)| b);
                input.text.insert_str(at, &line);
                input.cursor += line.chars().count();
            }
        }
        Context::Filter => {
            let line = one_line();
            match app.pathway.as_mut() {
                Some(s) => s.search.push_str(&line),
                None => {
                    app.library.filter.push_str(&line);
                    app.refresh_visible();
                }
            }
        }
        _ => {}
    }
}

/// Typing into the library filter or a pathway search.
pub(super) fn edit_filter(app: &mut App, key: KeyEvent) {
    let text = match app.pathway.as_mut() {
        Some(p) => &mut p.search,
        None => &mut app.library.filter,
    };
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => text.push(c),
        KeyCode::Backspace => {
            text.pop();
        }
        _ => return,
    }
    if app.pathway.is_some() {
        // Find as you type: from where the reader is, forwards.
        find(app, Action::NextMatch, true);
    } else {
        app.library.selected = 0;
        app.refresh_visible();
    }
}
