//! The library's shared folder, `.carepath/`, where the people working on
//! one library see each other: locks, presence, history, rejected
//! suggestions. Everything in it is made readable and writable for the
//! user's group as far as the umask allows, so a workshop group can share
//! it, and a missing permission is explained in words.

use std::io;
use std::path::{Path, PathBuf};

use super::safe_open::{Folder, NewFile, NewFolder};

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

/// `.carepath/<sub>` of `library` (or `.carepath/` itself for an empty
/// `sub`), entered without following any link and made where missing:
/// `.carepath/` shared, `sub` as `new`.
pub fn folder(library: &Path, sub: &str, new: NewFolder) -> Result<Folder, String> {
    let root = Folder::open(library).map_err(|e| explain(library, "open the library", &e))?;
    let make = if new == NewFolder::No {
        NewFolder::No
    } else {
        NewFolder::Shared
    };
    let shared = root
        .sub(Path::new(DIR), make)
        .map_err(|e| explain(&dir(library), "open the shared folder", &e))?;
    if sub.is_empty() {
        return Ok(shared);
    }
    shared
        .sub(Path::new(sub), new)
        .map_err(|e| explain(&dir(library).join(sub), "open the shared folder", &e))
}

/// Who may write records in anyone's name: root and the library folder's
/// owner, who are trusted (they can change anything anyway).
pub fn trusted_owners(library: &Path) -> [u32; 2] {
    let owner = Folder::open(library).and_then(|f| f.owner()).unwrap_or(0);
    [0, owner]
}

/// Whether a record in a file owned by `owner` (named `owner_name`) may
/// say it is by `user`: its owner's own, or a trusted owner's.
pub fn vouches_for(owner: u32, owner_name: &str, user: &str, trusted: &[u32]) -> bool {
    owner_name == user || trusted.contains(&owner)
}

/// Writes `bytes` as `name` in `folder` atomically. A new file gets the
/// usual mode less the umask (not the private mode of a temporary file),
/// so others in the group can read it.
pub fn write(folder: &Folder, name: &str, bytes: &[u8]) -> Result<(), String> {
    folder
        .write_atomic(name, bytes, NewFile::Shared)
        .map_err(|e| explain(&folder.path().join(name), "write", &e))
}

/// An error on a shared file, in words that say what to do.
pub fn explain(path: &Path, doing: &str, e: &io::Error) -> String {
    let msg = e.to_string();
    // Errors from safe_open already name the path.
    let msg = msg
        .strip_prefix(&format!("{}: ", path.display()))
        .unwrap_or(&msg);
    if e.kind() == io::ErrorKind::PermissionDenied {
        let library = path
            .ancestors()
            .find(|a| a.file_name().is_some_and(|n| n == DIR))
            .and_then(Path::parent)
            .unwrap_or(path);
        format!(
            "{}: cannot {doing}: permission denied. Everyone working on this library needs write access to it and to its {DIR} folder through a shared group; ask whoever looks after the server to run `chgrp -R GROUP {lib} && chmod -R g+rwX {lib} && find {lib} -type d -exec chmod g+s {{}} +` (GROUP being the workshop's group)",
            path.display(),
            lib = library.display()
        )
    } else {
        format!("{}: cannot {doing}: {msg}", path.display())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn new_shared_files_follow_the_umask_not_the_temporary_mode() {
        let lib = tempfile::tempdir().unwrap();
        let presence = folder(lib.path(), "presence", NewFolder::Sticky).unwrap();
        write(&presence, "x.json", b"{}").unwrap();
        let f = dir(lib.path()).join("presence").join("x.json");
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !super::super::safe_open::umask());
        assert_ne!(mode, 0o600, "others in the group can read it");
    }

    #[test]
    fn a_record_counts_in_its_owners_name_or_a_trusted_owners() {
        let trusted = [0, 1000];
        assert!(vouches_for(1001, "bob", "bob", &trusted));
        assert!(!vouches_for(1001, "bob", "alice", &trusted));
        assert!(vouches_for(1000, "owner", "alice", &trusted));
        assert!(vouches_for(0, "root", "alice", &trusted));
    }

    #[test]
    fn a_missing_permission_is_explained() {
        let e = io::Error::from(io::ErrorKind::PermissionDenied);
        let msg = explain(Path::new("/lib/.carepath/x"), "write", &e);
        assert!(msg.contains("permission denied"));
        assert!(msg.contains("ask whoever looks after the server"));
        assert!(msg.contains("chmod -R g+rwX /lib"), "{msg}");
    }
}
