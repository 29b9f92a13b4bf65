//! A line being typed, and a value typed into a field becoming a change.

use super::*;

/// Typing, deleting and moving in a one-line input.
pub fn edit_line(input: &mut Input, key: KeyEvent) {
    let byte = |text: &str, at: usize| text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            let at = byte(&input.text, input.cursor);
            input.text.insert(at, c);
            input.cursor += 1;
        }
        KeyCode::Backspace if input.cursor > 0 => {
            input.cursor -= 1;
            let at = byte(&input.text, input.cursor);
            input.text.remove(at);
        }
        KeyCode::Delete if input.cursor < input.text.chars().count() => {
            let at = byte(&input.text, input.cursor);
            input.text.remove(at);
        }
        KeyCode::Left => input.cursor = input.cursor.saturating_sub(1),
        KeyCode::Right => input.cursor = (input.cursor + 1).min(input.text.chars().count()),
        KeyCode::Home => input.cursor = 0,
        KeyCode::End => input.cursor = input.text.chars().count(),
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            input.text.clear();
            input.cursor = 0;
        }
        _ => {}
    }
}

/// What was typed into `path` becomes a change. If someone else's save
/// changed that same field while it was being typed, neither value is
/// lost: the typed one is written, and the conflict screen opens with
/// both, to keep one or the other. What could not be written at all is
/// given back, to stay in the field's line.
pub fn commit_typed(app: &mut App, path: &str, typed: &str) -> Option<String> {
    let typing = app.pathway.as_mut().and_then(|s| s.typing.take());
    let (p, _) = app.open_pathway()?;
    if let Some(t) = typing.as_ref().filter(|t| t.path == path)
        && let Some(removed) = t.removed.as_deref()
        && !removed
            .step
            .get("id")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|id| p.steps.iter().any(|s| s.id == id))
    {
        let removed = removed.clone();
        return crate::tui::removed_step::typed_into_removed(app, path, typed, &t.was, &removed);
    }
    let now = value_of(p, path);
    if typed == now {
        return None;
    }
    let was = typing.filter(|t| t.path == path).map(|t| t.was);
    let theirs_meanwhile = was.as_ref().filter(|was| **was != now);
    let Some(was) = theirs_meanwhile.cloned() else {
        apply(app, path, typed);
        return None;
    };
    if !apply(app, path, typed) {
        return None;
    }
    let text = app
        .pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .and_then(|s| s.text().ok())?;
    let string = |s: &str| Some(serde_json::Value::String(s.to_string()));
    let conflict = crate::merge::Conflict {
        path: path.to_string(),
        base: string(&was),
        ours: string(typed),
        theirs: string(&now),
    };
    let record =
        crate::merge::record::block(&[conflict], ("what you typed", "a save made meanwhile"));
    if make(
        app,
        Change::Replace {
            text: record + &text,
        },
        "Someone saved this field while you typed: o keeps yours, t takes theirs.",
    ) {
        crate::tui::conflicts::open(app);
        let heard = app.pathway.as_ref().and_then(|s| s.last_heard.clone());
        crate::tui::conflicts::name_theirs(app, heard.as_ref());
    }
    None
}
