//! Changing a pathway's shape from the app: steps added, deleted and
//! moved; list items added and deleted from a form; a new pathway from the
//! template.

use super::app::{App, FieldKind, FormField, FormSource, FormState, Input, ListItem};
use super::editing::{ensure_session, make, new_id};
use crate::store::library::source::EntryState;
use crate::store::persist::session::{Change, Session};

/// `a`: asks for the new step's title.
pub fn start_add_step(app: &mut App) {
    if app.read_only {
        app.message = Some("The built-in examples are read-only: open a folder of your own (carepath FOLDER) to edit.".into());
        return;
    }
    if !ensure_session(app) {
        return;
    }
    if app.pathway.is_some() {
        let form = FormState {
            source: FormSource::NewStep,
            title: "New step".into(),
            fields: vec![FormField {
                label: "Title".into(),
                path: NEW_STEP.into(),
                kind: FieldKind::Text,
                item: None,
            }],
            selected: 0,
            input: Some(Input::default()),
            choice: None,
            folded: Vec::new(),
            filter: None,
            adding: None,
        };
        super::screen::form::open(app, form);
    }
}

/// The form field that stands for "the title of a step to add".
pub(crate) const NEW_STEP: &str = "+step";

pub(crate) fn add_step(app: &mut App, title: &str) {
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    if title.trim().is_empty() {
        app.message = Some("A step needs a title.".into());
        return;
    }
    let taken: Vec<&str> = p.steps.iter().map(|s| s.id.as_str()).collect();
    // Only what was given: the kind and owner are left for someone to
    // choose (an action, the kind when none is written).
    let mut step = serde_yaml::Mapping::new();
    step.insert("id".into(), new_id(title, &taken).into());
    step.insert("title".into(), title.trim().into());
    let index = if p.steps.is_empty() {
        0
    } else {
        state.step + 1
    };
    let yaml = serde_yaml::to_string(&step).unwrap_or_default();
    if make(
        app,
        Change::Insert {
            path: "steps".into(),
            index,
            yaml,
        },
        "Step added.",
    ) && let Some(s) = app.pathway.as_mut()
    {
        s.step = index;
    }
}

/// `x`: deletes the selected step, unless other steps lead to it.
pub fn delete_step(app: &mut App) {
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    let Some(step) = p.steps.get(state.step) else {
        return;
    };
    let leading: Vec<String> = p
        .steps
        .iter()
        .filter(|s| s.id != step.id && s.exits().any(|e| e.target == step.id))
        .map(|s| format!("\"{}\"", s.title))
        .collect();
    if !leading.is_empty() {
        app.message = Some(format!(
            "Not deleted: {} lead here; point them elsewhere first.",
            leading.join(", ")
        ));
        return;
    }
    let index = state.step;
    if make(
        app,
        Change::Remove {
            path: "steps".into(),
            index,
        },
        "Step deleted.",
    ) && let Some(s) = app.pathway.as_mut()
    {
        // The step after it takes its place; the walk so far no longer holds.
        s.trail.clear();
    }
    clamp_step(app);
}

pub(super) fn clamp_step(app: &mut App) {
    let count = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    if let Some(s) = app.pathway.as_mut() {
        s.step = s.step.min(count.saturating_sub(1));
    }
}

/// `K` / `J`: moves the selected step up or down.
pub fn move_step(app: &mut App, up: bool) {
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    let from = state.step;
    let to = if up {
        from.checked_sub(1)
    } else {
        Some(from + 1).filter(|t| *t < p.steps.len())
    };
    let Some(to) = to else { return };
    if make(
        app,
        Change::Move {
            path: "steps".into(),
            from,
            to,
        },
        "Step moved.",
    ) && let Some(s) = app.pathway.as_mut()
    {
        s.step = to;
    }
}

/// The worker wrote the new pathway (or could not): it opens, with a
/// session on the text as written, so its own arrival on disk is known
/// for what it is and not announced as someone else's change.
pub fn created(app: &mut App, result: Result<(std::path::PathBuf, String), String>) {
    let (path, text) = match result {
        Ok(made) => made,
        Err(e) => {
            app.message = Some(e);
            return;
        }
    };
    app.stack
        .close::<crate::tui::screen::new_pathway::NewPathway>();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let loaded = crate::store::read::load::load_str(&path.display().to_string(), &text);
    let pathway = loaded.as_ref().ok().cloned();
    let entry = crate::store::library::source::Entry::new(
        name.clone(),
        Some(path.clone()),
        match loaded {
            Ok(p) => EntryState::Loaded(Box::new(p)),
            Err(d) => EntryState::Broken(d),
        },
    );
    app.library.chosen = true;
    let index = app.entries.len();
    app.add_entries(vec![entry]);
    if let Some(row) = app.library.visible.iter().position(|&i| i == index) {
        app.library.selected = row;
    }
    let mut state = super::app::PathwayState::new(index);
    state.session = pathway.map(|p| Session::new(&path, text, p));
    app.stack.close_pathway();
    app.pathway = Some(state);
    app.message = Some(format!(
        "Created {}; i edits, e opens it in your own editor.",
        crate::text::clean(&name)
    ));
}

/// Adds a new item to a list from the form, at `index`; true when added.
pub(super) fn add_item(app: &mut App, item: &ListItem, index: usize) -> bool {
    let change = Change::Insert {
        path: item.list.clone(),
        index,
        yaml: item.new_item.clone(),
    };
    make(
        app,
        change,
        &format!("Added a {}; Enter changes it.", item.noun),
    )
}

/// Deletes a list item from the form, unless something refers to it;
/// the index of the item to choose next, once deleted.
pub(crate) fn delete_item(app: &mut App, item: &ListItem) -> Option<usize> {
    if let Some((p, _)) = app.open_pathway()
        && item.list == "participants"
        && let Some(x) = p.participants.get(item.index)
    {
        let named = p.steps.iter().any(|s| s.owner.as_deref() == Some(&x.id))
            || p.monday_morning.iter().any(|m| m.who == x.id)
            || p.sign_off.iter().any(|s| s.participant == x.id)
            || p.analyses.contains_key(&x.id);
        if named {
            app.message = Some(format!(
                "Not deleted: {} owns steps, has an analysis or Monday-morning changes; change those first.",
                x.name
            ));
            return None;
        }
    }
    let change = Change::Remove {
        path: item.list.clone(),
        index: item.index,
    };
    make(app, change, &format!("Deleted the {}.", item.noun))
        .then(|| item.index.min(item.len.saturating_sub(2)))
}
