//! The versions git keeps of a pathway file: its history, and the file as
//! it was at a commit. Read with the `git` command, in the file's folder.

use std::path::Path;
use std::process::Command;

/// One commit that changed the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub date: String,
    pub author: String,
    pub subject: String,
}

fn git(file: &Path, args: &[&str]) -> Result<String, String> {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("not a git repository") {
            Err("this library is not in a git repository".into())
        } else {
            Err(format!(
                "git said: {}",
                err.lines().next().unwrap_or("").trim()
            ))
        }
    }
}

fn name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The commits that changed `file`, newest first.
pub fn log(file: &Path) -> Result<Vec<Commit>, String> {
    let out = git(
        file,
        &[
            "log",
            "--format=%h%x1f%ad%x1f%an%x1f%s",
            "--date=short",
            "--",
            &name(file),
        ],
    )?;
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
    git(file, &["show", &format!("{hash}:./{}", name(file))])
}
