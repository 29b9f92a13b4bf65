//! The one place where an export touches the disk: read the library,
//! render, write the files into the output folder.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Broken, Format, Item, Library, LocalChanges, render};
use crate::compare::Rejections;
use crate::store::library::source::{Source, load_all, read_file};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub dir: PathBuf,
    /// Files written, by name inside `dir`.
    pub files: Vec<String>,
    /// Pathways published.
    pub pathways: usize,
    /// Files that did not load and were left out.
    pub broken: usize,
    /// The file to open first: `index.html` for the site, else the first.
    pub start: Option<PathBuf>,
}

impl Written {
    /// In words, for the command line and the app's status line.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "wrote {} file{} for {} pathway{} to {}",
            self.files.len(),
            if self.files.len() == 1 { "" } else { "s" },
            self.pathways,
            if self.pathways == 1 { "" } else { "s" },
            self.dir.display()
        );
        if self.broken > 0 {
            s.push_str(&format!(
                "; left out {} file{} that did not load",
                self.broken,
                if self.broken == 1 { "" } else { "s" }
            ));
        }
        s
    }
}

/// Exports everything `source` holds (a library folder, one file, or the
/// built-in examples) in `format` into `dir`, creating it. Files already
/// in `dir` with other names are left alone; files of the same name are
/// replaced. Used by `carepath export` and by the app.
/// `p` with only the sign-offs its signers vouch for (valid, or for an
/// earlier version); borrowed when every one of them is.
fn only_vouched<'a>(
    p: &'a crate::model::Pathway,
    people: &crate::store::team::people::People,
) -> std::borrow::Cow<'a, crate::model::Pathway> {
    let verdicts = crate::store::team::verify::verify_all(p, people);
    let keep: Vec<bool> = verdicts
        .iter()
        .map(|(_, v)| !matches!(v, crate::model::signoff::Verdict::NotValid(_)))
        .collect();
    if keep.iter().all(|k| *k) {
        return std::borrow::Cow::Borrowed(p);
    }
    let mut owned = p.clone();
    let mut kept = keep.into_iter();
    owned.sign_off.retain(|_| kept.next().unwrap_or(false));
    std::borrow::Cow::Owned(owned)
}

pub fn to_folder(
    source: &Source,
    format: Format,
    dir: &Path,
    today: NaiveDate,
) -> Result<Written, String> {
    let entries = match source {
        // Read on every core: a library has thousands of files.
        Source::Folder(dir) => {
            let paths = crate::store::library::scan_folder(dir)
                .map_err(|e| format!("{}: cannot read the library folder: {e}", dir.display()))?;
            super::par_map(paths.len(), |n| read_file(&paths[n]))
        }
        _ => load_all(source)?,
    };
    let rejected = match source {
        Source::Folder(lib) => crate::store::team::rejections::load(lib)?,
        Source::File(f) => crate::store::team::rejections::load(
            f.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )?,
        Source::Builtin => Vec::new(),
    };
    let rejected = Rejections::new(&rejected);
    // Published pages say who signed: only sign-offs that are their
    // signer's word (as the library's people.yaml vouches) are shown as
    // signed; an entry anyone could have written is left out.
    let people = match source {
        Source::Folder(lib) => crate::store::team::people::People::load(lib).unwrap_or_default(),
        Source::File(f) => crate::store::team::people::People::load(
            f.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .unwrap_or_default(),
        Source::Builtin => crate::store::team::people::People::default(),
    };
    let vouched: Vec<Option<std::borrow::Cow<'_, crate::model::Pathway>>> = entries
        .iter()
        .map(|e| e.pathway().map(|p| only_vouched(p, &people)))
        .collect();
    // A local version's page says what this place changed from the shared
    // pathway; each needs its base read, so on every core.
    let locals: Vec<Option<LocalChanges>> =
        super::par_map(entries.len(), |n| local_changes(&entries[n]));
    let lib = Library {
        name: library_name(source),
        items: entries
            .iter()
            .zip(&vouched)
            .zip(&locals)
            .filter_map(|((e, p), local)| {
                p.as_ref().map(|p| Item {
                    file: &e.file,
                    pathway: p.as_ref(),
                    local: local.as_ref(),
                })
            })
            .collect(),
        broken: entries
            .iter()
            .filter(|e| e.pathway().is_none())
            .map(|e| Broken {
                file: e.file.clone(),
                problems: e.problems().iter().map(|d| d.to_string()).collect(),
            })
            .collect(),
        today,
        rejected: &rejected,
    };
    let files = render(format, &lib);
    write_files(dir, &files)?;
    let start = if format == Format::Html {
        Some(dir.join("index.html"))
    } else {
        files.first().map(|f| dir.join(&f.name))
    };
    Ok(Written {
        dir: dir.to_path_buf(),
        files: files.into_iter().map(|f| f.name).collect(),
        pathways: lib.items.len(),
        broken: lib.broken.len(),
        start,
    })
}

/// What the local version in `entry` changed from its shared pathway;
/// `None` for a pathway that is no local version, or whose base as it was
/// taken cannot be read (`carepath check` says why).
fn local_changes(entry: &crate::store::library::source::Entry) -> Option<LocalChanges> {
    let based_on = entry.pathway()?.based_on.as_ref()?;
    let changes = crate::store::library::localise::local_changes(entry.path.as_ref()?).ok()?;
    Some(LocalChanges {
        base: based_on.path.clone(),
        changes,
    })
}

/// How the library is named in what is published: its folder's name (or
/// the file's), never the whole path on the server.
fn library_name(source: &Source) -> String {
    match source {
        Source::Folder(p) | Source::File(p) => p
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| p.display().to_string()),
        Source::Builtin => source.label(),
    }
}

fn write_files(dir: &Path, files: &[super::OutFile]) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
    for f in files {
        let path = dir.join(&f.name);
        std::fs::write(&path, &f.text)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    Ok(())
}
