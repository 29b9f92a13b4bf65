//! Text typed or pasted where it is text: a filter, a search, a line, the long-text editor.

use super::*;

/// Pasted text goes where typing would: a screen that takes text (the
/// long-text editor, a line being typed), or a filter or search. Elsewhere it is not a
/// command, so it is ignored.
pub(super) fn paste(app: &mut App, text: &str) {
    // A screen on the stack that takes text has it.
    if crate::tui::screen::pasted(app, text).is_some() {
        return;
    }
    // The library's filter or a pathway's search, as one line.
    if context(app) == Context::Filter {
        let line = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
        match app.pathway.as_mut() {
            Some(s) => s.search.push_str(&line),
            None => crate::tui::screen::base::library::paste_filter(app, &line),
        }
    }
}

/// Typing into a pathway's search: find as you type, from where the
/// reader is, forwards. (The library types its filter itself.)
pub(crate) fn edit_filter(app: &mut App, key: KeyEvent) {
    if let Some(p) = app.pathway.as_mut()
        && type_into(&mut p.search, key)
    {
        find(app, Action::NextMatch, true);
    }
}

/// A key typed into a one-line filter or search: a character is added,
/// Backspace takes the last one off. False for any other key (the text is
/// as it was).
pub(crate) fn type_into(text: &mut String, key: KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => text.push(c),
        KeyCode::Backspace => {
            text.pop();
        }
        _ => return false,
    }
    true
}
