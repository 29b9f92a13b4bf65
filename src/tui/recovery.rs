//! Keeping unsaved edits safe across a dropped connection, and offering
//! them back: restored as they were, or merged with what was saved since.

use super::app::App;
use super::editing::{ensure_session, make};
use super::message::Effect;
use crate::store::persist::journal;
use crate::store::persist::session::Change;

/// Keeps the journal of the open pathway's unsaved edits exactly in step
/// with them: written (on the worker) whenever they changed since it was
/// last written, and forgotten as soon as there are none — saved, undone
/// back to the saved file, or thrown away — so that only unsaved edits are
/// ever offered back.
pub fn journal(app: &mut App) {
    let Some(dir) = app.journal.clone() else {
        return;
    };
    let Some(session) = app.pathway.as_ref().and_then(|s| s.session.as_ref()) else {
        return;
    };
    let file = session.file().to_path_buf();
    let revision = session.revision();
    if !session.is_dirty() {
        if app.journalled.take().is_some() {
            app.outbox.push(Effect::ForgetJournal {
                dir,
                file,
                all: false,
            });
        }
        return;
    }
    if app.journalled.as_ref() == Some(&(file.clone(), revision)) {
        return;
    }
    if let Ok(text) = session.text() {
        app.outbox.push(Effect::Journal {
            dir,
            file: file.clone(),
            base: session.base_text().to_string(),
            text,
        });
        app.journalled = Some((file, revision));
    }
}

/// The edits are thrown away: no copy of them may come back.
pub fn forget(app: &mut App, file: &std::path::Path) {
    if let Some(dir) = app.journal.clone() {
        app.journalled = None;
        app.outbox.push(Effect::ForgetJournal {
            dir,
            file: file.to_path_buf(),
            all: true,
        });
    }
}

/// What restoring the kept edits would change in the file as it is now,
/// and whether the file was saved since they were made (then the edits
/// are merged with that save, so what others saved stays).
pub fn against_now(
    entry: &journal::Entry,
    now: &crate::model::Pathway,
    on_disk: Option<&str>,
) -> (Vec<crate::diff::Change>, bool) {
    let changed = on_disk.is_some_and(|text| text != entry.base);
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

/// Brings the kept edits back; then they are this session's unsaved
/// edits: journalled as its own at once, and the old journal goes, so they
/// are offered once.
pub fn restore(app: &mut App, entry: &journal::Entry) {
    bring_back(app, entry);
    if super::editing::is_dirty(app) {
        journal(app);
        let me = crate::store::team::identity::current();
        if let Some(dir) = &app.journal
            && (entry.host != me.host || entry.pid != me.pid)
        {
            app.outbox.push(Effect::ForgetKept {
                dir: dir.clone(),
                entry: Box::new(entry.clone()),
            });
        }
    }
}

/// Brings the kept edits back as unsaved edits. If the file was saved by
/// someone since, their changes and the kept edits are merged; conflicts
/// are recorded at the top, for `M`.
fn bring_back(app: &mut App, entry: &journal::Entry) {
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
    let result = match crate::merge::merge(&base, &ours, &theirs) {
        Ok(result) => result,
        Err(e) => {
            app.message = Some(format!(
                "The kept edits could not be merged with what was saved since ({}); they are still kept.",
                crate::text::clean(&e)
            ));
            return;
        }
    };
    // Written into the file as saved now, so its layout is kept; where
    // that cannot be done, the file stays as saved and each kept edit
    // waits as a conflict to decide, never a rewrite of the file.
    use crate::merge::apart::{Written, write_loadable};
    let (text, list, labels, apart) = match write_loadable(&now, &theirs, &result.merged) {
        Written::InPlace(text) => (
            text,
            result.conflicts,
            ("your kept edits", "the saved file"),
            false,
        ),
        Written::Apart { conflicts, .. } => (
            now.clone(),
            conflicts,
            ("the saved file", "your kept edits"),
            true,
        ),
    };
    let n = list.len();
    let text = if n == 0 {
        text
    } else {
        crate::merge::record::block(&list, labels) + &text
    };
    let done = if apart {
        format!(
            "Your kept edits could not be merged into the saved file as it stands, so the file stays as saved and each of your {n} kept edit(s) waits here as a conflict to decide. Nothing is lost."
        )
    } else if n == 0 {
        "Your kept edits are back, merged with what was saved since; not yet saved.".to_string()
    } else {
        format!(
            "Your kept edits are back, merged with what was saved since; {n} conflict(s) to decide here."
        )
    };
    make(app, Change::Replace { text }, &done);
    // What was saved since and a kept edit that meet (a step someone
    // deleted that the kept edits renamed) are decided now, as when a
    // colleague's save arrives, never left to a later save.
    if n > 0 {
        super::conflicts::open(app);
    }
}
