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
