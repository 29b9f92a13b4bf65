//! Turning down a suggested pair in the comparison, once asked
//! ([`super::screen::reject`]): recorded beside the library (so it is not
//! suggested again) and in the pathway's history in words, and taken back
//! by `u` while nothing was changed since.

use std::path::{Path, PathBuf};

use super::app::App;
use super::message::Effect;
use crate::compare::Rejection;

/// Rejects the suggested pair `rejection` (answered yes when asked,
/// [`super::screen::reject`]): it stops being suggested at once; keeping
/// it beside the library and in the history is the worker's, and
/// [`kept`] says how that went.
pub fn reject(app: &mut App, rejection: Rejection) {
    app.rejections.insert(&rejection);
    app.unreject = Some((rejection.clone(), revision(app)));
    if !keep(app, rejection, false, true) {
        app.message = Some(
            "Not the same point: it is not suggested again this session (the examples are read-only); u takes it back."
                .into(),
        );
    }
}

/// `u` in the comparison: the last rejection, if nothing was changed since,
/// is taken back. False when there is none to take back (then `u` undoes
/// the last change as anywhere else).
pub fn undo(app: &mut App) -> bool {
    let Some((rejection, at)) = app.unreject.clone() else {
        return false;
    };
    if at != revision(app) {
        app.unreject = None;
        return false;
    }
    app.unreject = None;
    app.rejections.remove(&rejection);
    if !keep(app, rejection, true, true) {
        app.message = Some("The rejection is taken back: suggested again.".into());
    }
    true
}

/// Asks the worker to keep `rejection` beside the library (or, with
/// `take_back`, to remove it), with a line in the open pathway's history
/// when `tell`. False when there is no library to keep it in.
pub fn keep(app: &mut App, rejection: Rejection, take_back: bool, tell: bool) -> bool {
    let Some(library) = app.folder.clone() else {
        return false;
    };
    let history = tell
        .then(|| {
            app.pathway
                .as_ref()
                .and_then(|s| app.entries.get(s.entry))
                .and_then(|e| e.path.clone())
        })
        .flatten();
    app.outbox.push(Effect::KeepRejection(Box::new(Keep {
        library,
        rejection,
        take_back,
        history,
        by: crate::store::team::identity::current().user.clone(),
        tell,
    })));
    true
}

/// A pairing to keep turned down (or take back) beside the library: the
/// worker's part of [`reject`] and [`undo`].
#[derive(Debug, Clone, PartialEq)]
pub struct Keep {
    pub library: PathBuf,
    pub rejection: Rejection,
    pub take_back: bool,
    /// The open pathway's file, whose history says what was decided.
    pub history: Option<PathBuf>,
    pub by: String,
    /// Whether the user is told how it went.
    pub tell: bool,
}

/// How keeping a rejection went.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub keep: Keep,
    /// Written beside the library (or removed).
    pub kept: Result<(), String>,
    /// Said in the history.
    pub noted: Result<(), String>,
}

impl Keep {
    /// Writes it (on the worker).
    pub fn run(self) -> Kept {
        let kept = if self.take_back {
            crate::store::team::rejections::remove(&self.library, &self.rejection)
        } else {
            crate::store::team::rejections::add(&self.library, self.rejection.clone())
        };
        let noted = match &self.history {
            Some(file) => {
                let what = if self.take_back {
                    format!(
                        "suggestion rejection taken back: {}",
                        words(&self.rejection)
                    )
                } else {
                    format!("suggestion rejected: {}", words(&self.rejection))
                };
                note(file, &self.by, &what)
            }
            None => Ok(()),
        };
        Kept {
            keep: self,
            kept,
            noted,
        }
    }
}

/// What the worker did with a rejection, in words for the status bar.
pub fn kept(app: &mut App, done: Kept) {
    if !done.keep.tell {
        return;
    }
    let noted = match done.noted {
        Ok(()) => String::new(),
        Err(e) => format!(" (not in the history: {e})"),
    };
    app.message = Some(match (done.keep.take_back, done.kept) {
        (false, Ok(())) => {
            format!("Not the same point: it will not be suggested again{noted}; u takes it back.")
        }
        (false, Err(e)) => format!(
            "Not the same point: it is not suggested again this session, but could not be kept: {e}{noted}; u takes it back."
        ),
        (true, Ok(())) => format!("The rejection is taken back: suggested again{noted}."),
        (true, Err(e)) => {
            format!("Suggested again here, but the library still has it turned down: {e}")
        }
    });
}

fn words(r: &Rejection) -> String {
    format!("{}: “{}” and “{}”", r.section.replace('_', " "), r.a, r.b)
}

fn revision(app: &App) -> u64 {
    app.pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .map_or(0, |s| s.revision())
}

/// A line in the pathway's history for what was decided, as a save that
/// changed nothing in the file.
fn note(file: &Path, by: &str, what: &str) -> Result<(), String> {
    crate::store::persist::lock::with_lock(file, || {
        let text = crate::store::safe_open::read_pathway_text(file).map_err(|e| e.to_string())?;
        crate::store::persist::history::append(file, by, &text, &text, (vec![what.to_string()], 1))
    })
    .and_then(|r| r)
}
