//! What the edit form does with its keys: choosing a field and changing
//! it, a list's items, a value typed or chosen, rows found by their words.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{FieldKind, FormState};
use crate::store::persist::session::Change;
use crate::tui::app::{App, Input, Typing};
use crate::tui::editing::{apply, commit_typed, edit_line, make, undo, value_of};
use crate::tui::form_nav;
use crate::tui::keys::{Action, Context};
use crate::tui::message::Effect;
use crate::tui::screen::{Outcome, Screen};
use crate::tui::structure::{NEW_STEP, add_step, delete_item};

/// A key of the form's table, by what takes it now: the words to find,
/// the line being typed, the list of choices, or the fields.
pub(super) fn act(form: &mut FormState, app: &mut App, action: Action) -> Outcome {
    if app.open_pathway().is_none() {
        return Outcome::Close;
    }
    if form.fields.get(form.selected).is_none() {
        return Outcome::Consumed;
    }
    let open = match form.context() {
        Context::Filter => filter(form, app, action),
        Context::Input => return input(form, app, action),
        Context::Choice => choice(form, app, action),
        _ => return field(form, app, action),
    };
    stays(open)
}

/// The form stays open, or closes (nothing is left to edit in it).
fn stays(open: bool) -> Outcome {
    if open {
        Outcome::Consumed
    } else {
        Outcome::Close
    }
}

/// Rows of the form in view: a page.
fn page(app: &App) -> usize {
    app.areas.form_page.max(1)
}

/// Keys while choosing a field.
fn field(form: &mut FormState, app: &mut App, action: Action) -> Outcome {
    let page = page(app);
    let Some(field) = form.fields.get(form.selected).cloned() else {
        return Outcome::Consumed;
    };
    let Some((current, _)) = app.open_pathway() else {
        return Outcome::Close;
    };
    match action {
        a if a.moves_in_list() => form_nav::move_selection(current, form, action, page),
        Action::Filter => form.filter = Some(String::new()),
        Action::Fold => {
            form_nav::fold(current, form, None);
        }
        Action::Left => {
            form_nav::fold(current, form, Some(true));
        }
        Action::Right => {
            form_nav::fold(current, form, Some(false));
        }
        Action::Open if form_nav::on_folded(form) => {
            form_nav::fold(current, form, Some(false));
        }
        Action::Back => return Outcome::Close,
        Action::Open if field.kind == FieldKind::Add => {
            if let Some(item) = field.item {
                return stays(crate::tui::adding::start(app, form, &item, item.len));
            }
        }
        Action::AddItem => match field.item {
            Some(item) => {
                let at = (item.index + 1).min(item.len);
                return stays(crate::tui::adding::start(app, form, &item, at));
            }
            None => {
                app.message = Some("Choose a row of a list (or its + add row) to add to it.".into())
            }
        },
        Action::DeleteItem => match field.item {
            Some(item) if item.index < item.len => {
                if let Some(next) = delete_item(app, &item) {
                    return rebuilt(form, app, Some((&item.list, next)));
                }
            }
            _ => app.message = Some("Choose a row of a list item to delete it.".into()),
        },
        Action::MoveItemUp | Action::MoveItemDown => {
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
                    return rebuilt(form, app, Some((&item.list, to)));
                }
            }
        }
        Action::Open => change(form, app, field.path, &field.kind),
        Action::ExternalEditor => {
            // What they wrote last time, if it did not fit, else the value.
            let text = match app.pathway.as_ref().and_then(|s| s.unloaded.as_ref()) {
                Some((path, t)) if *path == field.path => t.clone(),
                _ => value_of(current, &field.path),
            };
            app.outbox.push(Effect::ExternalEditor {
                text,
                path: field.path,
            });
        }
        _ => {}
    }
    Outcome::Consumed
}

/// The form built again after a change to a list, on the row at `at`; it
/// closes when nothing is left to edit.
fn rebuilt(form: &mut FormState, app: &App, at: Option<(&str, usize)>) -> Outcome {
    match app.open_pathway() {
        Some((p, _)) if form.rebuild(p, at) => Outcome::Consumed,
        _ => Outcome::Close,
    }
}

/// Enter on a field: a line to type, a list to choose from, or the editor
/// for long text.
fn change(form: &mut FormState, app: &mut App, path: String, kind: &FieldKind) {
    let Some((current, _)) = app.open_pathway() else {
        return;
    };
    let text = value_of(current, &path);
    match kind {
        FieldKind::Text => {
            form.input = Some(Input {
                cursor: text.chars().count(),
                text: text.clone(),
            });
            typing(app, path, text);
        }
        FieldKind::Choice(items) => {
            form.choice = Some(items.iter().position(|(v, _)| *v == text).unwrap_or(0));
        }
        FieldKind::Add => {}
        FieldKind::Long => {
            // The editor shows text as it is; text holding control
            // characters or escape sequences goes to the user's own
            // editor instead, so it is neither shown raw nor altered.
            if text.split('\n').any(|l| crate::text::clean(l) != l) {
                app.message = Some(
                    "This text holds control characters; e opens it in your own editor.".into(),
                );
                return;
            }
            let mut editor =
                ratatui_textarea::TextArea::new(text.split('\n').map(String::from).collect());
            editor.set_wrap_mode(ratatui_textarea::WrapMode::Word);
            // Undo is the session's: leaving the editor makes one change
            // that `u` takes back whole. The editor's own history would
            // cost time on every key of a long text.
            editor.set_max_histories(0);
            typing(app, path.clone(), text);
            app.stack.push(crate::tui::screen::text_editor::TextEditor {
                path,
                editor: Box::new(editor),
            });
        }
    }
}

/// Typing begins in `path`, whose value is `was`: others' saves may change
/// it meanwhile.
fn typing(app: &mut App, path: String, was: String) {
    if let Some(s) = app.pathway.as_mut() {
        s.typing = Some(Typing {
            path,
            was,
            removed: None,
        });
    }
}

/// Keys while choosing a value from a list; false when the form closes.
fn choice(form: &mut FormState, app: &mut App, action: Action) -> bool {
    match action {
        a if a.moves_in_list() => form_nav::move_choice(form, action, page(app)),
        Action::Filter => form.filter = Some(String::new()),
        Action::Back => {
            form.choice = None;
            form.filter = None;
            app.offer_analysis = None;
        }
        Action::Open => {
            let Some(field) = form.fields.get(form.selected) else {
                return true;
            };
            let FieldKind::Choice(items) = &field.kind else {
                return true;
            };
            let path = field.path.clone();
            let chosen = form
                .choice
                .and_then(|c| items.get(c))
                .map(|(v, _)| v.clone());
            form.choice = None;
            form.filter = None;
            if let Some(value) = chosen {
                apply(app, &path, &value);
            }
            // A participant just added, once their kind is chosen: their
            // own analysis is offered.
            if let Some(id) = app.offer_analysis.take() {
                crate::tui::analyses::participant_added(app, &id);
            }
        }
        _ => {}
    }
    true
}

/// Keys while a line is typed: Enter keeps it, Esc leaves the value.
fn input(form: &mut FormState, app: &mut App, action: Action) -> Outcome {
    let Some(path) = form.fields.get(form.selected).map(|f| f.path.clone()) else {
        return Outcome::Consumed;
    };
    let typed = form
        .input
        .as_ref()
        .map(|i| i.text.clone())
        .unwrap_or_default();
    let prompt = app
        .open_pathway()
        .is_some_and(|(p, _)| crate::tui::analyses::is_prompt(p, &path));
    match action {
        Action::Back if path == NEW_STEP => return Outcome::Close,
        Action::Back if prompt => {
            // Esc on the first cause of an analysis just started: nothing
            // was written by the user, so the start is taken back rather
            // than leaving the prompt in the file.
            form.input = None;
            if let Some(s) = app.pathway.as_mut() {
                s.typing = None;
            }
            undo(app, false);
            app.message = Some("Nothing written: the analysis was not started.".into());
        }
        Action::Back => {
            form.input = None;
            form.adding = None;
        }
        Action::Open if form.adding.is_some() => {
            return stays(crate::tui::adding::finish(app, form, &typed));
        }
        Action::Open if crate::tui::dates::is_date_field(&path) => {
            match crate::tui::dates::normalise(&typed) {
                Some(date) => {
                    form.input = None;
                    commit(form, app, &path, &date);
                }
                // What was typed stays in the line, to put right.
                None => app.message = Some(crate::tui::dates::EXPECTED.into()),
            }
        }
        Action::Open if path == NEW_STEP => {
            add_step(app, &typed);
            return Outcome::Close;
        }
        Action::Open => {
            form.input = None;
            commit(form, app, &path, &typed);
        }
        _ => {}
    }
    Outcome::Consumed
}

/// What was typed becomes a change; what could not be written stays in
/// the line.
fn commit(form: &mut FormState, app: &mut App, path: &str, typed: &str) {
    if let Some(kept) = commit_typed(app, path, typed) {
        form.keep_typed(path, &kept);
    }
}

/// Keys while the words to find are typed: Enter keeps the row (or
/// choice) found, Esc shows every row again; false when the form closes.
fn filter(form: &mut FormState, app: &mut App, action: Action) -> bool {
    let page = page(app);
    let choosing = form.choice.is_some();
    let Some((p, _)) = app.open_pathway() else {
        return false;
    };
    match action {
        Action::Up | Action::Down if choosing => form_nav::move_choice(form, action, page),
        Action::Up | Action::Down => form_nav::move_selection(p, form, action, page),
        Action::Back => form_nav::end_filter(p, form, false),
        Action::Open => {
            form_nav::end_filter(p, form, true);
            // In a choice list, Enter on the choice found chooses it.
            if choosing {
                return choice(form, app, Action::Open);
            }
        }
        _ => {}
    }
    true
}

/// A key the form's table does not name: a letter of the words to find,
/// or of the line being typed.
pub(super) fn typed(form: &mut FormState, app: &mut App, key: KeyEvent) -> Outcome {
    if form.filter.is_some() {
        if let Some((p, _)) = app.open_pathway() {
            form_nav::type_filter(p, form, key);
        }
        return Outcome::Consumed;
    }
    match form.input.as_mut() {
        Some(input) => {
            edit_line(input, key);
            Outcome::Consumed
        }
        None => Outcome::Pass,
    }
}

/// Text pasted into the line being typed, or into the words to find, as
/// one line.
pub(super) fn paste(form: &mut FormState, app: &mut App, text: &str) -> Outcome {
    let line = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    if form.filter.is_some() {
        for c in line.chars() {
            typed(
                form,
                app,
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            );
        }
        return Outcome::Consumed;
    }
    let Some(input) = form.input.as_mut() else {
        return Outcome::Pass;
    };
    input.paste(text);
    Outcome::Consumed
}
