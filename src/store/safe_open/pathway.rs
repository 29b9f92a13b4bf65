//! Pathway files: a pathway may be a link to another file inside the
//! library, read and saved through the link; a link out of the library, or
//! into its `.carepath/` folder, is refused in words.

use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path};

use rustix::fs::FileType;

use super::{Folder, NewFile, NewFolder, Stage, limits, refused};

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
    let library = crate::store::shared::library_of(path);
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
    if rel.components().next() == Some(Component::Normal(OsStr::new(crate::store::shared::DIR))) {
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

/// A library folder held open, to read many of its pathway files without
/// opening the folder again for each (listing a large library).
#[derive(Debug)]
pub struct Library {
    root: Folder,
}

/// A pathway file's size and modification time (nanoseconds since 1970)
/// when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime: u128,
}

impl Library {
    pub fn open(dir: &Path) -> io::Result<Library> {
        Folder::open(dir).map(|root| Library { root })
    }

    /// The text of the pathway file `name` in this folder, as
    /// [`read_pathway`] reads it, with its size and modification time. A
    /// plain file is read with one open; a link is refused by that open
    /// and then read through [`read_pathway`], which follows it only
    /// within the library.
    pub fn read(&self, name: &OsStr) -> io::Result<(Vec<u8>, Stamp)> {
        match self.root.read_with_stat(name, limits::PATHWAY) {
            Ok((bytes, st)) => Ok((bytes, stamp_of(&st))),
            Err(_) if self.is_link(name) => {
                let path = self.root.path.join(name);
                let bytes = read_pathway(&path)?;
                let meta = std::fs::metadata(&path)?;
                let mtime = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                Ok((
                    bytes,
                    Stamp {
                        size: meta.len(),
                        mtime,
                    },
                ))
            }
            Err(e) => Err(e),
        }
    }

    /// The size and modification time of the file `name` names here (of
    /// what it links to, for a link), looked at without opening it.
    pub fn stamp(&self, name: &OsStr) -> Option<Stamp> {
        rustix::fs::statat(&self.root.fd, name, rustix::fs::AtFlags::empty())
            .ok()
            .map(|st| stamp_of(&st))
    }

    /// The bytes of the pathway file at `path`, which is in this folder,
    /// as [`read_pathway`] reads them and failing in the same words: one
    /// open for a plain file, a link followed only within the library.
    pub fn read_pathway(&self, path: &Path) -> io::Result<Vec<u8>> {
        let Some(name) = path.file_name() else {
            return read_pathway(path);
        };
        match self.root.read(name, limits::PATHWAY) {
            Ok(bytes) => Ok(bytes),
            Err(_) if self.is_link(name) => read_pathway(path),
            Err(e) => Err(e),
        }
    }

    fn is_link(&self, name: &OsStr) -> bool {
        self.root
            .stat(name)
            .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink)
    }
}

fn stamp_of(st: &rustix::fs::Stat) -> Stamp {
    let secs = u128::try_from(st.st_mtime).unwrap_or(0);
    Stamp {
        size: u64::try_from(st.st_size).unwrap_or(0),
        mtime: secs * 1_000_000_000 + u128::from(st.st_mtime_nsec),
    }
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
            folder: Folder::open(&crate::store::shared::library_of(path))?,
            name: path
                .file_name()
                .ok_or_else(|| refused(path, "is not a file name"))?
                .to_os_string(),
        },
        Err(e) => return Err(e),
    };
    f.folder.write_atomic_with(&f.name, bytes, new, hook)
}
