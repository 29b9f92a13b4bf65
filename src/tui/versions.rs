//! `update` for looking at versions: unsaved edits against the saved file,
//! the saved file against an earlier version in git, and moving between
//! the changes.

use super::app::{App, DiffView, VersionPicker, Versions};
use super::message::Effect;
use crate::diff::diff;
use crate::model::Pathway;
use crate::store::read::load::{load_file, load_str};

/// `d`: what the unsaved edits change.
pub fn unsaved(app: &mut App) {
    let Some(session) = app.pathway.as_ref().and_then(|s| s.session.as_ref()) else {
        app.message = Some("There are no unsaved edits.".into());
        return;
    };
    let changes = diff(session.saved(), session.pathway());
    if changes.is_empty() {
        app.message = Some("There are no unsaved edits.".into());
        return;
    }
    app.stack.push(DiffView {
        title: "Your unsaved edits, against the saved file".into(),
        changes,
        selected: 0,
    });
}

/// The open pathway's file, if it has one (the built-in examples do not,
/// and say so).
fn file_with_history(app: &mut App) -> Option<std::path::PathBuf> {
    let file = app
        .pathway
        .as_ref()
        .and_then(|s| app.entries.get(s.entry))
        .and_then(|e| e.path.clone());
    if file.is_none() {
        app.message = Some("The built-in examples have no history.".into());
    }
    file
}

/// `D`: the file's history in git, to choose a version to compare with.
/// git runs on the worker; the list arrives as [`listed`].
pub fn history(app: &mut App) {
    let Some(file) = file_with_history(app) else {
        return;
    };
    app.outbox.push(Effect::ListVersions { file, git: true });
}

/// `H`: the saves of this pathway the library's history kept, newest
/// first, to see what any of them changed. Read on the worker.
pub fn saves(app: &mut App) {
    let Some(file) = file_with_history(app) else {
        return;
    };
    app.outbox.push(Effect::ListVersions { file, git: false });
}

/// The worker's list of versions: the picker opens on it, or why not is
/// said.
pub fn listed(app: &mut App, file: std::path::PathBuf, listed: Listed) {
    match listed {
        Listed::Git(Ok(commits)) if commits.is_empty() => {
            app.message = Some(
                "git has no earlier version of this file; H shows the saves the library's history kept."
                    .into(),
            )
        }
        Listed::Git(Ok(commits)) => {
            app.stack.push(VersionPicker {
                file,
                versions: Versions::Git(commits),
                selected: 0,
            })
        }
        Listed::Saves(Ok((saves, _))) if saves.is_empty() => {
            app.message = Some("No saves of this pathway are recorded yet.".into())
        }
        Listed::Saves(Ok((mut saves, skipped))) => {
            saves.reverse();
            if skipped > 0 {
                app.message = Some(format!(
                    "{skipped} line(s) of the history could not be read or trusted; left out."
                ));
            }
            app.stack.push(VersionPicker {
                file,
                versions: Versions::Saves(saves),
                selected: 0,
            })
        }
        Listed::Git(Err(e)) => {
            app.message = Some(format!(
                "No git history ({}): H shows the saves this library's history kept.",
                e.trim_end_matches('.')
            ))
        }
        Listed::Saves(Err(e)) => {
            app.message = Some(format!(
                "No history to show: {e}. Saves made in carepath are kept from now on."
            ))
        }
    }
}

/// Versions of a file, as the worker found them: commits from git, or the
/// saves the library's history kept (with how many lines did not read).
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    Git(Result<Vec<crate::store::git::Commit>, String>),
    Saves(Result<(Vec<crate::store::persist::history::Entry>, usize), String>),
}

/// Which two versions to compare, to be read by the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pair {
    /// The version at a git commit, and the saved file.
    Commit {
        file: std::path::PathBuf,
        hash: String,
    },
    /// The versions before and after one save, kept by the history.
    Save {
        file: std::path::PathBuf,
        before: String,
        after: String,
    },
}

impl Pair {
    /// Reads and loads both versions (on the worker); an error says what
    /// could not be shown, and why.
    pub fn read(&self) -> Result<(Pathway, Pathway), String> {
        self.read_both().map_err(|e| match self {
            Pair::Commit { .. } => format!("Cannot compare: {e}"),
            Pair::Save { .. } => format!("Cannot show this save: {e}"),
        })
    }

    fn read_both(&self) -> Result<(Pathway, Pathway), String> {
        let first = |d: Vec<crate::store::read::load::Diagnostic>| {
            d.first().map(ToString::to_string).unwrap_or_default()
        };
        match self {
            Pair::Commit { file, hash } => {
                let old = crate::store::git::show(file, hash).and_then(|text| {
                    load_str(&format!("{} at {hash}", file.display()), &text).map_err(first)
                })?;
                let now = load_file(file).map_err(first)?;
                Ok((old, now))
            }
            Pair::Save {
                file,
                before,
                after,
            } => {
                let read = |hash: &str| {
                    crate::store::persist::history::version(file, hash).and_then(|text| {
                        load_str(&format!("{} ({hash})", file.display()), &text).map_err(first)
                    })
                };
                Ok((read(before)?, read(after)?))
            }
        }
    }
}

/// The saved file against the version chosen from git, or what the chosen
/// save changed: asked of the worker, shown by [`compared`].
pub fn compare_with(app: &mut App, picker: &VersionPicker) {
    let file = picker.file.clone();
    let (title, pair) = match &picker.versions {
        Versions::Saves(saves) => {
            let Some(save) = saves.get(picker.selected) else {
                return;
            };
            let title = format!(
                "Saved by {} on {}",
                app.team.people.display(&save.by),
                save.at.format("%Y-%m-%d %H:%M UTC")
            );
            let pair = Pair::Save {
                file,
                before: save.before.clone(),
                after: save.after.clone(),
            };
            (title, pair)
        }
        Versions::Git(commits) => {
            let Some(commit) = commits.get(picker.selected) else {
                return;
            };
            let title = format!(
                "Since {} ({}, {}: {})",
                commit.hash, commit.date, commit.author, commit.subject
            );
            let pair = Pair::Commit {
                file,
                hash: commit.hash.clone(),
            };
            (title, pair)
        }
    };
    app.outbox.push(Effect::ReadPair {
        title,
        pair: Box::new(pair),
    });
}

/// Two versions read by the worker: their changes are shown.
pub fn compared(app: &mut App, title: String, result: Result<(Pathway, Pathway), String>) {
    match result {
        Ok((old, new)) => {
            app.stack.push(DiffView {
                title,
                changes: diff(&old, &new),
                selected: 0,
            });
        }
        Err(e) => app.message = Some(e),
    }
}
