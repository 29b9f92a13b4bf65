//! A step someone else removed while a field of it was being typed in
//! here. Their save arrives, the step goes from the screen, and the text
//! being typed stays in its input; when typing ends, what was typed is
//! neither written onto another step nor refused with an error: the step
//! comes back with the typed text, as a conflict with the removal, to keep
//! (`o`) or to let go (`t`) on the conflict screen.

use serde_json::Value;

use super::app::{App, Removed};
use super::editing::make;
use crate::store::persist::session::Change;

/// The step a field of which is being typed in, by its place and as it is
/// now: noted before someone else's save is taken in, so that it can be
/// brought back if their save removed it.
pub fn typed_in(app: &App) -> Option<(usize, Value)> {
    let (p, state) = app.open_pathway()?;
    let typing = state.typing.as_ref()?;
    let seg = typing.path.strip_prefix("steps.")?.split('.').next()?;
    let at = seg
        .parse::<usize>()
        .ok()
        .or_else(|| p.steps.iter().position(|s| s.id == seg))?;
    let step = p.steps.get(at)?;
    Some((at, serde_json::to_value(step).ok()?))
}

/// After someone else's save was taken in (`now_at`: where each step
/// before is now): if the step noted by [`typed_in`] is gone, the typing
/// remembers it, and who removed it.
pub fn note(
    app: &mut App,
    typed_in: Option<(usize, Value)>,
    before: &[Value],
    now_at: &[Option<usize>],
) {
    let Some((index, mut step)) = typed_in else {
        return;
    };
    if now_at.get(index).is_none_or(Option::is_some) {
        return;
    }
    // Where it led, as the steps are now called: a step their save
    // renamed is led to by its new id, one it removed no longer.
    let now: Vec<String> = app
        .open_pathway()
        .map(|(p, _)| p.steps.iter().map(|s| s.id.clone()).collect())
        .unwrap_or_default();
    let id_of = |v: &Value| v.get("id").and_then(Value::as_str).map(String::from);
    let lead = |target: &str| -> Option<String> {
        let i = before
            .iter()
            .position(|b| id_of(b).as_deref() == Some(target))?;
        now_at
            .get(i)
            .copied()
            .flatten()
            .and_then(|j| now.get(j).cloned())
    };
    if let Some(Value::Array(next)) = step.get_mut("next") {
        next.retain_mut(|t| match t.as_str().and_then(lead) {
            Some(id) => {
                *t = Value::String(id);
                true
            }
            None => false,
        });
    }
    if let Some(Value::Array(branches)) = step.get_mut("branches") {
        branches.retain_mut(
            |b| match b.get("next").and_then(Value::as_str).and_then(lead) {
                Some(id) => {
                    b["next"] = Value::String(id);
                    true
                }
                None => false,
            },
        );
    }
    let Some(state) = app.pathway.as_mut() else {
        return;
    };
    let by = state.last_heard.clone();
    if let Some(t) = state.typing.as_mut() {
        t.removed = Some(Box::new(Removed { index, step, by }));
    }
}

/// The step's title quoted, as a message names it.
fn named(step: &Value) -> String {
    let title = step.get("title").and_then(Value::as_str).unwrap_or("");
    format!("Step {}", crate::model::words::quote(title))
}

/// Who removed it, in words: "Dr Ben Jones", or "someone".
fn remover(app: &App, removed: &Removed) -> String {
    removed
        .by
        .as_ref()
        .map_or_else(|| "someone".into(), |e| app.team.people.display(&e.by))
}

/// Typing into a field of a step someone else removed has ended with
/// `typed`: the step is put back where it was, with the typed text, and
/// the conflict screen opens with it against the removal. Nothing is
/// written to the file until the conflict is decided and saved.
pub fn typed_into_removed(
    app: &mut App,
    path: &str,
    typed: &str,
    was: &str,
    removed: &Removed,
) -> Option<String> {
    let who = crate::text::clean(&remover(app, removed)).into_owned();
    let name = crate::text::clean(&named(&removed.step)).into_owned();
    if typed == was {
        app.message = Some(format!(
            "{name} was removed by {who} while you had it open; you had not changed this field, so nothing is lost."
        ));
        return None;
    }
    let steps = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    let yaml = match crate::merge::write::item_yaml("steps", &removed.step) {
        Ok(yaml) => yaml,
        Err(e) => {
            return kept_in_input(
                app,
                typed,
                &format!("{name} was removed by {who}, and could not be put back ({e})"),
            );
        }
    };
    let back = Change::Batch(vec![
        Change::Insert {
            path: "steps".into(),
            index: removed.index.min(steps),
            yaml,
        },
        Change::Set {
            path: path.to_string(),
            value: typed.to_string(),
        },
    ]);
    if !make(app, back, "") {
        let why = app.message.take().unwrap_or_default();
        return kept_in_input(
            app,
            typed,
            &format!("{name} was removed by {who}, and could not be put back ({why})"),
        );
    }
    // Found by its place: what was typed may have been a new id.
    let step = app
        .open_pathway()
        .and_then(|(p, _)| p.steps.get(removed.index.min(steps)).cloned())?;
    let id = step.id.clone();
    let ours = serde_json::to_value(step).ok();
    let text = app
        .pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .and_then(|s| s.text().ok())?;
    let conflict = crate::merge::Conflict {
        path: format!("steps[{id}]"),
        base: Some(removed.step.clone()),
        ours,
        theirs: None,
    };
    let record =
        crate::merge::record::block(&[conflict], ("the step with what you typed", "its removal"));
    let said = format!(
        "{name} was removed by {who} while you typed in it: o keeps the step with your text, t lets it go."
    );
    if make(
        app,
        Change::Replace {
            text: record + &text,
        },
        &said,
    ) {
        super::conflicts::open(app);
        super::conflicts::name_theirs(app, removed.by.as_ref());
        app.message = Some(said);
    }
    None
}

/// The step could not be put back: the reason is said, and the typed
/// text is given back to stay in the field's line, to copy or to type
/// elsewhere.
fn kept_in_input(app: &mut App, typed: &str, why: &str) -> Option<String> {
    app.message = Some(format!("{why}; what you typed is kept here, not saved."));
    Some(typed.to_string())
}

/// What deciding a removed step's conflict does, said when it is decided:
/// the conflict screen's `o` and `t` on a step kept here and removed
/// there. Letting it go says, whole, the text that goes with it.
pub fn decided(app: &mut App, c: &crate::merge::Conflict, keep: bool) {
    let (Some(ours), None) = (&c.ours, &c.theirs) else {
        return;
    };
    if !c.path.starts_with("steps[") {
        return;
    }
    // Named as it was before both changes: the title the others knew.
    let name = crate::text::clean(&named(c.base.as_ref().unwrap_or(ours))).into_owned();
    if keep {
        app.message = Some(format!(
            "{name} will be kept, with your text, when you save (Ctrl-s)."
        ));
        return;
    }
    let written: Vec<String> = written_in(c.base.as_ref(), ours)
        .iter()
        .map(|t| format!("\"{}\"", crate::text::clean(t)))
        .collect();
    app.message = Some(if written.is_empty() {
        format!("{name} will stay removed when you save (Ctrl-s); o keeps it instead.")
    } else {
        format!(
            "{name} will stay removed when you save (Ctrl-s), and what you wrote in it goes with it: {}; o keeps it instead.",
            written.join(", ")
        )
    });
}

/// The texts of `ours` that differ from `base`: what was written in the
/// step here.
fn written_in(base: Option<&Value>, ours: &Value) -> Vec<String> {
    let Value::Object(fields) = ours else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in fields {
        if base.and_then(|b| b.get(key)) == Some(value) {
            continue;
        }
        match value {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => {
                let before = base.and_then(|b| b.get(key)).and_then(Value::as_array);
                out.extend(
                    items
                        .iter()
                        .filter(|x| !before.is_some_and(|b| b.contains(x)))
                        .filter_map(Value::as_str)
                        .map(String::from),
                );
            }
            _ => {}
        }
    }
    out
}
