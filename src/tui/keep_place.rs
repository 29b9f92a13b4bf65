//! Keeping the form, the text being typed and the selection on the same
//! step when someone else's save moves it: their save may add, remove or
//! move steps, and the form addresses a step's fields by its place in the
//! list (`steps.3.title`). Without this, a title being typed for one step
//! would be written onto whichever step took its place.

use super::app::{App, FormSource};

/// The ids of the open pathway's steps, in order: what to follow from.
pub fn step_ids(app: &App) -> Vec<String> {
    app.open_pathway()
        .map(|(p, _)| p.steps.iter().map(|s| s.id.clone()).collect())
        .unwrap_or_default()
}

/// After the open pathway changed under the form (`before` holds its step
/// ids as they were): every address of a step that moved is rewritten to
/// its new place; a step that is gone is addressed by its id, which no
/// longer exists, so what is typed for it is refused with a reason rather
/// than written onto another step.
pub fn follow_steps(app: &mut App, before: &[String]) {
    let after = step_ids(app);
    if after == before {
        return;
    }
    let place = |i: usize| -> Option<(String, String)> {
        let id = before.get(i)?;
        let to = match after.iter().position(|a| a == id) {
            Some(j) => j.to_string(),
            None => id.clone(),
        };
        Some((format!("steps.{i}."), format!("steps.{to}.")))
    };
    let Some(state) = app.pathway.as_mut() else {
        return;
    };
    if let Some(id) = before.get(state.step)
        && let Some(j) = after.iter().position(|a| a == id)
    {
        state.step = j;
    }
    let Some(FormSource::Step(i)) = state.form.as_ref().map(|f| f.source) else {
        return;
    };
    let Some((from, to)) = place(i) else {
        return;
    };
    let moved = |path: &mut String| {
        if let Some(rest) = path.strip_prefix(&from) {
            *path = format!("{to}{rest}");
        }
    };
    if let Some(form) = state.form.as_mut() {
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
        if let Some(j) = after.iter().position(|a| Some(a) == before.get(i)) {
            form.source = FormSource::Step(j);
            form.title = format!("Edit step {}", j + 1);
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
}
