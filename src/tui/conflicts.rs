//! A merge that did not finish: its conflicts read from the record at the
//! top of the file onto their screen ([`super::screen::conflicts`]); once
//! each is decided, the decisions written, the record taken away, and the
//! file saved.

use super::app::App;
use super::editing::{ensure_session, make};
use super::screen::conflicts::{Conflicts, Decision};
use crate::merge::record;
use crate::store::persist::session::Change;

/// Names whose version "theirs" is on the open conflict screen: `save`,
/// from the history, says who saved it and when.
pub fn name_theirs(app: &mut App, save: Option<&crate::store::persist::history::Entry>) {
    let Some(save) = save else {
        return;
    };
    let name = app.team.people.display(&save.by);
    let at = save.at.with_timezone(&chrono::Local).format("%H:%M");
    if let Some(state) = app.stack.find_mut::<Conflicts>() {
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
        // Beneath any screen open over the pathway: conflicts found while
        // a question is asked or text is typed wait until it is done with.
        Some((list, _)) if !list.is_empty() => {
            app.stack.close::<Conflicts>();
            let kept = app.pathway.as_mut().and_then(|p| p.decided.take());
            app.stack.push_beneath(Conflicts::reopened(list, kept));
        }
        _ => app.message = Some("There is no unfinished merge in this pathway.".into()),
    }
}

/// A conflict's value as the text it is written as, when it is one.
pub(crate) fn text_of(v: &Option<serde_json::Value>) -> Option<String> {
    match v {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
            Some(v.to_string())
        }
        _ => None,
    }
}

/// Writes every decision, takes the record away, and saves.
pub fn save(app: &mut App, state: &Conflicts) {
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
pub(crate) fn item_place(path: &str) -> Option<(String, &str)> {
    let open = path.rfind('[')?;
    let key = path[open + 1..].strip_suffix(']')?;
    let list = record::address(&path[..open])?;
    key.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
        .then_some((list, key))
}
