//! Turning down a suggested pair in the comparison: asked once, recorded
//! beside the library (so it is not suggested again) and in the pathway's
//! history in words, and taken back by `u` while nothing was changed
//! since.

use std::path::{Path, PathBuf};

use super::app::App;
use super::message::Effect;
use crate::compare::Rejection;

/// `r`: asks whether to reject the suggested pair under the cursor.
pub fn ask(app: &mut App) {
    let rejection = match super::compare::suggestion_here(app) {
        Ok(r) => r,
        Err(why) => {
            if !why.is_empty() {
                app.message = Some(why.into());
            }
            return;
        }
    };
    let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) else {
        return;
    };
    cmp.rejecting = Some(cmp.selected);
    app.message = Some(
        crate::text::clean(&format!(
            "Reject this suggestion: “{}” and “{}” are not the same point? y rejects, n keeps it.",
            rejection.a, rejection.b
        ))
        .into_owned(),
    );
}

/// Whether the comparison is waiting for the answer to [`ask`].
pub fn asking(app: &App) -> bool {
    app.pathway
        .as_ref()
        .and_then(|s| s.compare.as_ref())
        .is_some_and(|c| c.rejecting.is_some())
}

/// The answer: `yes` rejects the pair asked about; anything else keeps it.
/// The pair stops being suggested at once; keeping it beside the library
/// and in the history is the worker's, and [`kept`] says how that went.
pub fn answer(app: &mut App, yes: bool) {
    let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) else {
        return;
    };
    let Some(row) = cmp.rejecting.take() else {
        return;
    };
    if !yes {
        app.message = Some("Kept as a suggestion.".into());
        return;
    }
    cmp.selected = row;
    let Ok(rejection) = super::compare::suggestion_here(app) else {
        return;
    };
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
/// worker's part of [`answer`] and [`undo`].
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
