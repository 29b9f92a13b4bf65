//! Writing in a shared folder: whole or not at all, through a fresh
//! `O_EXCL` temporary and a rename, never through a link, never over a
//! file the user could not write in place; appending only to the user's
//! own files; lock files that are plain files.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use rustix::fs::{self as rfs, Access, AtFlags, FileType, Mode, OFlags};

use super::{Folder, os, plain, refused, umask};

/// A temporary file of a save older than this was left by a save that
/// was killed; the next save of the same file removes it.
const STALE_TEMP_SECS: i64 = 60;

/// What a new file is made as (an existing file keeps its mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFile {
    /// 0666 less the umask: readable by the library's group.
    Shared,
    /// 0600: the user's own.
    Private,
    /// 0644: written by the user alone, read by everyone (a record that
    /// says what this user did, which others check but cannot change).
    OwnRecord,
}

/// The points at which a save can fail; tests inject failures at each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Create,
    Write,
    Sync,
    Permissions,
    Rename,
}

impl Folder {
    /// Adds `bytes` at the end of `name`, a file of the user's own (made
    /// if missing, as `new`), in one write.
    pub fn append_own(
        &self,
        name: impl AsRef<OsStr>,
        bytes: &[u8],
        new: NewFile,
    ) -> io::Result<()> {
        let name = name.as_ref();
        let path = self.path.join(name);
        let fd = rfs::openat(
            &self.fd,
            name,
            OFlags::WRONLY
                | OFlags::APPEND
                | OFlags::CREATE
                | OFlags::NOFOLLOW
                | OFlags::NONBLOCK
                | OFlags::CLOEXEC,
            Mode::from_raw_mode(new_mode(new)),
        )
        .map_err(|e| os(e, &path))?;
        let st = plain(&fd, &path)?;
        if st.st_uid != rustix::process::geteuid().as_raw() {
            return Err(refused(
                &path,
                "belongs to someone else; carepath adds only to your own files",
            ));
        }
        if st.st_size == 0 && new != NewFile::Private {
            let _ = rfs::fchmod(&fd, Mode::from_raw_mode(new_mode(new)));
        }
        let mut file = File::from(fd);
        file.write_all(bytes)
    }

    /// Opens (making if missing) the lock file `name`: a plain file, not a
    /// link, not a pipe. Opened for reading where the user may not write
    /// it: the lock is on the file, not its content. A link or pipe put in
    /// its place is removed (never followed) and the lock made anew, where
    /// the folder allows, so nobody can block saves that way for good.
    pub fn lock_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        let name = name.as_ref();
        match self.open_lock(name) {
            Err(e) => {
                let planted = self
                    .stat(name)
                    .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) != FileType::RegularFile);
                if planted && self.remove(name).is_ok() {
                    self.open_lock(name)
                } else {
                    Err(e)
                }
            }
            ok => ok,
        }
    }

    fn open_lock(&self, name: &OsStr) -> io::Result<File> {
        let path = self.path.join(name);
        let base = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = rfs::openat(
            &self.fd,
            name,
            base | OFlags::WRONLY | OFlags::CREATE,
            Mode::from_raw_mode(0o666),
        )
        .or_else(|e| match e {
            rustix::io::Errno::ACCESS | rustix::io::Errno::PERM => {
                rfs::openat(&self.fd, name, base | OFlags::RDONLY, Mode::empty())
            }
            e => Err(e),
        })
        .map_err(|e| os(e, &path))?;
        plain(&fd, &path)?;
        Ok(File::from(fd))
    }

    /// Replaces (or makes) `name` here with `bytes`, whole or not at all.
    /// The existing file must be one the user could write in place, and
    /// keeps its mode; a new one is made as `new`.
    pub fn write_atomic(
        &self,
        name: impl AsRef<OsStr>,
        bytes: &[u8],
        new: NewFile,
    ) -> io::Result<()> {
        self.write_atomic_with(name.as_ref(), bytes, new, &mut |_| Ok(()))
    }

    /// [`Folder::write_atomic`] with a hook called before each stage; an
    /// error from the hook fails the save at that point.
    pub fn write_atomic_with(
        &self,
        name: &OsStr,
        bytes: &[u8],
        new: NewFile,
        hook: &mut dyn FnMut(Stage) -> io::Result<()>,
    ) -> io::Result<()> {
        let path = self.path.join(name);
        let existing = match rfs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => Some(st),
            Err(rustix::io::Errno::NOENT) => None,
            Err(e) => return Err(os(e, &path)),
        };
        if let Some(st) = &existing {
            self.check_replaceable(name, st, &path)?;
        }
        hook(Stage::Create)?;
        let (tmp_name, fd) = self.make_temp(name)?;
        let result = (|| {
            hook(Stage::Write)?;
            let mut file = File::from(fd.try_clone()?);
            file.write_all(bytes)?;
            file.flush()?;
            hook(Stage::Sync)?;
            rfs::fsync(&fd)?;
            hook(Stage::Permissions)?;
            match &existing {
                Some(st) => {
                    // The group of a shared file is kept where the user is
                    // in it; the mode always.
                    let _ = rfs::fchown(&fd, None, Some(rustix::fs::Gid::from_raw(st.st_gid)));
                    rfs::fchmod(&fd, Mode::from_raw_mode(st.st_mode & 0o7777))?;
                }
                None => rfs::fchmod(&fd, Mode::from_raw_mode(new_mode(new)))?,
            }
            hook(Stage::Rename)?;
            rfs::renameat(&self.fd, &tmp_name, &self.fd, name)?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = rfs::unlinkat(&self.fd, &tmp_name, AtFlags::empty());
            return Err(e);
        }
        // Makes the rename durable where the file system can.
        let _ = rfs::fsync(&self.fd);
        self.remove_stale_temps(name);
        Ok(())
    }

    /// A save never replaces what the user could not have written in
    /// place: a read-only file, another's file they have no write access
    /// to, a folder, a pipe.
    fn check_replaceable(&self, name: &OsStr, st: &rfs::Stat, path: &Path) -> io::Result<()> {
        if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
            return Err(refused(
                path,
                "is not a plain file, so carepath will not replace it",
            ));
        }
        let read_only = st.st_mode & 0o222 == 0
            || rfs::accessat(&self.fd, name, Access::WRITE_OK, AtFlags::EACCESS).is_err();
        if read_only {
            return Err(refused(
                path,
                &format!(
                    "is read-only for you, so carepath will not replace it; ask its owner (or whoever looks after the server) for write access, e.g. `chmod g+w {}`",
                    path.display()
                ),
            ));
        }
        Ok(())
    }

    /// A new, empty, private file with a dot-name beside `name`, so a
    /// library scan never takes it for a pathway.
    fn make_temp(&self, name: &OsStr) -> io::Result<(std::ffi::OsString, OwnedFd)> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        for _ in 0..100 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let mut tmp = std::ffi::OsString::from(".");
            tmp.push(name);
            tmp.push(format!(".{}-{n}-{nanos:x}.tmp", std::process::id()));
            match rfs::openat(
                &self.fd,
                &tmp,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            ) {
                Ok(fd) => return Ok((tmp, fd)),
                Err(rustix::io::Errno::EXIST) => continue,
                Err(e) => return Err(os(e, &self.path.join(&tmp))),
            }
        }
        Err(refused(
            &self.path.join(name),
            "no free temporary name to save through",
        ))
    }

    /// Temporary files of saves in this folder that were killed mid-way
    /// (of any file here: a killed save of a kept version is cleaned by
    /// the next save beside it).
    fn remove_stale_temps(&self, _name: &OsStr) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let Ok(entries) = self.entries() else {
            return;
        };
        for (n, st) in entries {
            if is_save_temp(n.as_bytes())
                && FileType::from_raw_mode(st.st_mode) == FileType::RegularFile
                && now - st.st_mtime > STALE_TEMP_SECS
            {
                let _ = self.remove(&n);
            }
        }
    }
}

/// Whether a name is a save's temporary: `.NAME.PID-N-HEX.tmp` as made
/// here, or `.NAME.XXXXXX.tmp` as earlier versions made them.
fn is_save_temp(name: &[u8]) -> bool {
    let Some(inner) = name
        .strip_prefix(b".")
        .and_then(|n| n.strip_suffix(b".tmp"))
    else {
        return false;
    };
    let Some(dot) = inner.iter().rposition(|&b| b == b'.') else {
        return false;
    };
    let tail = &inner[dot + 1..];
    let parts: Vec<&[u8]> = tail.split(|&b| b == b'-').collect();
    let ours = parts.len() == 3
        && parts[0].iter().all(u8::is_ascii_digit)
        && parts[1].iter().all(u8::is_ascii_digit)
        && parts[2].iter().all(u8::is_ascii_hexdigit)
        && parts.iter().all(|p| !p.is_empty());
    let earlier = tail.len() == 6 && tail.iter().all(u8::is_ascii_alphanumeric);
    dot > 0 && (ours || earlier)
}

fn new_mode(new: NewFile) -> u32 {
    match new {
        NewFile::Shared => 0o666 & !umask(),
        NewFile::Private => 0o600,
        NewFile::OwnRecord => 0o644,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_saves_temporaries_are_taken_for_leftovers() {
        assert!(is_save_temp(b".p.yaml.123-0-1a2b.tmp"));
        assert!(is_save_temp(b".p.yaml.Ab3xYz.tmp"));
        assert!(!is_save_temp(b".p.yaml.swp"));
        assert!(!is_save_temp(b"p.yaml.123-0-1a2b.tmp"));
        assert!(!is_save_temp(b".notes.tmp"));
    }

    #[test]
    fn a_killed_saves_temporary_is_removed_by_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let left = dir.path().join(".old.yaml.99-0-ff.tmp");
        std::fs::write(&left, "half").unwrap();
        let f = std::fs::File::options().write(true).open(&left).unwrap();
        f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(600))
            .unwrap();
        let folder = Folder::open(dir.path()).unwrap();
        folder
            .write_atomic("p.yaml", b"x", NewFile::Shared)
            .unwrap();
        assert!(!left.exists());
    }
}
