//! `update` for looking at versions: unsaved edits against the saved file,
//! the saved file against an earlier version in git, and moving between
//! the changes.

use super::app::{App, DiffView, VersionPicker, Versions};
use super::keys::{Action, Context};
use super::update::move_in;
use crate::diff::diff;
use crate::store::load::{load_file, load_str};

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
    app.diff = Some(DiffView {
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
pub fn history(app: &mut App) {
    let Some(file) = file_with_history(app) else {
        return;
    };
    match crate::store::git::log(&file) {
        Ok(commits) if commits.is_empty() => {
            app.message = Some("git has no earlier version of this file.".into())
        }
        Ok(commits) => {
            app.versions = Some(VersionPicker {
                file,
                versions: Versions::Git(commits),
                selected: 0,
            })
        }
        Err(e) => app.message = Some(format!("No history to show: {e}.")),
    }
}

/// `H`: the saves of this pathway the library's history kept, newest
/// first, to see what any of them changed.
pub fn saves(app: &mut App) {
    let Some(file) = file_with_history(app) else {
        return;
    };
    match crate::store::history::load(&file) {
        Ok((saves, _)) if saves.is_empty() => {
            app.message = Some("No saves of this pathway are recorded yet.".into())
        }
        Ok((mut saves, skipped)) => {
            saves.reverse();
            if skipped > 0 {
                app.message = Some(format!(
                    "{skipped} line(s) of the history could not be read or trusted; left out."
                ));
            }
            app.versions = Some(VersionPicker {
                file,
                versions: Versions::Saves(saves),
                selected: 0,
            })
        }
        Err(e) => app.message = Some(format!("No history to show: {e}.")),
    }
}

/// What one save changed: the version before it against the version it
/// made, both kept by the history.
fn show_save(app: &mut App, file: &std::path::Path, save: &crate::store::history::Entry) {
    let read = |hash: &str| {
        crate::store::history::version(file, hash).and_then(|text| {
            load_str(&format!("{} ({hash})", file.display()), &text)
                .map_err(|d| d.first().map(ToString::to_string).unwrap_or_default())
        })
    };
    match (read(&save.before), read(&save.after)) {
        (Ok(old), Ok(new)) => {
            app.diff = Some(DiffView {
                title: format!(
                    "Saved by {} on {}",
                    app.team.people.display(&save.by),
                    save.at.format("%Y-%m-%d %H:%M UTC")
                ),
                changes: diff(&old, &new),
                selected: 0,
            });
        }
        (Err(e), _) | (_, Err(e)) => app.message = Some(format!("Cannot show this save: {e}")),
    }
}

/// The saved file against the version chosen from git, or what the chosen
/// save changed.
fn compare_with(app: &mut App, picker: &VersionPicker) {
    let commits = match &picker.versions {
        Versions::Git(commits) => commits,
        Versions::Saves(saves) => {
            if let Some(save) = saves.get(picker.selected) {
                show_save(app, &picker.file, save);
            }
            return;
        }
    };
    let Some(commit) = commits.get(picker.selected) else {
        return;
    };
    let old = crate::store::git::show(&picker.file, &commit.hash).and_then(|text| {
        load_str(
            &format!("{} at {}", picker.file.display(), commit.hash),
            &text,
        )
        .map_err(|d| d.first().map(ToString::to_string).unwrap_or_default())
    });
    let now =
        load_file(&picker.file).map_err(|d| d.first().map(ToString::to_string).unwrap_or_default());
    match (old, now) {
        (Ok(old), Ok(now)) => {
            let changes = diff(&old, &now);
            app.diff = Some(DiffView {
                title: format!(
                    "Since {} ({}, {}: {})",
                    commit.hash, commit.date, commit.author, commit.subject
                ),
                changes,
                selected: 0,
            });
        }
        (Err(e), _) | (_, Err(e)) => app.message = Some(format!("Cannot compare: {e}")),
    }
}

pub fn act(app: &mut App, ctx: Context, action: Action) {
    if ctx == Context::Commits {
        let Some(picker) = app.versions.as_mut() else {
            return;
        };
        match action {
            Action::Up | Action::Down => {
                picker.selected = move_in(picker.selected, picker.versions.len(), 1, action)
            }
            Action::Back => app.versions = None,
            Action::Open => {
                if let Some(picker) = app.versions.take() {
                    compare_with(app, &picker);
                }
            }
            _ => {}
        }
        return;
    }
    let Some(view) = app.diff.as_mut() else {
        return;
    };
    let count = view.changes.len();
    match action {
        Action::Up | Action::Down => view.selected = move_in(view.selected, count, 1, action),
        Action::NextMatch => {
            view.selected = if count == 0 {
                0
            } else {
                (view.selected + 1) % count
            }
        }
        Action::PrevMatch => {
            view.selected = if count == 0 {
                0
            } else {
                (view.selected + count - 1) % count
            }
        }
        Action::Back => app.diff = None,
        _ => {}
    }
}
