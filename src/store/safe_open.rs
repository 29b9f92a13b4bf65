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
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rustix::fs::{self as rfs, Access, AtFlags, FileType, Mode, OFlags};

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

/// A temporary file of a save older than this was left by a save that
/// was killed; the next save of the same file removes it.
const STALE_TEMP_SECS: i64 = 60;

/// An error that says in words why carepath would not open a file.
fn refused(path: &Path, why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: {why}", path.display()),
    )
}

fn os(e: rustix::io::Errno, path: &Path) -> io::Error {
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
    fd: OwnedFd,
    path: PathBuf,
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

/// What a new file is made as (an existing file keeps its mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFile {
    /// 0666 less the umask: readable by the library's group.
    Shared,
    /// 0600: the user's own.
    Private,
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

    /// The whole of `name`, if it is a plain file of at most `cap` bytes.
    pub fn read(&self, name: impl AsRef<OsStr>, cap: u64) -> io::Result<Vec<u8>> {
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
        Ok(bytes)
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
        if st.st_size == 0 && new == NewFile::Shared {
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

    /// Temporary files of saves of `name` that were killed mid-way.
    fn remove_stale_temps(&self, name: &OsStr) {
        let mut prefix = b".".to_vec();
        prefix.extend_from_slice(name.as_bytes());
        prefix.push(b'.');
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let Ok(entries) = self.entries() else {
            return;
        };
        for (n, st) in entries {
            let b = n.as_bytes();
            if b.starts_with(&prefix)
                && b.ends_with(b".tmp")
                && FileType::from_raw_mode(st.st_mode) == FileType::RegularFile
                && now - st.st_mtime > STALE_TEMP_SECS
            {
                let _ = self.remove(&n);
            }
        }
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
fn plain(fd: &OwnedFd, path: &Path) -> io::Result<rfs::Stat> {
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

fn too_big(path: &Path, len: u64, cap: u64) -> io::Error {
    let why = super::input::too_big(len, cap);
    refused(path, why.strip_prefix("this file ").unwrap_or(&why))
}

fn new_mode(new: NewFile) -> u32 {
    match new {
        NewFile::Shared => 0o666 & !umask(),
        NewFile::Private => 0o600,
    }
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

/// A pathway file in its library: the folder that holds the file really
/// (through a link inside the library, if the pathway is one) and its name.
#[derive(Debug)]
pub struct PathwayFile {
    pub folder: Folder,
    pub name: std::ffi::OsString,
}

/// Finds the file `path` names inside its library (the folder it is in):
/// itself, or what it links to if that is inside the library too.
pub fn pathway(path: &Path) -> io::Result<PathwayFile> {
    let library = super::shared::library_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| refused(path, "is not a file name"))?;
    let root = Folder::open(&library)?;
    let st = root.stat(name)?;
    if FileType::from_raw_mode(st.st_mode) != FileType::Symlink {
        return Ok(PathwayFile {
            folder: root,
            name: name.to_os_string(),
        });
    }
    let base = std::fs::canonicalize(&library)?;
    let outside = |target: &Path| {
        refused(
            path,
            &format!(
                "is a link to {}, outside the library; carepath does not follow links out of the library",
                target.display()
            ),
        )
    };
    let target = match std::fs::canonicalize(path) {
        Ok(t) => t,
        Err(e) => {
            // Where it points, as written: said plainly either way.
            let link = std::fs::read_link(path).unwrap_or_default();
            let written = base.join(&link);
            return Err(if written.starts_with(&base) && !link.is_absolute() {
                refused(
                    path,
                    &format!("is a link to a file that is not there ({e})"),
                )
            } else {
                outside(&link)
            });
        }
    };
    let rel = target.strip_prefix(&base).map_err(|_| outside(&target))?;
    if rel.components().next() == Some(Component::Normal(OsStr::new(super::shared::DIR))) {
        return Err(refused(
            path,
            "is a link into carepath's own folder; carepath does not follow it",
        ));
    }
    let folder = root.sub(rel.parent().unwrap_or(Path::new("")), NewFolder::No)?;
    let name = rel
        .file_name()
        .ok_or_else(|| refused(path, "is a link to a folder"))?;
    Ok(PathwayFile {
        folder,
        name: name.to_os_string(),
    })
}

/// The text of the pathway file at `path`, at most [`limits::PATHWAY`]
/// bytes, read as [`pathway`] finds it.
pub fn read_pathway(path: &Path) -> io::Result<Vec<u8>> {
    let f = pathway(path)?;
    f.folder.read(&f.name, limits::PATHWAY)
}

/// [`read_pathway`] as UTF-8 text.
pub fn read_pathway_text(path: &Path) -> io::Result<String> {
    String::from_utf8(read_pathway(path)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: is not UTF-8 text", path.display()),
        )
    })
}

/// Saves `bytes` as the pathway file at `path`, atomically, through a
/// link inside the library; a new file is made as `new`.
pub fn save_pathway(path: &Path, bytes: &[u8], new: NewFile) -> io::Result<()> {
    save_pathway_with(path, bytes, new, &mut |_| Ok(()))
}

/// [`save_pathway`] with a failure hook for tests.
pub fn save_pathway_with(
    path: &Path,
    bytes: &[u8],
    new: NewFile,
    hook: &mut dyn FnMut(Stage) -> io::Result<()>,
) -> io::Result<()> {
    let f = match pathway(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => PathwayFile {
            folder: Folder::open(&super::shared::library_of(path))?,
            name: path
                .file_name()
                .ok_or_else(|| refused(path, "is not a file name"))?
                .to_os_string(),
        },
        Err(e) => return Err(e),
    };
    f.folder.write_atomic_with(&f.name, bytes, new, hook)
}

/// Reads a file the user named outside any library (a version git wrote
/// to a temporary file, say): not a pipe or device, at most `cap` bytes.
pub fn read_named(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let fd = rfs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| os(e, path))?;
    let st = plain(&fd, path)?;
    if st.st_size as u64 > cap {
        return Err(too_big(path, st.st_size as u64, cap));
    }
    let mut bytes = Vec::new();
    File::from(fd).take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_big(path, bytes.len() as u64, cap));
    }
    Ok(bytes)
}
