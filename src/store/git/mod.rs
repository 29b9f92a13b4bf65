//! A library kept in git: the versions git keeps of a pathway file (its
//! history, and the file as it was at a commit), setting a library up, and
//! syncing it with a shared repository. Every `git` runs through
//! [`run::Repo`], which defangs the repository's config.

pub mod run;
pub mod setup;
pub mod sync;

use std::path::{Path, PathBuf};

pub use run::Repo;

/// One commit that changed the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub date: String,
    pub author: String,
    pub subject: String,
}

fn folder(file: &Path) -> &Path {
    file.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The repository `file` is in, and the file's path inside it.
fn locate(file: &Path) -> Result<(Repo, String), String> {
    let repo = Repo::find(folder(file))?;
    let name = file
        .file_name()
        .ok_or_else(|| format!("{}: not a file", file.display()))?;
    let dir = std::fs::canonicalize(folder(file)).map_err(|e| format!("{e}"))?;
    let inside: PathBuf = dir
        .strip_prefix(&repo.work_tree)
        .map_err(|_| "the file is outside its repository".to_string())?
        .join(name);
    Ok((repo, inside.to_string_lossy().into_owned()))
}

/// The commits that changed `file`, newest first.
pub fn log(file: &Path) -> Result<Vec<Commit>, String> {
    let (repo, inside) = locate(file)?;
    let out = repo.run(&[
        "log",
        "--no-show-signature",
        "--no-ext-diff",
        "--no-textconv",
        "--format=%h%x1f%ad%x1f%an%x1f%s",
        "--date=short",
        "--",
        &inside,
    ])?;
    Ok(out
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\u{1f}');
            Some(Commit {
                hash: f.next()?.to_string(),
                date: f.next()?.to_string(),
                author: f.next()?.to_string(),
                subject: f.next().unwrap_or("").to_string(),
            })
        })
        .collect())
}

/// The text of `file` at commit `hash`.
pub fn show(file: &Path, hash: &str) -> Result<String, String> {
    let (repo, inside) = locate(file)?;
    if hash.starts_with('-') {
        return Err("not a commit".into());
    }
    repo.run(&[
        "show",
        "--no-show-signature",
        "--no-textconv",
        &format!("{hash}:{inside}"),
    ])
}
