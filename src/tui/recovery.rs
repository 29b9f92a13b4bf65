//! Keeping unsaved edits safe across a dropped connection, and offering
//! them back: restored as they were, or merged with what was saved since.

use super::app::App;
use super::editing::{ensure_session, make};
use super::keys::Action;
use crate::store::journal;
use crate::store::session::Change;

/// Writes the open pathway's unsaved edits to the journal, if any.
pub fn journal(app: &mut App) {
    let Some(dir) = app.journal.clone() else {
        return;
    };
    let Some(session) = app.pathway.as_ref().and_then(|s| s.session.as_ref()) else {
        return;
    };
    if !session.is_dirty() {
        return;
    }
    if let Ok(text) = session.text()
        && let Err(e) = journal::write(&dir, session.file(), session.base_text(), &text)
    {
        app.message = Some(format!("Unsaved edits could not be kept safe: {e}"));
    }
}

/// What restoring the kept edits would change in the file as it is now,
/// and whether the file was saved since they were made (then the edits
/// are merged with that save, so what others saved stays).
pub fn against_now(
    entry: &journal::Entry,
    now: &crate::model::Pathway,
    file: Option<&std::path::Path>,
) -> (Vec<crate::diff::Change>, bool) {
    let changed = file
        .and_then(|f| crate::store::safe_open::read_pathway_text(f).ok())
        .is_some_and(|text| text != entry.base);
    let parse = |t: &str| serde_yaml::from_str::<crate::model::Pathway>(t).ok();
    let restored = match (parse(&entry.base), parse(&entry.text)) {
        (Some(base), Some(kept)) if changed => crate::merge::merge(&base, &kept, now)
            .ok()
            .map(|m| m.merged),
        (_, kept) => kept,
    };
    let changes = restored
        .map(|r| crate::diff::diff(now, &r))
        .unwrap_or_default();
    (changes, changed)
}

/// The keys of the offer: restore, throw away, look, or decide later.
pub fn act(app: &mut App, action: Action) {
    let Some(entry) = app.pathway.as_ref().and_then(|s| s.recovery.clone()) else {
        return;
    };
    match action {
        Action::Back => {
            if let Some(s) = app.pathway.as_mut() {
                s.recovery = None;
            }
        }
        Action::DropJournal => {
            if let Some(dir) = &app.journal {
                journal::remove_entry(dir, &entry);
            }
            if let Some(s) = app.pathway.as_mut() {
                s.recovery = None;
            }
            app.message = Some("The kept edits are thrown away.".into());
        }
        Action::ShowChanges => {
            let changes = app
                .pathway
                .as_ref()
                .map(|s| s.recovery_changes.clone())
                .unwrap_or_default();
            app.diff = Some(super::app::DiffView {
                title: "Your kept edits, against the file as it is now".into(),
                changes,
                selected: 0,
            });
        }
        Action::Restore => {
            if let Some(s) = app.pathway.as_mut() {
                s.recovery = None;
            }
            restore(app, &entry);
            // Now this session's unsaved edits: journalled as its own at
            // once, and the old journal goes, so they are offered once.
            if super::editing::is_dirty(app) {
                journal(app);
                let me = crate::store::identity::current();
                if let Some(dir) = &app.journal
                    && (entry.host != me.host || entry.pid != me.pid)
                {
                    journal::remove_entry(dir, &entry);
                }
            }
        }
        _ => {}
    }
}

/// Brings the kept edits back as unsaved edits. If the file was saved by
/// someone since, their changes and the kept edits are merged; conflicts
/// are recorded at the top, for `M`.
fn restore(app: &mut App, entry: &journal::Entry) {
    if !ensure_session(app) {
        return;
    }
    let Some(now) = app
        .pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .map(|s| s.base_text().to_string())
    else {
        return;
    };
    if now == entry.base {
        make(
            app,
            Change::Replace {
                text: entry.text.clone(),
            },
            "Your kept edits are back, not yet saved; d shows them.",
        );
        return;
    }
    let parse = |t: &str| serde_yaml::from_str::<crate::model::Pathway>(t);
    let (Ok(base), Ok(ours), Ok(theirs)) = (parse(&entry.base), parse(&entry.text), parse(&now))
    else {
        app.message = Some(
            "The kept edits no longer read as a pathway; e opens them in your own editor.".into(),
        );
        if let Some(s) = app.pathway.as_mut() {
            s.unloaded = Some((super::editing::WHOLE_FILE.to_string(), entry.text.clone()));
        }
        return;
    };
    let Ok(result) = crate::merge::merge(&base, &ours, &theirs) else {
        return;
    };
    // Written into the file as saved now, so its layout is kept.
    let text = crate::merge::write::into_ours(&now, &theirs, &result.merged)
        .unwrap_or_else(|_| serde_yaml::to_string(&result.merged).unwrap_or_default());
    let text = if result.conflicts.is_empty() {
        text
    } else {
        crate::merge::record::block(&result.conflicts, ("your kept edits", "the saved file"))
            + &text
    };
    let n = result.conflicts.len();
    let done = if n == 0 {
        "Your kept edits are back, merged with what was saved since; not yet saved.".to_string()
    } else {
        format!(
            "Your kept edits are back, merged with what was saved since; {n} conflict(s) to decide: save, then M."
        )
    };
    make(app, Change::Replace { text }, &done);
}
