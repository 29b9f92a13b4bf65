//! `update` for editing a pathway: opening the form of fields, a value
//! typed, undo and redo, saving, and asking before unsaved changes are
//! left behind.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{AfterSave, App, FormSource, Input, Pending, Saving, Tab};
use super::form_nav;
use super::message::Effect;
use super::structure::clamp_step;
use crate::model::{Pathway, fields};
use crate::store::library::source::EntryState;
use crate::store::persist::session::{Change, Session};

mod saving;
mod typing;

pub use saving::*;
pub use typing::*;

/// The value of a field as shown and edited.
pub fn value_of(p: &Pathway, path: &str) -> String {
    fields::get(p, path).unwrap_or_default()
}

/// `i`: opens the form for the section on screen.
pub fn open_form(app: &mut App) {
    if app.read_only {
        app.message = Some(
            "The built-in examples are read-only: open a folder of your own (carepath FOLDER) to edit.".into(),
        );
        return;
    }
    if !ensure_session(app) {
        return;
    }
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    let source = match state.tab {
        Tab::Overview => Some(FormSource::Pathway),
        Tab::Steps => Some(FormSource::Step(state.step)),
        Tab::Analyses => Some(FormSource::Analyses),
        Tab::Monday => Some(FormSource::Monday),
        Tab::Measures => Some(FormSource::Measures),
    };
    let mine = app.team.me.as_ref().and_then(|me| {
        app.team
            .people
            .get(&me.user)
            .and_then(|x| x.participant.clone())
    });
    match source.and_then(|source| super::forms::build(p, source)) {
        Some(mut form) => {
            if form.source == FormSource::Analyses {
                form_nav::open_at(&mut form, mine.as_deref());
            }
            super::screen::form::open(app, form);
        }
        None => {
            app.message = Some(
                "There is nothing to edit here yet: a the first step, or 1 and i for the pathway."
                    .into(),
            )
        }
    }
}

/// Whether the open pathway has an editing session. It starts from the
/// text the worker read on opening (or a save wrote), so nothing is read
/// here.
pub(super) fn ensure_session(app: &mut App) -> bool {
    let Some(state) = app.pathway.as_ref() else {
        return false;
    };
    if state.session.is_some() {
        return true;
    }
    app.message = Some(
        match app.entries.get(state.entry).and_then(|e| e.path.as_ref()) {
            None => "This pathway has no file to save to.",
            Some(_) => "This file cannot be edited now: it did not read back as a pathway. Open it again from the library.",
        }
        .into(),
    );
    false
}

/// Whether the open pathway has changes not yet saved.
pub fn is_dirty(app: &App) -> bool {
    app.pathway
        .as_ref()
        .is_some_and(|s| s.unloaded.is_some() || s.session.as_ref().is_some_and(Session::is_dirty))
}

/// The field path that stands for "the whole file".
pub const WHOLE_FILE: &str = "*file";

/// `e` outside the form: the whole pathway file in the user's editor, or
/// the text they wrote last time if it did not load.
pub fn edit_file(app: &mut App) -> Option<Effect> {
    if app.read_only {
        app.message = Some("The built-in examples are read-only: open a folder of your own (carepath FOLDER) to edit.".into());
        return None;
    }
    if !ensure_session(app) {
        return None;
    }
    let state = app.pathway.as_ref()?;
    let text = match &state.unloaded {
        Some((path, t)) if path == WHOLE_FILE => t.clone(),
        _ => state.session.as_ref()?.text().ok()?,
    };
    Some(Effect::ExternalEditor {
        path: WHOLE_FILE.into(),
        text,
    })
}

/// The user's editor returned the whole file.
fn file_edited(app: &mut App, text: String) {
    let Some(session) = app.pathway.as_ref().and_then(|s| s.session.as_ref()) else {
        return;
    };
    if session.text().is_ok_and(|t| t == text) {
        app.message = Some("No change.".into());
        return;
    }
    let name = session.file().display().to_string();
    match crate::store::read::load::load_str(&name, &text) {
        Ok(_) => {
            if let Some(s) = app.pathway.as_mut() {
                s.unloaded = None;
            }
            make(app, Change::Replace { text }, "File changed.");
            clamp_step(app);
        }
        Err(problems) => {
            let first = problems
                .first()
                .map(|d| format!("line {}, column {}: {}", d.line, d.column, d.message))
                .unwrap_or_default();
            if let Some(s) = app.pathway.as_mut() {
                s.unloaded = Some((WHOLE_FILE.to_string(), text));
            }
            app.message = Some(format!(
                "Your text does not load ({first}); e opens it again, kept as you left it."
            ));
        }
    }
}

/// Shows the session's pathway in the library entry, so every view sees it.
pub(super) fn sync(app: &mut App) {
    let Some(state) = app.pathway.as_ref() else {
        return;
    };
    let Some(session) = state.session.as_ref() else {
        return;
    };
    let pathway = session.pathway().clone();
    if let Some(entry) = app.entries.get_mut(state.entry) {
        entry.set_state(EntryState::Loaded(Box::new(pathway)));
    }
}

/// Makes one change, or says why not. A new id for a step or participant
/// is a rename: every reference follows it. A pathway is agreed only when
/// every reference in it points at something.
pub fn apply(app: &mut App, path: &str, value: &str) -> bool {
    if path == "status"
        && value == "agreed"
        && let Some((p, _)) = app.open_pathway()
    {
        let dangling = crate::model::validate(p)
            .iter()
            .filter(|x| x.dangling)
            .count();
        if dangling > 0 {
            app.message = Some(format!(
                "Not agreed: {dangling} reference{} point{} at nothing; ! lists them.",
                if dangling == 1 { "" } else { "s" },
                if dangling == 1 { "s" } else { "" }
            ));
            return false;
        }
    }
    let parts: Vec<&str> = path.split('.').collect();
    if let (["steps" | "participants", which, "id"], Some((p, _))) =
        (parts.as_slice(), app.open_pathway())
    {
        let old = if parts[0] == "steps" {
            which
                .parse::<usize>()
                .ok()
                .and_then(|i| p.steps.get(i))
                .map(|s| s.id.clone())
        } else {
            which
                .parse::<usize>()
                .ok()
                .and_then(|i| p.participants.get(i))
                .map(|x| x.id.clone())
        }
        .unwrap_or_else(|| which.to_string());
        let change = if parts[0] == "steps" {
            crate::store::persist::rename::rename_step(p, &old, value)
        } else {
            crate::store::persist::rename::rename_participant(p, &old, value)
        };
        return match change {
            Ok(change) => make(
                app,
                change,
                &format!("Renamed \"{old}\" to \"{value}\" everywhere it is used."),
            ),
            Err(e) => {
                app.message = Some(format!("Not changed: {e}"));
                false
            }
        };
    }
    make(
        app,
        Change::Set {
            path: path.to_string(),
            value: value.to_string(),
        },
        "Changed;",
    )
}

pub fn undo(app: &mut App, redo: bool) {
    if app.saving.is_some() {
        app.message = Some(SAVING.into());
        return;
    }
    let Some(session) = app.pathway.as_mut().and_then(|s| s.session.as_mut()) else {
        app.message = Some("Nothing to undo.".into());
        return;
    };
    let done = if redo { session.redo() } else { session.undo() };
    if done {
        sync(app);
        app.message = Some(
            if redo {
                "Redone."
            } else {
                "Undone; Ctrl-r redoes."
            }
            .into(),
        );
    } else {
        app.message = Some(
            if redo {
                "Nothing to redo."
            } else {
                "Nothing to undo."
            }
            .into(),
        );
    }
}

/// The user's editor closed.
pub fn editor_done(app: &mut App, path: &str, text: Result<String, String>) {
    match text {
        Ok(text) if path == WHOLE_FILE => file_edited(app, text),
        Ok(text) => {
            let unchanged = app
                .open_pathway()
                .is_some_and(|(p, _)| value_of(p, path) == text);
            if unchanged {
                app.message = Some("No change.".into());
            } else if apply(app, path, &text) {
                if let Some(s) = app.pathway.as_mut() {
                    s.unloaded = None;
                }
            } else {
                // Kept, so that `e` on the field opens what they wrote.
                let why = app.message.take().unwrap_or_default();
                app.message = Some(format!(
                    "{why} — e opens your text again, kept as you left it."
                ));
                if let Some(s) = app.pathway.as_mut() {
                    s.unloaded = Some((path.to_string(), text));
                }
            }
        }
        Err(e) => {
            app.message = Some(format!(
                "Your editor did not run: {e}. Set $VISUAL or $EDITOR."
            ))
        }
    }
}

/// Makes a change to the open pathway, starting the session if needed.
pub(super) fn make(app: &mut App, change: Change, done: &str) -> bool {
    if app.saving.is_some() {
        app.message = Some(SAVING.into());
        return false;
    }
    if app.read_only {
        app.message = Some("The built-in examples are read-only: open a folder of your own (carepath FOLDER) to edit.".into());
        return false;
    }
    if !ensure_session(app) {
        return false;
    }
    let Some(session) = app.pathway.as_mut().and_then(|s| s.session.as_mut()) else {
        return false;
    };
    match session.make(change) {
        Ok(()) => {
            sync(app);
            app.message = Some(format!("{done} Ctrl-s saves, u undoes."));
            true
        }
        Err(e) => {
            app.message = Some(format!("Not changed: {e}"));
            false
        }
    }
}

/// A readable id for a new item from `text`, not yet among `taken`.
pub fn new_id(text: &str, taken: &[&str]) -> String {
    crate::model::slug::id_from(text, taken)
}
