//! Every open of a file in a library and in its `.carepath/` folder goes
//! through here, because those folders are writable by a whole group and
//! any member may have put a link, a named pipe or a huge file where
//! carepath expects its own data.
//!
//! The rules, in one place:
//! - a folder is entered one step at a time from the library, never
//!   through a link (`O_NOFOLLOW | O_DIRECTORY` at each step), so nothing
//!   is read or written outside the library;
//! - a file is opened `O_NOFOLLOW | O_NONBLOCK` and then checked to be a
//!   plain file, so a link is refused and a named pipe cannot stall anyone;
//! - a read takes at most a stated number of bytes ([`limits`]);
//! - a new file is made `O_EXCL` under a fresh name and renamed into place,
//!   so a save is whole or not at all and never writes through a link;
//! - a file the user could not write in place is never replaced.
//!
//! A pathway may be a link to another file inside the library: it is read
//! and saved through the link. A link that leads out of the library, or
//! into its `.carepath/` folder, is refused in words.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags};

mod pathway;
mod write;

pub use pathway::{
    Library, PathwayFile, Stamp, pathway, read_pathway, read_pathway_text, save_pathway,
    save_pathway_with,
};
pub use write::{NewFile, Stage};

/// How much carepath reads of each kind of file, at most.
pub mod limits {
    /// A pathway file (and a version of one kept by the history).
    pub const PATHWAY: u64 = 8 * 1024 * 1024;
    /// One session's presence file: a few hundred bytes in practice.
    pub const PRESENCE: u64 = 64 * 1024;
    /// `people.yaml`.
    pub const PEOPLE: u64 = 1024 * 1024;
    /// `rejected-suggestions.yaml`.
    pub const REJECTIONS: u64 = 4 * 1024 * 1024;
    /// The newest part of one user's history of one pathway that is read.
    pub const HISTORY_PAGE: u64 = 1024 * 1024;
    /// A recovery journal holds two versions of a pathway.
    pub const JOURNAL: u64 = 2 * PATHWAY + 64 * 1024;
}

/// An error that says in words why carepath would not open a file.
pub(super) fn refused(path: &Path, why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: {why}", path.display()),
    )
}

pub(super) fn os(e: rustix::io::Errno, path: &Path) -> io::Error {
    if e == rustix::io::Errno::LOOP {
        return refused(
            path,
            "is a link; carepath does not follow links in a shared folder",
        );
    }
    let e = io::Error::from(e);
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// A folder inside a library, entered without following any link.
#[derive(Debug)]
pub struct Folder {
    pub(super) fd: OwnedFd,
    pub(super) path: PathBuf,
}

/// What a new folder is made as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFolder {
    /// Do not make it: it must be there.
    No,
    /// The usual mode less the umask, so a shared group can use it.
    Shared,
    /// Shared, with the sticky bit: others may add files but not remove
    /// or replace anyone else's.
    Sticky,
}

impl Folder {
    /// The folder the user named (its own path may go through links: the
    /// user chose it).
    pub fn open(path: &Path) -> io::Result<Folder> {
        let path = if path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            path
        };
        let fd = rfs::open(
            path,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| os(e, path))?;
        Ok(Folder {
            fd,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The uid of the folder's owner.
    pub fn owner(&self) -> io::Result<u32> {
        Ok(rfs::fstat(&self.fd).map_err(|e| os(e, &self.path))?.st_uid)
    }

    /// The folder at `rel` below this one, entered step by step without
    /// following links, made (as `new`) where missing.
    pub fn sub(&self, rel: &Path, new: NewFolder) -> io::Result<Folder> {
        let mut fd = self.fd.as_fd().try_clone_to_owned()?;
        let mut path = self.path.clone();
        for part in rel.components() {
            let Component::Normal(name) = part else {
                if part == Component::CurDir {
                    continue;
                }
                return Err(refused(&path.join(rel), "leaves the library"));
            };
            path.push(name);
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            fd = match rfs::openat(&fd, name, flags, Mode::empty()) {
                Ok(next) => next,
                Err(rustix::io::Errno::NOENT) if new != NewFolder::No => {
                    match rfs::mkdirat(&fd, name, Mode::from_raw_mode(0o777)) {
                        Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                        Err(e) => return Err(os(e, &path)),
                    }
                    let made = rfs::openat(&fd, name, flags, Mode::empty())
                        .map_err(|e| not_a_folder(e, &path))?;
                    if new == NewFolder::Sticky {
                        sticky(&made);
                    }
                    made
                }
                Err(e) => return Err(not_a_folder(e, &path)),
            };
        }
        Ok(Folder { fd, path })
    }

    /// Opens `name` here for reading: a plain file, not a link, not a pipe.
    fn open_plain(&self, name: &OsStr) -> io::Result<(File, rfs::Stat)> {
        let path = self.path.join(name);
        let fd = rfs::openat(
            &self.fd,
            name,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| os(e, &path))?;
        let st = plain(&fd, &path)?;
        Ok((File::from(fd), st))
    }

    /// The first `n` bytes of `name` at most, if it is a plain file: to see
    /// how a file starts without reading it all.
    pub fn read_head(&self, name: impl AsRef<OsStr>, n: u64) -> io::Result<Vec<u8>> {
        let (file, _) = self.open_plain(name.as_ref())?;
        let mut bytes = Vec::new();
        file.take(n).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// The whole of `name`, if it is a plain file of at most `cap` bytes.
    pub fn read(&self, name: impl AsRef<OsStr>, cap: u64) -> io::Result<Vec<u8>> {
        self.read_with_stat(name, cap).map(|(bytes, _)| bytes)
    }

    /// [`Folder::read`], with the file's status as it was opened (its
    /// size and modification time, without a second look at the file).
    pub fn read_with_stat(
        &self,
        name: impl AsRef<OsStr>,
        cap: u64,
    ) -> io::Result<(Vec<u8>, rfs::Stat)> {
        let name = name.as_ref();
        let (file, st) = self.open_plain(name)?;
        let len = st.st_size as u64;
        if len > cap {
            return Err(too_big(&self.path.join(name), len, cap));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(cap + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > cap {
            return Err(too_big(&self.path.join(name), bytes.len() as u64, cap));
        }
        Ok((bytes, st))
    }

    /// The last `cap` bytes of `name` at most, from the start of a line,
    /// with whether anything before them was left unread, and the file's
    /// owner.
    pub fn read_tail(&self, name: impl AsRef<OsStr>, cap: u64) -> io::Result<Tail> {
        let (mut file, st) = self.open_plain(name.as_ref())?;
        let len = st.st_size as u64;
        let start = len.saturating_sub(cap);
        file.seek(SeekFrom::Start(start))?;
        let mut bytes = Vec::new();
        file.take(cap).read_to_end(&mut bytes)?;
        if start > 0 {
            let cut = bytes
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| i + 1);
            bytes.drain(..cut);
        }
        Ok(Tail {
            bytes,
            cut: start > 0,
            owner: st.st_uid,
        })
    }

    /// The owner and mode of `name` here, without following a link.
    pub fn stat(&self, name: impl AsRef<OsStr>) -> io::Result<rfs::Stat> {
        let name = name.as_ref();
        rfs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW)
            .map_err(|e| os(e, &self.path.join(name)))
    }

    /// The names in this folder with their kind and owner (links are
    /// listed as links, never followed).
    pub fn entries(&self) -> io::Result<Vec<(std::ffi::OsString, rfs::Stat)>> {
        let dir = rfs::Dir::read_from(&self.fd).map_err(|e| os(e, &self.path))?;
        let mut out = Vec::new();
        for entry in dir {
            let entry = entry.map_err(|e| os(e, &self.path))?;
            let name = OsStr::from_bytes(entry.file_name().to_bytes()).to_os_string();
            if name == "." || name == ".." {
                continue;
            }
            if let Ok(st) = rfs::statat(&self.fd, &name, AtFlags::SYMLINK_NOFOLLOW) {
                out.push((name, st));
            }
        }
        Ok(out)
    }

    /// Removes `name` here (never what a link points to).
    pub fn remove(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        let name = name.as_ref();
        rfs::unlinkat(&self.fd, name, AtFlags::empty()).map_err(|e| os(e, &self.path.join(name)))
    }
}

/// The newest part of a file.
#[derive(Debug)]
pub struct Tail {
    pub bytes: Vec<u8>,
    /// Whether older content was left unread.
    pub cut: bool,
    /// The uid of the file's owner.
    pub owner: u32,
}

fn not_a_folder(e: rustix::io::Errno, path: &Path) -> io::Error {
    match e {
        rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR => refused(
            path,
            "is a link or not a folder; carepath does not follow links in a shared folder",
        ),
        e => os(e, path),
    }
}

/// The file's status, if it is a plain file.
pub(super) fn plain(fd: &OwnedFd, path: &Path) -> io::Result<rfs::Stat> {
    let st = rfs::fstat(fd).map_err(|e| os(e, path))?;
    match FileType::from_raw_mode(st.st_mode) {
        FileType::RegularFile => Ok(st),
        FileType::Directory => Err(refused(path, "is a folder, not a file")),
        FileType::Fifo => Err(refused(
            path,
            "is a named pipe, not a file; carepath does not read it (it could stall everyone's session)",
        )),
        _ => Err(refused(
            path,
            "is not a plain file; carepath does not read it",
        )),
    }
}

pub(super) fn too_big(path: &Path, len: u64, cap: u64) -> io::Error {
    let why = crate::store::read::input::too_big(len, cap);
    refused(path, why.strip_prefix("this file ").unwrap_or(&why))
}

/// Adds the sticky bit to a folder just made, keeping its mode (and the
/// setgid bit it may have inherited).
fn sticky(fd: &OwnedFd) {
    if let Ok(st) = rfs::fstat(fd) {
        let _ = rfs::fchmod(fd, Mode::from_raw_mode((st.st_mode & 0o7777) | 0o1000));
    }
}

/// The process's umask, read without changing it (changing it, even for
/// a moment, would race with other threads making files).
pub fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}
