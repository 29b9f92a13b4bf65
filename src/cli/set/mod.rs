//! `carepath set FILE KEY.PATH VALUE`: change one value from a script,
//! keeping the file's comments and layout. The file is written only if it
//! loaded before the change and still loads after it.
//!
//! Exit 0 when the value is set (or already was), 1 when the change is
//! refused (the file has problems, the key is not there, the value does
//! not fit), 2 when it could not run (no such file, no permission, another
//! save held the lock for the whole wait).

mod long;

use std::path::Path;
use std::time::Duration;

use super::exit;
use super::output::say_err;
use crate::store::persist::history;
use crate::store::persist::lock::{LockError, with_lock_waiting};
use crate::store::read::load::{Beside, Earlier, load_str_loaded_reusing, load_str_loaded_whole};
use crate::store::safe_open;
use crate::text::yaml::edit::value_change;

/// Why `set` did not set the value.
#[derive(Debug)]
pub enum SetError {
    /// The change was refused: exit 1.
    Refused(String),
    /// The command could not do its work: exit 2.
    CouldNotRun(String),
}

impl std::fmt::Display for SetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetError::Refused(m) | SetError::CouldNotRun(m) => f.write_str(m),
        }
    }
}

pub fn run(file: &Path, path: &str, value: &str, wait: Duration) -> i32 {
    match set_waiting(file, path, value, wait) {
        Ok(warning) => {
            if let Some(w) = warning {
                say_err(&format!("carepath set: {w}"));
            }
            exit::OK
        }
        Err(e) => {
            say_err(&format!("carepath set: {e}"));
            match e {
                SetError::Refused(_) => exit::PROBLEMS,
                SetError::CouldNotRun(_) => exit::COULD_NOT_RUN,
            }
        }
    }
}

/// Sets `path` to `value` in `file`, or says why not and leaves it as it was.
/// The file is read, changed and written under its lock, so saves by
/// others at the same moment are never lost.
pub fn set(file: &Path, path: &str, value: &str) -> Result<(), String> {
    set_waiting(file, path, value, crate::store::persist::lock::DEFAULT_WAIT)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// [`set`], waiting at most `wait` for another save of the file; the
/// `Ok` holds what went wrong besides (the history could not be kept).
pub fn set_waiting(
    file: &Path,
    path: &str,
    value: &str,
    wait: Duration,
) -> Result<Option<String>, SetError> {
    // A file that is not there (or not reachable) is said before any lock
    // is taken, so no lock file is left behind for it.
    if let Err(e) = safe_open::pathway(file) {
        return Err(SetError::CouldNotRun(read_problem(file, &e)));
    }
    match with_lock_waiting(file, wait, || set_locked(file, path, value)) {
        Ok(result) => result,
        Err(LockError::Busy(m) | LockError::Unavailable(m) | LockError::Cancelled(m)) => {
            Err(SetError::CouldNotRun(m))
        }
    }
}

fn read_problem(file: &Path, e: &std::io::Error) -> String {
    format!(
        "{}: {}",
        file.display(),
        crate::store::read::load::io_problem(file, e)
    )
}

fn set_locked(file: &Path, path: &str, value: &str) -> Result<Option<String>, SetError> {
    let name = file.display().to_string();
    let bytes =
        safe_open::read_pathway(file).map_err(|e| SetError::CouldNotRun(read_problem(file, &e)))?;
    // The loader below applies the limits every command applies; only
    // text that is not UTF-8 is said here, with its place.
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let why = crate::store::read::input::check(&name, e.as_bytes())
            .err()
            .map_or_else(|| "it is not UTF-8 text".to_string(), |d| d.to_string());
        SetError::Refused(format!(
            "{name} does not load, so carepath will not change it: {why}"
        ))
    })?;
    // A long pathway is checked from outlines, where they settle it.
    let mut unread = false;
    match long::plan(&name, &mut text, path, value) {
        Some(Ok(long::Planned::Same)) => return Ok(None),
        Some(Ok(long::Planned::Changed(edit))) => return write(file, &name, text, edit),
        Some(Ok(long::Planned::Unread)) => unread = true,
        Some(Err(e)) => return Err(e),
        None => {}
    }
    // A copied file whose id does not match its name loads here: `check`
    // says so, and `set` is one way to put it right.
    // The changed text is read reusing the steps it shares with the text as
    // it was: a long pathway is not read twice for one changed line.
    let mut lines = None;
    let before = if unread {
        load_str_loaded_whole(&name, &text)
    } else {
        load_str_loaded_reusing(&name, &text, Beside::default(), &mut lines)
    };
    let before = before.map(|l| l.pathway);
    let before = before.map_err(|problems| {
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        SetError::Refused(format!(
            "{name} does not load, so carepath will not change it: {first}"
        ))
    })?;
    let change =
        value_change(&text, path, value).map_err(|e| SetError::Refused(format!("{name}: {e}")))?;
    // The same value again, in the same words: nothing to write.
    let Some((span, replacement)) = change.filter(|(span, new)| text[span.clone()] != **new) else {
        return Ok(None);
    };
    // The file is changed in place: a long pathway is held once, not as
    // it was and as it will be, while both are read.
    let was = text[span.clone()].to_string();
    text.replace_range(span.clone(), &replacement);
    let changed = text;
    let earlier: Vec<Earlier> = lines
        .iter()
        .map(|lines| Earlier {
            pathway: &before,
            lines,
        })
        .collect();
    let after = load_str_loaded_reusing(&name, &changed, Beside::reusing(&earlier), &mut None)
        .map(|l| l.pathway);
    drop(earlier);
    drop(lines);
    let after = after.map_err(|problems| {
        let why: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
        SetError::Refused(format!(
            "setting {path} to \"{value}\" would make {name} invalid, so it was not changed: {}",
            why.join("; ")
        ))
    })?;
    crate::store::team::verify::check_agreed(file, &before, &after)
        .map_err(|e| SetError::Refused(format!("{name} was not changed: {e}")))?;
    let summary = history::summarise(&before, &after);
    drop((before, after));
    let edit = long::Edit {
        at: span.start,
        was,
        len: replacement.len(),
        summary,
    };
    write(file, &name, changed, edit)
}

/// Writes `text`, holding the change `edit`, to `file` called `name`,
/// with a line in its history. The version before, for the history, is
/// the same text with the change taken back for a moment: a long pathway
/// is held once.
fn write(
    file: &Path,
    name: &str,
    mut text: String,
    mut edit: long::Edit,
) -> Result<Option<String>, SetError> {
    // The history line goes first, so no save is ever without one (a save
    // that then fails leaves a line the history recognises as not made).
    let me = &crate::store::team::identity::current().user;
    edit.swap(&mut text);
    let before = history::keep(file, &text);
    edit.swap(&mut text);
    let summary = std::mem::take(&mut edit.summary);
    let kept = before.and_then(|before| {
        let after = history::keep(file, &text)?;
        history::record(file, me, before, after, summary)
    });
    let warning = kept
        .err()
        .map(|e| format!("{name} was saved, but the history could not be kept: {e}"));
    safe_open::save_pathway(file, text.as_bytes(), safe_open::NewFile::Private)
        .map_err(|e| SetError::CouldNotRun(crate::store::shared::explain(file, "save", &e)))?;
    Ok(warning)
}
