//! The recovery journal: unsaved edits written to the user's own state
//! folder (mode 0600) when the session ends without saving (a dropped SSH
//! connection, SIGTERM) and every few seconds while there are any, so
//! that a lost connection costs nothing and a `kill -9` at most seconds.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::save::save_atomic;

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

/// The journal file for a pathway file: its absolute path, made a name.
fn path_for(dir: &Path, file: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let name: String = abs
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    dir.join(format!("{name}.journal.yaml"))
}

/// Writes the journal for `file`; private to the user.
pub fn write(dir: &Path, file: &Path, base: &str, text: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    let entry = Entry {
        file: std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf()),
        at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        base: base.to_string(),
        text: text.to_string(),
    };
    let yaml = serde_yaml::to_string(&entry).map_err(|e| e.to_string())?;
    // A new temporary file is created 0600, and the rename keeps that.
    save_atomic(&path_for(dir, file), yaml.as_bytes()).map_err(|e| e.to_string())
}

/// The journalled edits for `file`, if any.
pub fn read(dir: &Path, file: &Path) -> Option<Entry> {
    let text = std::fs::read_to_string(path_for(dir, file)).ok()?;
    serde_yaml::from_str(&text).ok()
}

/// Forgets the journal for `file` (after a save, or when discarded).
pub fn remove(dir: &Path, file: &Path) {
    let _ = std::fs::remove_file(path_for(dir, file));
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
}
