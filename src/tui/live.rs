//! `update` for pathways that others change while this session has them
//! open: the library shows the new version at once; an open pathway is
//! reloaded, or, if there are unsaved edits here, their changes are merged
//! into those edits (base: the version loaded here), with conflicts on the
//! conflict screen. A one-line notice says who changed what.

use super::app::App;
use super::editing::make;
use crate::merge::apart::{Written, write_loadable};
use crate::merge::{merge, record};
use crate::store::persist::session::{Change, Session};
use crate::store::team::watch::Changed;

pub fn file_changed(app: &mut App, changed: Changed) {
    let before = super::keep_place::steps_now(app);
    let typed_in = super::removed_step::typed_in(app);
    arrived(app, changed);
    let now_at = super::keep_place::follow_steps(app, &before);
    super::removed_step::note(app, typed_in, &before, &now_at);
}

fn arrived(app: &mut App, changed: Changed) {
    let name = |p: &std::path::Path| p.file_name().map(|n| n.to_os_string());
    let at = app
        .entries
        .iter()
        .position(|e| e.path.as_deref().and_then(name) == name(&changed.path));
    let open = app.pathway.as_ref().map(|s| s.entry);
    let Some(at) = at else {
        // A new pathway in the library (or a file that came and went).
        if !changed.gone {
            app.add_entries(vec![changed.entry]);
        }
        return;
    };
    if open != Some(at) {
        app.entries[at] = changed.entry;
        app.refresh_visible();
        return;
    }
    let session = app.pathway.as_ref().and_then(|s| s.session.as_ref());
    if session.is_some_and(|s| s.base_text() == changed.text) {
        // This session's own save, or nothing new.
        return;
    }
    let dirty = session.is_some_and(Session::is_dirty);
    if let Some(s) = app.pathway.as_mut() {
        s.last_heard = changed.save.clone();
    }
    let who = if changed.gone {
        "The file is no longer there: someone removed or renamed it".to_string()
    } else {
        who_changed(app, &changed)
    };
    if !dirty {
        // The session (if any) starts again from the file as it is now, so
        // a value being typed is written onto their version when it is
        // done, without reading the file again.
        let fresh = changed
            .entry
            .pathway()
            .map(|p| Session::new(&changed.path, changed.text.clone(), p.clone()));
        if let Some(s) = app.pathway.as_mut() {
            s.session = fresh;
        }
        let broken = changed.entry.pathway().is_none();
        app.entries[at] = changed.entry;
        if broken {
            // The library shows what is wrong; the pathway cannot stay
            // open as it no longer loads.
            app.pathway = None;
            app.message = Some(format!(
                "The pathway no longer loads, so it was closed; the library shows why: {who}."
            ));
        } else {
            clamp_positions(app);
            app.message = Some(format!("{who}."));
        }
        return;
    }
    merge_into_edits(app, changed, &who);
}

/// "Dr Anna Smith saved: title changed …", from the history when it knows
/// the save, else only that the file changed.
fn who_changed(app: &App, changed: &Changed) -> String {
    match &changed.save {
        Some(save) => {
            let name = app.team.people.display(&save.by);
            crate::text::clean(&format!("{name} saved: {}", save.brief())).into_owned()
        }
        None => "Someone changed this pathway on disk".into(),
    }
}

/// Their changes merged into the unsaved edits: the session starts again
/// from the file as it is now, with the merge as the unsaved change.
fn merge_into_edits(app: &mut App, changed: Changed, who: &str) {
    let Some(session) = app.pathway.as_ref().and_then(|s| s.session.as_ref()) else {
        return;
    };
    let Some(theirs) = changed.entry.pathway().cloned() else {
        app.message = Some(format!(
            "Not merged, as the file no longer loads; your edits are kept, not saved: {who}"
        ));
        return;
    };
    let result = match merge(session.saved(), session.pathway(), &theirs) {
        Ok(result) => result,
        Err(e) => {
            app.message = Some(format!(
                "Not merged ({}); your edits are kept, not saved: {who}",
                crate::text::clean(&e)
            ));
            return;
        }
    };
    let file = session.file().to_path_buf();
    // Never a rewrite of the file: where the merge cannot be written into
    // their save in place, their save stays as it is and each of the
    // unsaved edits waits as a conflict to decide.
    let (text, list, labels, apart) = match write_loadable(&changed.text, &theirs, &result.merged) {
        Written::InPlace(text) => (
            text,
            result.conflicts,
            ("your unsaved edits", "their save"),
            false,
        ),
        Written::Apart { conflicts, .. } => (
            changed.text.clone(),
            conflicts,
            ("their save", "your unsaved edits"),
            true,
        ),
    };
    let conflicts = list.len();
    let text = if conflicts == 0 {
        text
    } else {
        record::block(&list, labels) + &text
    };
    if let Some(s) = app.pathway.as_mut() {
        s.session = Some(Session::new(&file, changed.text.clone(), theirs));
    }
    let at = app.pathway.as_ref().map_or(0, |s| s.entry);
    let changed_save = changed.save.clone();
    let changed_text = changed.text.clone();
    app.entries[at] = changed.entry;
    let done = if apart {
        format!(
            "Your unsaved edits could not be merged into their save as it stands, so the file stays as they saved it and each of your {conflicts} edit(s) waits here as a conflict to decide; nothing is lost: {who}."
        )
    } else if conflicts == 0 {
        format!("Merged into your unsaved edits: {who}.")
    } else {
        format!("{conflicts} conflict(s) with your unsaved edits, to decide here: {who}.")
    };
    if conflicts == 0 && text == changed_text {
        // Their save already holds every unsaved edit made here (the same
        // change on both sides): nothing is left unsaved.
        super::editing::sync(app);
        app.message = Some(format!(
            "Their save holds your unsaved edits too, so nothing is left to save: {who}."
        ));
    } else {
        make(app, Change::Replace { text }, &done);
    }
    clamp_positions(app);
    if conflicts > 0 {
        super::conflicts::open(app);
        super::conflicts::name_theirs(app, changed_save.as_ref());
    }
}

/// Keeps the selection inside lists that may have shrunk.
fn clamp_positions(app: &mut App) {
    let steps = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    if let Some(s) = app.pathway.as_mut() {
        s.step = s.step.min(steps.saturating_sub(1));
        s.trail.retain(|&i| i < steps);
    }
}
