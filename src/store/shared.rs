//! The library's shared folder, `.carepath/`, where the people working on
//! one library see each other: locks, presence, history, rejected
//! suggestions. Everything in it is made readable and writable for the
//! user's group as far as the umask allows, so a workshop group can share
//! it, and a missing permission is explained in words.

use std::io;
use std::path::{Path, PathBuf};

use super::save::save_atomic;

pub const DIR: &str = ".carepath";

/// `.carepath/` of the library in `library`.
pub fn dir(library: &Path) -> PathBuf {
    library.join(DIR)
}

/// The folder that holds `file`: the library of a pathway file.
pub fn library_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes `folder` (and its parents) if missing, with a message that says
/// what to ask for when it cannot be made.
pub fn make_dir(folder: &Path) -> Result<(), String> {
    std::fs::create_dir_all(folder).map_err(|e| explain(folder, "make the shared folder", &e))
}

/// Writes `bytes` to `path` atomically. A new file gets the usual mode
/// less the umask (not the private mode of a temporary file), so others in
/// the group can read it.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        make_dir(parent)?;
    }
    let existed = path.exists();
    save_atomic(path, bytes).map_err(|e| explain(path, "write", &e))?;
    if !existed {
        set_shared_mode(path);
    }
    Ok(())
}

/// Gives a file made here the mode a plain `open` would have: 0666 less
/// the umask.
#[cfg(unix)]
pub fn set_shared_mode(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = 0o666 & !umask();
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
pub fn set_shared_mode(_path: &Path) {}

/// The process's umask, read without changing it (changing it, even for a
/// moment, would race with other threads making files).
#[cfg(unix)]
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// An error on a shared file, in words that say what to do.
pub fn explain(path: &Path, doing: &str, e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::PermissionDenied {
        format!(
            "{}: cannot {doing}: permission denied. Everyone working on this library needs write access to it and to its {DIR} folder (for example a shared group with g+rwX); ask whoever looks after the server",
            path.display()
        )
    } else {
        format!("{}: cannot {doing}: {e}", path.display())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn new_shared_files_follow_the_umask_not_the_temporary_mode() {
        let lib = tempfile::tempdir().unwrap();
        let f = dir(lib.path()).join("presence").join("x.json");
        write(&f, b"{}").unwrap();
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask());
        assert_ne!(mode, 0o600, "others in the group can read it");
    }

    #[test]
    fn a_missing_permission_is_explained() {
        let e = io::Error::from(io::ErrorKind::PermissionDenied);
        let msg = explain(Path::new("/lib/.carepath/x"), "write", &e);
        assert!(msg.contains("permission denied"));
        assert!(msg.contains("ask whoever looks after the server"));
    }
}
