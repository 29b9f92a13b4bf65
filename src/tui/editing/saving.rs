//! Saving: the save on the worker, waiting for a lock, cancelled, done; and leaving with unsaved changes.

use super::*;

/// Starts saving on the worker, to do `then` once saved; says so. False
/// when there was nothing to start (nothing to save: `then` is done at
/// once; or a save already under way, or one that cannot start).
pub fn save_then(app: &mut App, then: AfterSave) -> bool {
    if app.saving.is_some() {
        app.message = Some(SAVING.into());
        return false;
    }
    let Some(session) = app.pathway.as_ref().and_then(|s| s.session.as_ref()) else {
        app.message = Some("There are no changes to save.".into());
        after_save(app, &then);
        return false;
    };
    if !session.is_dirty() {
        app.message = Some("There are no changes to save.".into());
        after_save(app, &then);
        return false;
    }
    // A save that takes away the participants' word on the content is
    // said first, and done when asked again with nothing changed since.
    let voided = crate::model::signoff::voided_by(session.saved(), session.pathway());
    let revision = session.revision();
    if !voided.is_empty() && app.voiding_asked != Some(revision) {
        app.message = Some(crate::text::clean(&format!(
            "Saving changes the content {} signed off: their sign-offs will be for an earlier version. Save again to go ahead.",
            crate::model::signoff::names(&voided)
        )).into_owned());
        app.voiding_asked = Some(revision);
        return false;
    }
    app.voiding_asked = None;
    match session.save_job() {
        Ok(job) => {
            let cancel = crate::store::persist::saving::Cancel::default();
            app.saving = Some(Saving {
                cancel: cancel.clone(),
                then,
                waiting: None,
                deferred: Vec::new(),
            });
            app.outbox.push(Effect::Save {
                job: Box::new(job),
                cancel,
            });
            app.message = Some("Saving…".into());
            true
        }
        Err(e) => {
            app.message = Some(format!("Not saved: {e}"));
            false
        }
    }
}

/// Ctrl-s.
pub fn save(app: &mut App) -> bool {
    save_then(app, AfterSave::Stay)
}

/// What the status bar says while a save is under way.
pub const SAVING: &str = "Saving… your edits wait until it is done (Esc cancels the save).";

/// The save has waited a while for someone else's: say who, and how out.
pub fn save_waiting(app: &mut App, holder: Option<String>) {
    let who = holder.unwrap_or_else(|| "someone else".to_string());
    let said =
        format!("Waiting to save: {who} is saving this pathway. Esc cancels; your edits are kept.");
    if let Some(saving) = app.saving.as_mut() {
        saving.waiting = Some(said.clone());
    }
    app.message = Some(said);
}

/// Esc while saving: the save stops waiting, and the edits stay unsaved.
pub fn cancel_save(app: &mut App) {
    if let Some(saving) = &app.saving {
        saving.cancel.cancel();
        app.message = Some("Cancelling the save; your edits are kept.".into());
    }
}

/// The worker's answer: the save went through (the file as saved is the
/// session's new start) or it did not (the edits stay, and the reason is
/// said). Others' saves that arrived meanwhile are handled after.
pub fn save_done(
    app: &mut App,
    file: &std::path::Path,
    result: Result<crate::store::persist::saving::Saved, crate::store::persist::session::SaveError>,
) {
    let Some(saving) = app.saving.take() else {
        return;
    };
    let session = app
        .pathway
        .as_mut()
        .and_then(|s| s.session.as_mut())
        .filter(|s| s.file() == file);
    match (session, result) {
        (Some(session), Ok(saved)) => {
            // Someone saved at the same moment: their change is in the file
            // now, and this is the only notice of it this session gets.
            let merged = saved.merged.clone().map(|their| match their {
                Some(save) => format!(
                    " {} save is merged in: {}",
                    crate::model::words::possessive(&app.team.people.display(&save.by)),
                    save.brief()
                ),
                None => " A save made meanwhile is merged in.".to_string(),
            });
            session.finish_save(saved);
            let name = session
                .file()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let warning = session.take_warning();
            let said = match warning {
                Some(w) => format!("Saved {name}, but: {w}"),
                None => format!("Saved {name}."),
            };
            let said = said + merged.as_deref().unwrap_or("");
            app.message = Some(crate::text::clean(&said).into_owned());
            // A save may have merged in what others saved meanwhile.
            sync(app);
            // Nothing unsaved now: the kept copy goes.
            crate::tui::recovery::journal(app);
            after_save(app, &saving.then);
        }
        (_, Err(e)) => {
            app.message = Some(format!("Not saved: {e}"));
            app.stack.close::<crate::tui::screen::confirm::Confirm>();
        }
        (None, Ok(_)) => {
            app.message = Some("Saved.".into());
        }
    }
    for changed in saving.deferred {
        crate::tui::live::file_changed(app, changed);
    }
}

/// Does what a save was for, once it is saved.
fn after_save(app: &mut App, then: &AfterSave) {
    match then {
        AfterSave::Stay => {}
        AfterSave::Leave(pending) => finish(app, *pending),
        AfterSave::MergeFinished => {
            app.stack
                .close::<crate::tui::screen::conflicts::Conflicts>();
            // The record is gone from the file: the header stops saying so.
            if let Some(s) = app.pathway.as_mut() {
                s.merge_record = 0;
            }
            app.message = Some("Merge finished and saved.".into());
        }
        AfterSave::SignedOff(said) => {
            app.message = Some(crate::text::clean(said).into_owned());
        }
    }
}

/// Leaves the pathway or quits, asking first if there are unsaved changes.
pub fn leave(app: &mut App, then: Pending) {
    if is_dirty(app) {
        if app.pathway.is_some() {
            app.stack
                .push(crate::tui::screen::confirm::Confirm { then });
        }
        return;
    }
    finish(app, then);
}

pub fn finish(app: &mut App, then: Pending) {
    match then {
        Pending::Quit => app.quit = true,
        Pending::Library => app.pathway = None,
    }
}
