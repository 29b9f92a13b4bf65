//! The edit form's keys, and a value typed into a field.

use super::*;

/// Keys of the form, the choice list and the line being typed.
pub fn form(app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
    let current = app.open_pathway().map(|(p, _)| p.clone())?;
    let state = app.pathway.as_mut()?;
    let form = state.form.as_mut()?;
    let field = form.fields.get(form.selected)?.clone();
    let page = app.areas.form_page.max(1);
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
                crate::tui::adding::start(app, &item, item.len);
            }
        }
        (Context::Form, Action::AddItem) => match field.item {
            Some(item) => crate::tui::adding::start(app, &item, (item.index + 1).min(item.len)),
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
                app.stack.push(crate::tui::screen::text_editor::TextEditor {
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
                crate::tui::analyses::participant_added(app, &id);
            }
        }
        (Context::Input, Action::Back) if field.path == NEW_STEP => state.form = None,
        (Context::Input, Action::Back)
            if crate::tui::analyses::is_prompt(&current, &field.path) =>
        {
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
            crate::tui::adding::finish(app, &text);
        }
        (Context::Input, Action::Open) if crate::tui::dates::is_date_field(&field.path) => {
            let typed = form
                .input
                .as_ref()
                .map(|i| i.text.clone())
                .unwrap_or_default();
            match crate::tui::dates::normalise(&typed) {
                Some(date) => {
                    form.input = None;
                    commit_typed(app, &field.path, &date);
                }
                // What was typed stays in the line, to put right.
                None => app.message = Some(crate::tui::dates::EXPECTED.into()),
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
        crate::tui::removed_step::typed_into_removed(app, path, typed, &t.was, &removed);
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
        crate::tui::conflicts::open(app);
        let heard = app.pathway.as_ref().and_then(|s| s.last_heard.clone());
        crate::tui::conflicts::name_theirs(app, heard.as_ref());
    }
}
