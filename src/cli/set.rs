//! `carepath set FILE KEY.PATH VALUE`: change one value from a script,
//! keeping the file's comments and layout. The file is written only if it
//! loaded before the change and still loads after it.

use std::path::Path;

use super::exit;
use crate::store::edit::set_value;
use crate::store::history;
use crate::store::load::load_str_with_warnings;
use crate::store::save::save_atomic;

pub fn run(file: &Path, path: &str, value: &str) -> i32 {
    match set(file, path, value) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("carepath set: {e}");
            exit::PROBLEMS
        }
    }
}

/// Sets `path` to `value` in `file`, or says why not and leaves it as it was.
/// The file is read, changed and written under its lock, so saves by
/// others at the same moment are never lost.
pub fn set(file: &Path, path: &str, value: &str) -> Result<(), String> {
    crate::store::lock::with_lock(file, || set_locked(file, path, value))?
}

fn set_locked(file: &Path, path: &str, value: &str) -> Result<(), String> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|e| format!("{name}: {e}"))?;
    // A copied file whose id does not match its name loads here: `check`
    // says so, and `set` is one way to put it right.
    let load = |text: &str| load_str_with_warnings(&name, text).map(|(p, _)| p);
    let before = load(&text).map_err(|problems| {
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        format!("{name} does not load, so carepath will not change it: {first}")
    })?;
    let changed = set_value(&text, path, value).map_err(|e| format!("{name}: {e}"))?;
    let after = load(&changed).map_err(|problems| {
        let why: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
        format!(
            "setting {path} to \"{value}\" would make {name} invalid, so it was not changed: {}",
            why.join("; ")
        )
    })?;
    crate::store::verify::check_agreed(file, &before, &after)
        .map_err(|e| format!("{name} was not changed: {e}"))?;
    if changed != text {
        save_atomic(file, changed.as_bytes())
            .map_err(|e| format!("{name}: could not save: {e}"))?;
        let me = &crate::store::identity::current().user;
        history::append(
            file,
            me,
            &text,
            &changed,
            history::summarise(&before, &after),
        )
        .map_err(|e| format!("{name} was saved, but the history could not be kept: {e}"))?;
    }
    Ok(())
}
