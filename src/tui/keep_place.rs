//! Keeping the form, the text being typed and the selection on the same
//! step when someone else's save moves it: their save may add, remove or
//! move steps, and the form addresses a step's fields by its place in the
//! list (`steps.3.title`). Without this, a title being typed for one step
//! would be written onto whichever step took its place.

use super::app::{App, FormSource};

/// The open pathway's steps, in order: what to follow from.
pub fn steps_now(app: &App) -> Vec<serde_json::Value> {
    app.open_pathway()
        .map(|(p, _)| {
            p.steps
                .iter()
                .filter_map(|s| serde_json::to_value(s).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn id_of(step: &serde_json::Value) -> String {
    step.get("id")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Whether two steps the merge pairs are surely one step to follow a form
/// to: the same id, or a new id on the same title or the same content.
/// Steps paired only as alike (one removed and a similar one added) are
/// not: what is typed goes to no step rather than another's.
fn same_step(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    let without_id = |v: &serde_json::Value| {
        let mut v = v.clone();
        if let Some(m) = v.as_object_mut() {
            m.remove("id");
        }
        v
    };
    id_of(a) == id_of(b) || a.get("title") == b.get("title") || without_id(a) == without_id(b)
}

/// After the open pathway changed under the form (`before` holds its steps
/// as they were): every address of a step that moved is rewritten to its
/// new place. A step is followed as a merge knows it — by its id, or, when
/// its id was changed, by what it says — so a step renamed meanwhile is
/// still the step typed in. A step that is gone is addressed by its id,
/// which no longer exists, so what is typed for it is never written onto
/// another step. Returns, for each step before, where it is now (`None`:
/// gone).
pub fn follow_steps(app: &mut App, before: &[serde_json::Value]) -> Vec<Option<usize>> {
    let after = steps_now(app);
    if after == before {
        return (0..before.len()).map(Some).collect();
    }
    let of_new = crate::merge::align::align(before, &after);
    let now_at: Vec<Option<usize>> = (0..before.len())
        .map(|i| {
            of_new
                .iter()
                .position(|o| *o == Some(i))
                .filter(|&j| same_step(&before[i], &after[j]))
        })
        .collect();
    let place = |i: usize| -> Option<(String, String)> {
        let id = id_of(before.get(i)?);
        let to = match now_at[i] {
            Some(j) => j.to_string(),
            None => id,
        };
        Some((format!("steps.{i}."), format!("steps.{to}.")))
    };
    let Some(state) = app.pathway.as_mut() else {
        return now_at;
    };
    if let Some(Some(j)) = now_at.get(state.step) {
        state.step = *j;
    }
    let form = app.stack.find_mut::<crate::tui::app::FormState>();
    let Some(FormSource::Step(i)) = form.as_ref().map(|f| f.source) else {
        return now_at;
    };
    let Some((from, to)) = place(i) else {
        return now_at;
    };
    let moved = |path: &mut String| {
        if let Some(rest) = path.strip_prefix(&from) {
            *path = format!("{to}{rest}");
        }
    };
    if let Some(form) = form {
        for f in &mut form.fields {
            moved(&mut f.path);
            if let Some(item) = f.item.as_mut() {
                // The list itself: `steps.3.red_flags`.
                let mut list = format!("{}.", item.list);
                moved(&mut list);
                list.pop();
                item.list = list;
            }
        }
        match now_at.get(i) {
            Some(Some(j)) => {
                form.source = FormSource::Step(*j);
                form.title = format!("Edit step {}", j + 1);
            }
            _ => form.title = "A step removed by someone else's save".into(),
        }
    }
    if let Some(t) = state.typing.as_mut() {
        moved(&mut t.path);
    }
    if let Some(editor) = app
        .stack
        .find_mut::<super::screen::text_editor::TextEditor>()
    {
        moved(&mut editor.path);
    }
    now_at
}
