//! The recovery journal: unsaved edits written to the user's own state
//! folder (mode 0600) when the session ends without saving (a dropped SSH
//! connection, SIGTERM) and every few seconds while there are any, so
//! that a lost connection costs nothing and a `kill -9` at most seconds.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::persist::save::save_atomic;

/// Set in tests to use another state folder than the platform's.
pub const STATE_DIR_ENV: &str = "CAREPATH_STATE_DIR";

/// Unsaved edits to one pathway file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The pathway file the edits belong to.
    pub file: PathBuf,
    /// When the edits were journalled, for people.
    pub at: String,
    /// The file's text when the edits began.
    pub base: String,
    /// The file's text with the edits.
    pub text: String,
    /// The session that wrote it: while that process runs, its edits are
    /// its own, not kept edits to offer to another session of the user.
    #[serde(default)]
    pub host: String,
    #[serde(default)]
    pub pid: u32,
}

/// Where journals are kept.
pub fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(STATE_DIR_ENV) {
        return Some(PathBuf::from(d));
    }
    let dirs = directories::ProjectDirs::from("", "", "carepath")?;
    Some(
        dirs.state_dir()
            .unwrap_or(dirs.data_local_dir())
            .join("journal"),
    )
}

fn absolute(file: &Path) -> PathBuf {
    std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf())
}

/// The journal of one session for a pathway file: the file's absolute
/// path made a name, and the session's host and process. Each session
/// has its own, so two sessions of one user never write over each other.
fn path_for(dir: &Path, file: &Path, host: &str, pid: u32) -> PathBuf {
    dir.join(format!(
        "{}.{}-{pid}.journal.yaml",
        name_of(file),
        safe(host)
    ))
}

fn name_of(file: &Path) -> String {
    safe(&absolute(file).to_string_lossy())
}

fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Writes the journal for `file`; private to the user.
pub fn write(dir: &Path, file: &Path, base: &str, text: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    let me = crate::store::team::identity::current();
    let entry = Entry {
        file: absolute(file),
        at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        base: base.to_string(),
        text: text.to_string(),
        host: me.host.clone(),
        pid: me.pid,
    };
    let yaml = serde_yaml::to_string(&entry).map_err(|e| e.to_string())?;
    // A new temporary file is created 0600, and the rename keeps that.
    save_atomic(&path_for(dir, file, &me.host, me.pid), yaml.as_bytes()).map_err(|e| e.to_string())
}

/// The kept edits for `file` to offer: the newest journal of a session
/// that has ended (or of this one). Journals of the user's other
/// sessions still running on this host are theirs, and left alone.
pub fn read(dir: &Path, file: &Path) -> Option<Entry> {
    let me = crate::store::team::identity::current();
    let prefix = format!("{}.", name_of(file));
    let abs = absolute(file);
    let mut found: Option<((i64, i64), Entry)> = None;
    // The state folder is the user's own; it is still read the careful
    // way: no links, no pipes, nothing huge.
    let folder = crate::store::safe_open::Folder::open(dir).ok()?;
    for (item, st) in folder.entries().ok()? {
        let name = item.to_string_lossy().into_owned();
        if !name.starts_with(&prefix) || !name.ends_with(".journal.yaml") {
            continue;
        }
        let Some(entry) = folder
            .read(&item, crate::store::safe_open::limits::JOURNAL)
            .ok()
            .and_then(|b| {
                crate::store::read::input::check_capped(
                    &name,
                    &b,
                    crate::store::safe_open::limits::JOURNAL,
                )
                .ok()
                .and_then(|t| serde_yaml::from_str::<Entry>(t).ok())
            })
        else {
            continue;
        };
        let running_elsewhere = entry.host == me.host
            && entry.pid != me.pid
            && crate::store::team::identity::process_alive(entry.pid);
        if entry.file != abs || running_elsewhere {
            continue;
        }
        let when = (st.st_mtime, st.st_mtime_nsec as i64);
        if found.as_ref().is_none_or(|(t, _)| when > *t) {
            found = Some((when, entry));
        }
    }
    found.map(|(_, e)| e)
}

/// Forgets this session's journal for `file` (after a save, or when
/// discarded).
pub fn remove(dir: &Path, file: &Path) {
    let me = crate::store::team::identity::current();
    remove_named(dir, &path_for(dir, file, &me.host, me.pid));
}

/// Forgets a journal that was offered (restored, or thrown away).
pub fn remove_entry(dir: &Path, entry: &Entry) {
    remove_named(dir, &path_for(dir, &entry.file, &entry.host, entry.pid));
}

fn remove_named(dir: &Path, path: &Path) {
    if let (Ok(folder), Some(name)) = (crate::store::safe_open::Folder::open(dir), path.file_name())
    {
        let _ = folder.remove(name);
    }
}

/// Throws away every kept copy of edits to `file` that [`read`] could
/// offer (those of sessions that have ended, and this one's), so that
/// none comes back at the next start.
pub fn remove_all(dir: &Path, file: &Path) {
    let Ok(folder) = crate::store::safe_open::Folder::open(dir) else {
        return;
    };
    while let Some(entry) = read(dir, file) {
        let path = path_for(dir, &entry.file, &entry.host, entry.pid);
        let removed = path.file_name().is_some_and(|n| folder.remove(n).is_ok());
        if !removed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_is_private_and_reads_back() {
        let state = tempfile::tempdir().unwrap();
        let lib = tempfile::tempdir().unwrap();
        let file = lib.path().join("p.yaml");
        std::fs::write(&file, "base").unwrap();
        write(state.path(), &file, "base", "edited").unwrap();
        let e = read(state.path(), &file).unwrap();
        assert_eq!((e.base.as_str(), e.text.as_str()), ("base", "edited"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let only = std::fs::read_dir(state.path())
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
                .path();
            assert_eq!(
                std::fs::metadata(only).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        remove(state.path(), &file);
        assert!(read(state.path(), &file).is_none());
    }

    #[test]
    fn another_running_session_keeps_its_own_journal() {
        let state = tempfile::tempdir().unwrap();
        let lib = tempfile::tempdir().unwrap();
        let file = lib.path().join("p.yaml");
        std::fs::write(&file, "base").unwrap();
        let me = crate::store::team::identity::current();
        let mut other = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let theirs = Entry {
            file: absolute(&file),
            at: "2026-11-24 10:00".into(),
            base: "base".into(),
            text: "their unsaved edits".into(),
            host: me.host.clone(),
            pid: other.id(),
        };
        let path = path_for(state.path(), &file, &theirs.host, theirs.pid);
        std::fs::write(&path, serde_yaml::to_string(&theirs).unwrap()).unwrap();
        assert!(
            read(state.path(), &file).is_none(),
            "still theirs while it runs"
        );
        other.kill().unwrap();
        other.wait().unwrap();
        assert_eq!(
            read(state.path(), &file).unwrap().text,
            "their unsaved edits"
        );
        remove_entry(state.path(), &theirs);
        assert!(read(state.path(), &file).is_none());
    }
}
