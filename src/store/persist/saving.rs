//! One save, as a job that can run away from the screen.
//!
//! A save waits for the pathway's lock (someone else may be saving), reads
//! the file as it is now, merges what others saved meanwhile, checks the
//! result, writes it atomically and records the history. Any of that can
//! take a while (a colleague's save holding the lock, a slow disk), so the
//! app takes a [`SaveJob`] — a snapshot of what is to be saved — hands it to
//! a worker thread, and goes on answering keys. The job reports how long it
//! has waited, and can be cancelled while it waits; the edits stay in the
//! app's session whatever happens, until the app hears the save succeeded.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::model::Pathway;
use crate::store::persist::save::save_atomic;
use crate::store::persist::session::{SaveError, verify};

/// What a save starts from: the file, the version the edits were made on,
/// and the version the user sees.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveJob {
    pub file: PathBuf,
    pub base_text: String,
    pub base: Pathway,
    pub current: Pathway,
    /// The file's text with the edits written in.
    pub text: String,
}

/// A save that went through.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The file's text now.
    pub text: String,
    /// The pathway now: the edits, plus what others saved meanwhile.
    pub shown: Pathway,
    /// What the save could not do besides saving (keep the history).
    pub warning: Option<String>,
    /// Whether anything was written (edits that come back to the file as
    /// it is write nothing).
    pub written: bool,
    /// Someone else had saved since the edits began, and their save was
    /// merged in: this, with who and what when the history knows.
    pub merged: Option<Option<crate::store::persist::history::Entry>>,
}

/// The flag by which the user cancels a save that waits for the lock.
/// Two flags are equal when they are the same flag.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

impl PartialEq for Cancel {
    fn eq(&self, other: &Cancel) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// How a save may wait for the lock: how long at most, and whom to tell
/// while it waits.
pub struct Waiting<'a> {
    pub cancel: &'a Cancel,
    /// Longest wait before giving up; `None` waits until cancelled.
    pub limit: Option<Duration>,
    /// Told once, after [`TELL_AFTER`] of waiting, who holds the lock
    /// (when the lock file says).
    pub tell: &'a mut dyn FnMut(Option<String>),
}

/// After this long waiting for the lock, the user is told who holds it.
pub const TELL_AFTER: Duration = Duration::from_secs(2);

impl SaveJob {
    /// Saves under the pathway's lock, waiting as `waiting` allows.
    pub fn run(&self, waiting: Waiting<'_>) -> Result<Saved, SaveError> {
        crate::store::persist::lock::with_lock_watched(&self.file, waiting, || self.run_locked())
            .map_err(|e| match e {
                crate::store::persist::lock::LockError::Cancelled(_) => SaveError::Cancelled,
                e => SaveError::Io(e.to_string()),
            })?
    }

    /// The save itself, with the lock held: if nobody saved since the edits
    /// began, the edited text is written; otherwise their changes and these
    /// are merged into the file as it is now, keeping its layout, and where
    /// they meet nothing is written and the conflicts are returned.
    fn run_locked(&self) -> Result<Saved, SaveError> {
        let on_disk = crate::store::safe_open::read_pathway_text(&self.file)
            .map_err(|e| SaveError::Io(e.to_string()))?;
        let (text, shown, before) = if on_disk == self.base_text {
            (self.text.clone(), self.current.clone(), &self.base)
        } else {
            // Read within the same limits as every command.
            let theirs: Pathway = crate::store::read::input::check(
                &self.file.display().to_string(),
                on_disk.as_bytes(),
            )
            .ok()
            .and_then(|t| serde_yaml::from_str(t).ok())
            .ok_or(SaveError::ChangedOnDisk)?;
            let result = crate::merge::merge(&self.base, &self.current, &theirs)
                .map_err(SaveError::Invalid)?;
            if !result.conflicts.is_empty() {
                return Err(SaveError::Conflicts(result.conflicts));
            }
            let text = crate::merge::write::into_ours(&on_disk, &theirs, &result.merged)
                .map_err(SaveError::Invalid)?;
            verify(&text, &result.merged).map_err(SaveError::Invalid)?;
            let their_save = crate::store::persist::history::last_save_of(&self.file, &on_disk);
            let mut saved = self.write(on_disk, text, result.merged, &theirs)?;
            saved.merged = Some(their_save);
            return Ok(saved);
        };
        self.write(on_disk, text, shown, before)
    }

    fn write(
        &self,
        on_disk: String,
        text: String,
        shown: Pathway,
        before: &Pathway,
    ) -> Result<Saved, SaveError> {
        let problems = crate::model::blocking(&shown);
        if !problems.is_empty() {
            let why: Vec<String> = problems.into_iter().map(|x| x.message).collect();
            return Err(SaveError::Invalid(why.join("; ")));
        }
        if self.file.file_stem().and_then(|s| s.to_str()) != Some(shown.id.as_str()) {
            return Err(SaveError::Invalid(format!(
                "the pathway id \"{}\" must match the file name",
                shown.id
            )));
        }
        // Edits that come back to the file as it is (undone by hand, or a
        // conflict decided for the version on disk) write nothing, and are
        // no save for the history.
        let mut warning = None;
        let written = text != on_disk;
        if written {
            // The history line goes first, so no save is ever without one
            // (a save that then fails leaves a line the history knows was
            // not made).
            let me = &crate::store::team::identity::current().user;
            let summary = crate::store::persist::history::summarise(before, &shown);
            warning =
                crate::store::persist::history::append(&self.file, me, &on_disk, &text, summary)
                    .err()
                    .map(|e| format!("saved, but the history could not be kept: {e}"));
            save_atomic(&self.file, text.as_bytes()).map_err(|e| SaveError::Io(e.to_string()))?;
        }
        Ok(Saved {
            text,
            shown,
            warning,
            written,
            merged: None,
        })
    }
}
