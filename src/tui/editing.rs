//! `update` for editing a pathway: the form of fields, typing a value,
//! choosing one, undo and redo, saving, and asking before unsaved changes
//! are left behind.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{AfterSave, App, FieldKind, FormSource, Input, Pending, Saving, Tab, Typing};
use super::form_nav;
use super::keys::{Action, Context};
use super::message::Effect;
use super::structure::{NEW_STEP, add_step, clamp_step, delete_item};
use crate::model::{Pathway, fields};
use crate::store::session::{Change, Session};
use crate::store::source::EntryState;

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
            if let Some(s) = app.pathway.as_mut() {
                s.form = Some(form);
            }
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
    match crate::store::load::load_str(&name, &text) {
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
            crate::store::rename::rename_step(p, &old, value)
        } else {
            crate::store::rename::rename_participant(p, &old, value)
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

/// Starts saving on the worker, to do `then` once saved; says so. False
/// when there was nothing to start (nothing to save: `then` is done at
/// once; or a save already under way, or one that cannot start).
pub fn save_then(app: &mut App, then: AfterSave) -> bool {
    if app.saving.is_some() {
        app.message = Some(SAVING.into());
        return false;
    }
    let Some(session) = app.pathway.as_ref().and_then(|s| s.session.as_ref()) else {
        app.message = Some("There are no changes to save.".into());
        after_save(app, &then);
        return false;
    };
    if !session.is_dirty() {
        app.message = Some("There are no changes to save.".into());
        after_save(app, &then);
        return false;
    }
    // A save that takes away the participants' word on the content is
    // said first, and done when asked again with nothing changed since.
    let voided = crate::model::signoff::voided_by(session.saved(), session.pathway());
    let revision = session.revision();
    if !voided.is_empty() && app.voiding_asked != Some(revision) {
        app.message = Some(crate::text::clean(&format!(
            "Saving changes the content {} signed off: their sign-offs will be for an earlier version. Save again to go ahead.",
            crate::model::signoff::names(&voided)
        )).into_owned());
        app.voiding_asked = Some(revision);
        return false;
    }
    app.voiding_asked = None;
    match session.save_job() {
        Ok(job) => {
            let cancel = crate::store::saving::Cancel::default();
            app.saving = Some(Saving {
                cancel: cancel.clone(),
                then,
                waiting: None,
                deferred: Vec::new(),
            });
            app.outbox.push(Effect::Save {
                job: Box::new(job),
                cancel,
            });
            app.message = Some("Saving…".into());
            true
        }
        Err(e) => {
            app.message = Some(format!("Not saved: {e}"));
            false
        }
    }
}

/// Ctrl-s.
pub fn save(app: &mut App) -> bool {
    save_then(app, AfterSave::Stay)
}

/// What the status bar says while a save is under way.
pub const SAVING: &str = "Saving… your edits wait until it is done (Esc cancels the save).";

/// The save has waited a while for someone else's: say who, and how out.
pub fn save_waiting(app: &mut App, holder: Option<String>) {
    let who = holder.unwrap_or_else(|| "someone else".to_string());
    let said =
        format!("Waiting to save: {who} is saving this pathway. Esc cancels; your edits are kept.");
    if let Some(saving) = app.saving.as_mut() {
        saving.waiting = Some(said.clone());
    }
    app.message = Some(said);
}

/// Esc while saving: the save stops waiting, and the edits stay unsaved.
pub fn cancel_save(app: &mut App) {
    if let Some(saving) = &app.saving {
        saving.cancel.cancel();
        app.message = Some("Cancelling the save; your edits are kept.".into());
    }
}

/// The worker's answer: the save went through (the file as saved is the
/// session's new start) or it did not (the edits stay, and the reason is
/// said). Others' saves that arrived meanwhile are handled after.
pub fn save_done(
    app: &mut App,
    file: &std::path::Path,
    result: Result<crate::store::saving::Saved, crate::store::session::SaveError>,
) {
    let Some(saving) = app.saving.take() else {
        return;
    };
    let session = app
        .pathway
        .as_mut()
        .and_then(|s| s.session.as_mut())
        .filter(|s| s.file() == file);
    match (session, result) {
        (Some(session), Ok(saved)) => {
            // Someone saved at the same moment: their change is in the file
            // now, and this is the only notice of it this session gets.
            let merged = saved.merged.clone().map(|their| match their {
                Some(save) => format!(
                    " {} save is merged in: {}",
                    crate::model::words::possessive(&app.team.people.display(&save.by)),
                    save.brief()
                ),
                None => " A save made meanwhile is merged in.".to_string(),
            });
            session.finish_save(saved);
            let name = session
                .file()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let warning = session.take_warning();
            let said = match warning {
                Some(w) => format!("Saved {name}, but: {w}"),
                None => format!("Saved {name}."),
            };
            let said = said + merged.as_deref().unwrap_or("");
            app.message = Some(crate::text::clean(&said).into_owned());
            // A save may have merged in what others saved meanwhile.
            sync(app);
            // Nothing unsaved now: the kept copy goes.
            super::recovery::journal(app);
            after_save(app, &saving.then);
        }
        (_, Err(e)) => {
            app.message = Some(format!("Not saved: {e}"));
            app.stack.close::<super::screen::confirm::Confirm>();
        }
        (None, Ok(_)) => {
            app.message = Some("Saved.".into());
        }
    }
    for changed in saving.deferred {
        super::live::file_changed(app, changed);
    }
}

/// Does what a save was for, once it is saved.
fn after_save(app: &mut App, then: &AfterSave) {
    match then {
        AfterSave::Stay => {}
        AfterSave::Leave(pending) => finish(app, *pending),
        AfterSave::MergeFinished => {
            if let Some(s) = app.pathway.as_mut() {
                s.conflicts = None;
            }
            app.message = Some("Merge finished and saved.".into());
        }
        AfterSave::SignedOff(said) => {
            app.message = Some(crate::text::clean(said).into_owned());
        }
    }
}

/// Leaves the pathway or quits, asking first if there are unsaved changes.
pub fn leave(app: &mut App, then: Pending) {
    if is_dirty(app) {
        if app.pathway.is_some() {
            app.stack.push(super::screen::confirm::Confirm { then });
        }
        return;
    }
    finish(app, then);
}

pub fn finish(app: &mut App, then: Pending) {
    match then {
        Pending::Quit => app.quit = true,
        Pending::Library => app.pathway = None,
    }
}

/// Keys of the form, the choice list and the line being typed.
pub fn form(app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
    let current = app.open_pathway().map(|(p, _)| p.clone())?;
    let state = app.pathway.as_mut()?;
    let form = state.form.as_mut()?;
    let field = form.fields.get(form.selected)?.clone();
    let page = app.areas.borrow().form_page.max(1);
    match (ctx, action) {
        (
            Context::Form,
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom,
        ) => form_nav::move_selection(&current, form, action, page),
        (Context::Form | Context::Choice, Action::Filter) => {
            form.filter = Some(String::new());
        }
        (Context::Form, Action::Fold) => {
            form_nav::fold(&current, form, None);
        }
        (Context::Form, Action::Left) => {
            form_nav::fold(&current, form, Some(true));
        }
        (Context::Form, Action::Right) => {
            form_nav::fold(&current, form, Some(false));
        }
        (Context::Form, Action::Open) if form_nav::on_folded(form) => {
            form_nav::fold(&current, form, Some(false));
        }
        (Context::Form, Action::Back) => state.form = None,
        (Context::Form, Action::Open) if field.kind == FieldKind::Add => {
            if let Some(item) = field.item {
                super::adding::start(app, &item, item.len);
            }
        }
        (Context::Form, Action::AddItem) => match field.item {
            Some(item) => super::adding::start(app, &item, (item.index + 1).min(item.len)),
            None => {
                app.message = Some("Choose a row of a list (or its + add row) to add to it.".into())
            }
        },
        (Context::Form, Action::DeleteItem) => match field.item {
            Some(item) if item.index < item.len => delete_item(app, &item),
            _ => app.message = Some("Choose a row of a list item to delete it.".into()),
        },
        (Context::Form, Action::MoveItemUp | Action::MoveItemDown) => {
            if let Some(item) = field.item.filter(|i| i.index < i.len) {
                let to = if action == Action::MoveItemUp {
                    item.index.checked_sub(1)
                } else {
                    Some(item.index + 1).filter(|t| *t < item.len)
                };
                if let Some(to) = to
                    && make(
                        app,
                        Change::Move {
                            path: item.list.clone(),
                            from: item.index,
                            to,
                        },
                        &format!("Moved the {}.", item.noun),
                    )
                {
                    refresh_form(app, Some((&item.list, to)));
                }
            }
        }
        (Context::Form, Action::Open) => match &field.kind {
            FieldKind::Text => {
                let text = value_of(&current, &field.path);
                state.typing = Some(Typing {
                    path: field.path.clone(),
                    was: text.clone(),
                    removed: None,
                });
                let form = state.form.as_mut()?;
                form.input = Some(Input {
                    cursor: text.chars().count(),
                    text,
                });
            }
            FieldKind::Choice(items) => {
                let now = value_of(&current, &field.path);
                form.choice = Some(items.iter().position(|(v, _)| *v == now).unwrap_or(0));
            }
            FieldKind::Add => {}
            FieldKind::Long => {
                let text = value_of(&current, &field.path);
                // The editor shows text as it is; text holding control
                // characters or escape sequences goes to the user's own
                // editor instead, so it is neither shown raw nor altered.
                if text.split('\n').any(|l| crate::text::clean(l) != l) {
                    app.message = Some(
                        "This text holds control characters; e opens it in your own editor.".into(),
                    );
                    return None;
                }
                let mut editor =
                    ratatui_textarea::TextArea::new(text.split('\n').map(String::from).collect());
                editor.set_wrap_mode(ratatui_textarea::WrapMode::Word);
                // Undo is the session's: leaving the editor makes one change
                // that `u` takes back whole. The editor's own history would
                // cost time on every key of a long text.
                editor.set_max_histories(0);
                state.typing = Some(Typing {
                    path: field.path.clone(),
                    was: text,
                    removed: None,
                });
                app.stack.push(super::screen::text_editor::TextEditor {
                    path: field.path,
                    editor: Box::new(editor),
                });
            }
        },
        (Context::Form, Action::ExternalEditor) => {
            // What they wrote last time, if it did not fit, else the value.
            let text = match &state.unloaded {
                Some((path, t)) if *path == field.path => t.clone(),
                _ => value_of(&current, &field.path),
            };
            return Some(Effect::ExternalEditor {
                text,
                path: field.path,
            });
        }
        (
            Context::Choice,
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom,
        ) => form_nav::move_choice(form, action, page),
        (Context::Choice, Action::Back) => {
            form.choice = None;
            form.filter = None;
            app.offer_analysis = None;
        }
        (Context::Choice, Action::Open) => {
            let FieldKind::Choice(items) = &field.kind else {
                return None;
            };
            let chosen = form
                .choice
                .and_then(|c| items.get(c))
                .map(|(v, _)| v.clone());
            form.choice = None;
            form.filter = None;
            if let Some(value) = chosen {
                apply(app, &field.path, &value);
            }
            // A participant just added, once their kind is chosen: their
            // own analysis is offered.
            if let Some(id) = app.offer_analysis.take() {
                super::analyses::participant_added(app, &id);
            }
        }
        (Context::Input, Action::Back) if field.path == NEW_STEP => state.form = None,
        (Context::Input, Action::Back) if super::analyses::is_prompt(&current, &field.path) => {
            // Esc on the first cause of an analysis just started: nothing
            // was written by the user, so the start is taken back rather
            // than leaving the prompt in the file.
            form.input = None;
            state.typing = None;
            undo(app, false);
            app.message = Some("Nothing written: the analysis was not started.".into());
        }
        (Context::Input, Action::Back) => {
            form.input = None;
            form.adding = None;
        }
        (Context::Input, Action::Open) if form.adding.is_some() => {
            let text = form
                .input
                .as_ref()
                .map(|i| i.text.clone())
                .unwrap_or_default();
            super::adding::finish(app, &text);
        }
        (Context::Input, Action::Open) if super::dates::is_date_field(&field.path) => {
            let typed = form
                .input
                .as_ref()
                .map(|i| i.text.clone())
                .unwrap_or_default();
            match super::dates::normalise(&typed) {
                Some(date) => {
                    form.input = None;
                    commit_typed(app, &field.path, &date);
                }
                // What was typed stays in the line, to put right.
                None => app.message = Some(super::dates::EXPECTED.into()),
            }
        }
        (Context::Input, Action::Open) if field.path == NEW_STEP => {
            let text = form.input.take().map(|i| i.text).unwrap_or_default();
            state.form = None;
            add_step(app, &text);
        }
        (Context::Input, Action::Open) => {
            let text = form.input.take().map(|i| i.text).unwrap_or_default();
            commit_typed(app, &field.path, &text);
        }
        _ => {}
    }
    None
}

/// A key typed into the line being edited.
pub fn type_key(app: &mut App, key: KeyEvent) {
    let input = match app.pathway.as_mut() {
        Some(s) if s.conflicts.is_some() => s.conflicts.as_mut().and_then(|c| c.input.as_mut()),
        Some(s) => s.form.as_mut().and_then(|f| f.input.as_mut()),
        None => app.library.new_pathway.as_mut().map(|n| &mut n.input),
    };
    if let Some(input) = input {
        edit_line(input, key);
    }
}

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
/// both, to keep one or the other.
pub fn commit_typed(app: &mut App, path: &str, typed: &str) {
    let typing = app.pathway.as_mut().and_then(|s| s.typing.take());
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    if let Some(t) = typing.as_ref().filter(|t| t.path == path)
        && let Some(removed) = t.removed.as_deref()
        && !removed
            .step
            .get("id")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|id| p.steps.iter().any(|s| s.id == id))
    {
        let removed = removed.clone();
        super::removed_step::typed_into_removed(app, path, typed, &t.was, &removed);
        return;
    }
    let now = value_of(p, path);
    if typed == now {
        return;
    }
    let was = typing.filter(|t| t.path == path).map(|t| t.was);
    let theirs_meanwhile = was.as_ref().filter(|was| **was != now);
    let Some(was) = theirs_meanwhile.cloned() else {
        apply(app, path, typed);
        return;
    };
    if !apply(app, path, typed) {
        return;
    }
    let text = app
        .pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .and_then(|s| s.text().ok());
    let Some(text) = text else {
        return;
    };
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
        super::conflicts::open(app);
        let heard = app.pathway.as_ref().and_then(|s| s.last_heard.clone());
        super::conflicts::name_theirs(app, heard.as_ref());
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

/// Builds the open form again from the pathway as it now is, keeping the
/// place: on the first row of `at` (a list and an index) when given.
pub(super) fn refresh_form(app: &mut App, at: Option<(&str, usize)>) {
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    let Some(old) = state.form.as_ref() else {
        return;
    };
    let Some(mut form) = super::forms::build(p, old.source) else {
        if let Some(s) = app.pathway.as_mut() {
            s.form = None;
        }
        return;
    };
    let keep = old.selected.min(form.fields.len().saturating_sub(1));
    form.selected = at
        .and_then(|(list, index)| {
            form.fields.iter().position(|f| {
                f.item
                    .as_ref()
                    .is_some_and(|i| i.list == list && i.index == index)
            })
        })
        .unwrap_or(keep);
    if let Some(s) = app.pathway.as_mut() {
        s.form = Some(form);
    }
}
