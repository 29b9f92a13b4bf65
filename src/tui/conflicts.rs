//! `update` for deciding the conflicts of a merge that did not finish:
//! keep ours, take theirs, or type the value; then write the decisions,
//! take away the record at the top of the file, and save.

use super::app::{App, ConflictsState, Decision, Input};
use super::editing::{ensure_session, make};
use super::keys::Action;
use super::update::move_in;
use crate::merge::record;
use crate::store::session::Change;

/// `M`: the conflicts recorded at the top of the open pathway's file.
pub fn open(app: &mut App) {
    if app.read_only || !ensure_session(app) {
        app.message = Some("There is no unfinished merge in this pathway.".into());
        return;
    }
    let text = app
        .pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .and_then(|s| s.text().ok())
        .unwrap_or_default();
    match record::read(&text) {
        Some((list, _)) if !list.is_empty() => {
            let decided = vec![None; list.len()];
            if let Some(s) = app.pathway.as_mut() {
                s.conflicts = Some(ConflictsState {
                    list,
                    decided,
                    selected: 0,
                    input: None,
                });
            }
        }
        _ => app.message = Some("There is no unfinished merge in this pathway.".into()),
    }
}

fn text_of(v: &Option<serde_json::Value>) -> Option<String> {
    match v {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
            Some(v.to_string())
        }
        _ => None,
    }
}

pub fn act(app: &mut App, action: Action) {
    let Some(state) = app.pathway.as_mut().and_then(|s| s.conflicts.as_mut()) else {
        return;
    };
    let at = state.selected;
    let Some(c) = state.list.get(at).cloned() else {
        return;
    };
    match action {
        Action::Up | Action::Down => state.selected = move_in(at, state.list.len(), 1, action),
        Action::Back => {
            if let Some(s) = app.pathway.as_mut() {
                s.conflicts = None;
            }
        }
        Action::KeepOurs => state.decided[at] = Some(Decision::Ours),
        Action::TakeTheirs => {
            if record::address(&c.path).is_some() && text_of(&c.theirs).is_some() {
                state.decided[at] = Some(Decision::Theirs);
            } else {
                app.message = Some("This conflict is about a whole item: keep ours, or take theirs in your own editor (e).".into());
            }
        }
        Action::Open => {
            if record::address(&c.path).is_none() {
                app.message = Some(
                    "This conflict is about a whole item; edit it in your own editor (e).".into(),
                );
                return;
            }
            let text = text_of(&c.ours).unwrap_or_default();
            state.input = Some(Input {
                cursor: text.chars().count(),
                text,
            });
        }
        Action::Save => save(app),
        _ => {}
    }
}

/// Enter or Esc while typing a conflict's value.
pub fn input(app: &mut App, action: Action) {
    let Some(state) = app.pathway.as_mut().and_then(|s| s.conflicts.as_mut()) else {
        return;
    };
    match action {
        Action::Open => {
            if let Some(input) = state.input.take() {
                state.decided[state.selected] = Some(Decision::Value(input.text));
            }
        }
        Action::Back => state.input = None,
        _ => {}
    }
}

/// Writes every decision, takes the record away, and saves.
fn save(app: &mut App) {
    let Some(state) = app.pathway.as_ref().and_then(|s| s.conflicts.clone()) else {
        return;
    };
    let left = state.decided.iter().filter(|d| d.is_none()).count();
    if left > 0 {
        app.message = Some(format!(
            "{left} conflict{} still to decide.",
            if left == 1 { "" } else { "s" }
        ));
        return;
    }
    let mut changes = Vec::new();
    for (c, d) in state.list.iter().zip(&state.decided) {
        let value = match d {
            Some(Decision::Theirs) => text_of(&c.theirs),
            Some(Decision::Value(v)) => Some(v.clone()),
            _ => None,
        };
        if let (Some(value), Some(path)) = (value, record::address(&c.path)) {
            changes.push(Change::Set { path, value });
        }
    }
    if !changes.is_empty() && !make(app, Change::Batch(changes), "Decisions written.") {
        return;
    }
    let text = app
        .pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .and_then(|s| s.text().ok())
        .unwrap_or_default();
    if let Some((_, end)) = record::read(&text)
        && !make(
            app,
            Change::Replace {
                text: text[end..].to_string(),
            },
            "The merge record is taken away.",
        )
    {
        return;
    }
    if super::editing::save(app)
        && let Some(s) = app.pathway.as_mut()
    {
        s.conflicts = None;
        app.message = Some("Merge finished and saved.".into());
    }
}
