//! Atomic saving: a save leaves either the old file or the new one on
//! disk, never a mix, whatever fails on the way (a crash, a full disk).
//!
//! The new text goes to a temporary file in the same folder, is flushed and
//! synced, takes the original's permissions, and is renamed over the
//! original; then the folder is synced so the rename itself is durable.

use std::io;
use std::path::Path;

pub use crate::store::safe_open::Stage;
use crate::store::safe_open::{self, NewFile};

/// Writes `bytes` to `path` atomically, keeping the file's permissions
/// (a new file is the user's own, 0600). Goes through
/// [`safe_open::save_pathway`]: through a link only if it stays inside
/// the folder, never replacing a file the user could not write in place.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    save_atomic_with(path, bytes, &mut |_| Ok(()))
}

/// [`save_atomic`] with a hook called before each stage; an error from the
/// hook fails the save at that point, as a real failure there would.
pub fn save_atomic_with(
    path: &Path,
    bytes: &[u8],
    hook: &mut dyn FnMut(Stage) -> io::Result<()>,
) -> io::Result<()> {
    safe_open::save_pathway_with(path, bytes, NewFile::Private, hook)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn save_replaces_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.yaml");
        fs::write(&path, "old\n").unwrap();
        save_atomic(&path, b"new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failure_at_any_stage_leaves_the_old_file_whole() {
        for stage in [
            Stage::Create,
            Stage::Write,
            Stage::Sync,
            Stage::Permissions,
            Stage::Rename,
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.yaml");
            fs::write(&path, "the agreed pathway\n").unwrap();
            let err = save_atomic_with(&path, b"half", &mut |s| {
                if s == stage {
                    Err(io::Error::new(
                        io::ErrorKind::StorageFull,
                        "no space left on device",
                    ))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::StorageFull);
            assert_eq!(
                fs::read_to_string(&path).unwrap(),
                "the agreed pathway\n",
                "{stage:?}"
            );
            assert!(
                leftovers(dir.path()).is_empty(),
                "temporary left after failing at {stage:?}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.yaml");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        save_atomic(&path, b"new\n").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_new_file_can_be_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.yaml");
        save_atomic(&path, b"x\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "x\n");
    }
}
