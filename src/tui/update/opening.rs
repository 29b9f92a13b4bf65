//! Opening a pathway: the library as it loads, the file read on the worker, kept edits offered back.

use super::*;

pub(super) fn on_load(app: &mut App, ev: LoadEvent) {
    match ev {
        LoadEvent::Listed(n) => app.loading.total = Some(n),
        LoadEvent::Loaded(entries) => {
            app.add_entries(entries);
            if std::mem::take(&mut app.open_when_loaded) {
                crate::tui::screen::base::library::open_selected(app);
            }
        }
        LoadEvent::Done => app.loading.done = true,
        LoadEvent::Failed(e) => {
            app.loading.done = true;
            app.message = Some(e);
        }
    }
}

/// Opens the pathway of entry `i`. The built-in examples are in memory and
/// open at once; a file is read (once, whole) by the worker, together with
/// what it says beyond the pathway (an unfinished merge's record) and edits
/// kept from a session that ended without saving, and shown when it
/// arrives ([`opened`]).
pub(crate) fn open_entry(app: &mut App, i: usize, then: AfterOpening) {
    let Some(entry) = app.entries.get(i) else {
        return;
    };
    match entry.path.clone() {
        Some(file) => {
            let local = entry
                .pathway()
                .filter(|p| p.based_on.is_some())
                .map(|p| Box::new(p.clone()));
            app.opening = Some(Opening { entry: i, then });
            app.outbox.push(Effect::Inspect {
                file,
                journal: app.journal.clone(),
                local,
            });
        }
        None if entry.pathway().is_some() => {
            app.stack.close_pathway();
            app.pathway = Some(PathwayState::new(i));
        }
        None => did_not_load(app, i),
    }
}

pub(super) fn did_not_load(app: &mut App, i: usize) {
    app.message = Some(format!(
        "{} did not load; its problems are listed below. carepath will not change this file.",
        crate::text::clean(&app.entries[i].file)
    ));
}

/// A pathway's file, read by the worker: the entry takes what it says now;
/// the pathway being opened is shown, with a session on that text; an open
/// pathway without a session gets one.
pub(super) fn opened(
    app: &mut App,
    file: &std::path::Path,
    opened: Result<Box<Session>, Vec<crate::store::read::load::Diagnostic>>,
    kept: Option<crate::store::persist::journal::Entry>,
) {
    let Some(i) = app
        .entries
        .iter()
        .position(|e| e.path.as_deref() == Some(file))
    else {
        return;
    };
    let opening = app.opening.filter(|o| o.entry == i);
    let dirty = crate::tui::editing::is_dirty(app);
    if opening.is_some() || !dirty {
        app.entries[i].set_state(match &opened {
            Ok(session) => EntryState::Loaded(Box::new(session.saved().clone())),
            Err(problems) => EntryState::Broken(problems.clone()),
        });
    }
    if opening.is_some() {
        app.opening = None;
        if opened.is_err() {
            did_not_load(app, i);
            return;
        }
        app.stack.close_pathway();
        app.pathway = Some(PathwayState::new(i));
    }
    let text = opened.as_ref().ok().map(|s| s.base_text().to_owned());
    if let Some(state) = app.pathway.as_mut().filter(|s| s.entry == i)
        && state.session.is_none()
    {
        state.session = opened.ok().map(|s| *s);
    }
    inspected(app, file, text.as_deref(), kept);
    if opening.is_some_and(|o| o.then == AfterOpening::Conflicts) {
        crate::tui::conflicts::open(app);
    }
}

/// The open pathway's file as read on opening: an unfinished merge is
/// counted, and kept edits are offered with what they would change.
pub(super) fn inspected(
    app: &mut App,
    file: &std::path::Path,
    text: Option<&str>,
    kept: Option<crate::store::persist::journal::Entry>,
) {
    let Some((now, state)) = app.open_pathway() else {
        return;
    };
    if app.entries[state.entry].path.as_deref() != Some(file) {
        return;
    }
    let now = now.clone();
    let offer = kept.map(|entry| {
        let (changes, file_changed) = crate::tui::recovery::against_now(&entry, &now, text);
        (entry, changes, file_changed)
    });
    // The session starts here, from the file as read now, so every edit
    // made later is made to the version on screen: one made on a version
    // read later could land on a step that has since moved.
    let loaded = text.and_then(|t| {
        crate::store::read::load::load_str(&file.display().to_string(), t)
            .ok()
            .map(|p| (t, p))
    });
    if let Some((text, loaded)) = loaded
        && !app.read_only
        && app.pathway.as_ref().is_some_and(|s| s.session.is_none())
    {
        let before = crate::tui::keep_place::steps_now(app);
        let session = crate::store::persist::session::Session::new(file, text.to_string(), loaded);
        if let Some(s) = app.pathway.as_mut() {
            s.session = Some(session);
        }
        if loaded_differs(&now, app) {
            crate::tui::editing::sync(app);
            crate::tui::keep_place::follow_steps(app, &before);
        }
    }
    let Some(state) = app.pathway.as_mut() else {
        return;
    };
    // A merge that did not finish leaves its record at the top of the
    // file: say so, so people find the conflicts (M).
    state.merge_record = text
        .and_then(crate::merge::record::read)
        .map_or(0, |(c, _)| c.len());
    if let Some((entry, changes, file_changed)) = offer {
        use crate::tui::screen::recovery::Recovery;
        app.stack.close::<Recovery>();
        app.stack.push(Recovery {
            entry,
            changes,
            file_changed,
        });
    }
}

/// Whether the session's pathway is not the one shown (`now`).
pub(super) fn loaded_differs(now: &crate::model::Pathway, app: &App) -> bool {
    app.pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .is_some_and(|s| s.pathway() != now)
}
