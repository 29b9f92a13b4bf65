//! Saves by several people at once: each save holds an advisory lock on
//! the pathway (a lock file in the library's `.carepath/locks/`) for just
//! the moment it reads, checks and writes, so no two saves interleave and
//! no change is lost.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use super::shared;

fn lock_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    shared::dir(&shared::library_of(file))
        .join("locks")
        .join(format!("{name}.lock"))
}

/// Runs `f` while holding the lock for `file`, waiting for other savers.
pub fn with_lock<T>(file: &Path, f: impl FnOnce() -> T) -> Result<T, String> {
    let path = lock_path(file);
    if let Some(dir) = path.parent() {
        shared::make_dir(dir)?;
    }
    // Created with the usual mode less the umask, so a shared group can use
    // it. A lock file someone else made without group write (umask 022)
    // still locks when opened for reading: the lock is on the file, not
    // its content.
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .or_else(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied => OpenOptions::new().read(true).open(&path),
            _ => Err(e),
        })
        .map_err(|e| shared::explain(&path, "open the lock", &e))?;
    let mut lock = fd_lock::RwLock::new(file);
    let _guard = lock
        .write()
        .map_err(|e| format!("{}: cannot take the lock: {e}", path.display()))?;
    Ok(f())
}
