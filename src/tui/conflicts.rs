//! `update` for deciding the conflicts of a merge that did not finish:
//! keep ours, take theirs, or type the value; then write the decisions,
//! take away the record at the top of the file, and save.

use super::app::{App, ConflictsState, Decision, Input};
use super::editing::{ensure_session, make};
use super::keys::Action;
use super::update::move_in;
use crate::merge::record;
use crate::store::persist::session::Change;

/// Lines PgUp and PgDn scroll a long value by.
const PAGE: u16 = 5;

/// Names whose version "theirs" is on the open conflict screen: `save`,
/// from the history, says who saved it and when.
pub fn name_theirs(app: &mut App, save: Option<&crate::store::persist::history::Entry>) {
    let Some(save) = save else {
        return;
    };
    let name = app.team.people.display(&save.by);
    let at = save.at.with_timezone(&chrono::Local).format("%H:%M");
    if let Some(state) = app.pathway.as_mut().and_then(|s| s.conflicts.as_mut()) {
        state.theirs_by = Some(format!("{name}'s version (saved {at})"));
    }
}

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
                    theirs_by: None,
                    scroll: 0,
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
        Action::Up | Action::Down => {
            state.selected = move_in(at, state.list.len(), 1, action);
            state.scroll = 0;
        }
        // Long values: the view stops the scroll at their end.
        Action::PageDown => state.scroll = state.scroll.saturating_add(PAGE),
        Action::PageUp => state.scroll = state.scroll.saturating_sub(PAGE),
        Action::Back => {
            if let Some(s) = app.pathway.as_mut() {
                s.conflicts = None;
            }
        }
        Action::KeepOurs => {
            state.decided[at] = Some(Decision::Ours);
            super::removed_step::decided(app, &c, true);
        }
        Action::TakeTheirs => {
            let whole_item = c.path.ends_with(']') && item_place(&c.path).is_some();
            if (record::address(&c.path).is_some() && text_of(&c.theirs).is_some()) || whole_item {
                state.decided[at] = Some(Decision::Theirs);
                super::removed_step::decided(app, &c, false);
            } else {
                app.message = Some(
                    "Theirs cannot be taken here; type the value (Enter) or keep ours.".into(),
                );
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
    let current = app
        .open_pathway()
        .and_then(|(p, _)| serde_json::to_value(p).ok())
        .unwrap_or_default();
    for (c, d) in state.list.iter().zip(&state.decided) {
        // A whole item: theirs kept it where ours deleted it, or deleted it
        // where ours kept it.
        if d == &Some(Decision::Theirs)
            && c.path.ends_with(']')
            && let Some((list, key)) = item_place(&c.path)
        {
            let items = list
                .split('.')
                .try_fold(&current, |v, seg| v.get(seg))
                .and_then(|v| v.as_array());
            let at = items.and_then(|items| {
                items
                    .iter()
                    .position(|x| x.get("id").and_then(|i| i.as_str()) == Some(key))
            });
            match (&c.theirs, at) {
                (Some(item), None) => {
                    let len = items.map_or(0, Vec::len);
                    match crate::merge::write::item_yaml(&list, item) {
                        Ok(yaml) => changes.push(Change::Insert {
                            path: list,
                            index: len,
                            yaml,
                        }),
                        Err(e) => app.message = Some(format!("Theirs cannot be taken: {e}")),
                    }
                }
                (None, Some(index)) => changes.push(Change::Remove { path: list, index }),
                _ => {}
            }
            continue;
        }
        let value = match d {
            Some(Decision::Theirs) => text_of(&c.theirs),
            Some(Decision::Value(v)) => Some(v.clone()),
            _ => None,
        };
        if let (Some(value), Some(path)) = (value, record::address(&address_now(c))) {
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
    super::editing::save_then(app, super::app::AfterSave::MergeFinished);
}

/// Where a conflict's field is in the file as it stands. A conflict over an
/// item's id (`steps[plan-early].id`, renamed two ways) is kept with our
/// id while it waits, so the item is found by that id, not the base's.
fn address_now(c: &crate::merge::Conflict) -> String {
    if let Some(item) = c.path.strip_suffix("].id")
        && let Some(open) = item.rfind('[')
        && let Some(serde_json::Value::String(ours)) = &c.ours
    {
        return format!("{}[{ours}].id", &item[..open]);
    }
    c.path.clone()
}

/// For a conflict over a whole list item (`steps[thirty-day-check]`), the
/// list's address and the item's id.
fn item_place(path: &str) -> Option<(String, &str)> {
    let open = path.rfind('[')?;
    let key = path[open + 1..].strip_suffix(']')?;
    let list = record::address(&path[..open])?;
    key.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        .then_some((list, key))
}
