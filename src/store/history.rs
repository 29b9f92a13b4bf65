//! Every save of a pathway, kept in the library's `.carepath/history/`:
//! who saved, when, and what changed in words, with the text of each
//! version so the diff of any save can be opened later. Appended under the
//! pathway's lock by whoever saves, so entries are in the order of saves.
//!
//! `history/<name>.jsonl` holds one entry per line; `history/<name>/`
//! holds each version's text once, named by its content hash.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::shared;
use crate::model::Pathway;

/// One save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub at: DateTime<Utc>,
    /// The operating-system user who saved.
    pub by: String,
    /// What changed, a sentence per change (the first few).
    pub summary: Vec<String>,
    /// How many changes there were in all.
    pub changes: usize,
    /// The content hashes of the text before and after the save.
    pub before: String,
    pub after: String,
}

impl Entry {
    /// The save in one phrase: its first change, and how many more.
    pub fn headline(&self) -> String {
        match self.summary.first() {
            Some(first) if self.changes > 1 => format!("{first} (and {} more)", self.changes - 1),
            Some(first) => first.clone(),
            None => "layout only".into(),
        }
    }

    /// [`Entry::headline`] without the old values, short enough for a
    /// notice on one line: `title: changed to "New"`.
    pub fn brief(&self) -> String {
        let head = self.headline();
        match (head.find(": changed from \""), head.find("\" to \"")) {
            (Some(at), Some(to)) if to > at => {
                format!("{}: changed to {}", &head[..at], &head[to + 5..])
            }
            _ => head,
        }
    }
}

/// How many changes are written out in words; the rest are counted.
const SUMMARY_LINES: usize = 5;

fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn log_path(file: &Path) -> PathBuf {
    shared::dir(&shared::library_of(file))
        .join("history")
        .join(format!("{}.jsonl", stem(file)))
}

fn version_path(file: &Path, hash: &str) -> PathBuf {
    shared::dir(&shared::library_of(file))
        .join("history")
        .join(stem(file))
        .join(format!("{hash}.yaml"))
}

/// A short content hash of a version's text.
pub fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(10)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The changes between two versions, as the history says them.
pub fn summarise(before: &Pathway, after: &Pathway) -> (Vec<String>, usize) {
    let changes = crate::diff::diff(before, after);
    let lines = changes
        .iter()
        .take(SUMMARY_LINES)
        .map(crate::diff::describe)
        .collect();
    (lines, changes.len())
}

/// Records a save of `file` by `by` from `before` to `after` text. Call it
/// while holding the pathway's lock.
pub fn append(
    file: &Path,
    by: &str,
    before_text: &str,
    after_text: &str,
    summary: (Vec<String>, usize),
) -> Result<(), String> {
    let entry = Entry {
        at: Utc::now().trunc_subsecs(0),
        by: by.into(),
        summary: summary.0,
        changes: summary.1,
        before: hash(before_text),
        after: hash(after_text),
    };
    for (h, text) in [(&entry.before, before_text), (&entry.after, after_text)] {
        let path = version_path(file, h);
        if !path.exists() {
            shared::write(&path, text.as_bytes())?;
        }
    }
    let log = log_path(file);
    if let Some(dir) = log.parent() {
        shared::make_dir(dir)?;
    }
    let existed = log.exists();
    let mut line = serde_json::to_string(&entry).map_err(|e| e.to_string())?;
    line.push('\n');
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .map_err(|e| shared::explain(&log, "add to the history", &e))?;
    // One write, so a reader never sees half a line from this save.
    out.write_all(line.as_bytes())
        .map_err(|e| shared::explain(&log, "add to the history", &e))?;
    if !existed {
        shared::set_shared_mode(&log);
    }
    Ok(())
}

/// The saves of `file`, oldest first. Lines that do not read (a disk that
/// filled mid-line) are skipped and counted.
pub fn load(file: &Path) -> Result<(Vec<Entry>, usize), String> {
    let log = log_path(file);
    let text = match std::fs::read_to_string(&log) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(shared::explain(&log, "read the history", &e)),
    };
    let mut skipped = 0;
    let entries = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).map_err(|_| skipped += 1).ok())
        .collect();
    Ok((entries, skipped))
}

/// The text of a version of `file` kept by the history.
pub fn version(file: &Path, hash: &str) -> Result<String, String> {
    let path = version_path(file, hash);
    std::fs::read_to_string(&path).map_err(|e| shared::explain(&path, "read a kept version", &e))
}

/// The latest save of `file`, if its result is the text given: who made
/// the version that is on disk now.
pub fn last_save_of(file: &Path, text: &str) -> Option<Entry> {
    let (entries, _) = load(file).ok()?;
    let h = hash(text);
    entries.into_iter().rev().find(|e| e.after == h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_are_listed_with_their_versions() {
        let lib = tempfile::tempdir().unwrap();
        let file = lib.path().join("p.yaml");
        let v1 = "carepath: 1\nid: p\ntitle: One\n";
        let v2 = "carepath: 1\nid: p\ntitle: Two\n";
        let a: Pathway = serde_yaml::from_str(v1).unwrap();
        let b: Pathway = serde_yaml::from_str(v2).unwrap();
        append(&file, "asmith", v1, v2, summarise(&a, &b)).unwrap();
        let (entries, skipped) = load(&file).unwrap();
        assert_eq!(skipped, 0);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].by, "asmith");
        assert_eq!(
            entries[0].summary,
            vec!["title: changed from \"One\" to \"Two\""]
        );
        assert_eq!(version(&file, &entries[0].before).unwrap(), v1);
        assert_eq!(version(&file, &entries[0].after).unwrap(), v2);
        assert_eq!(last_save_of(&file, v2).unwrap().by, "asmith");
        assert!(last_save_of(&file, v1).is_none());
    }

    #[test]
    fn a_notice_leaves_out_the_old_value() {
        let e = Entry {
            at: Utc::now(),
            by: "asmith".into(),
            summary: vec!["title: changed from \"Old\" to \"New\"".into()],
            changes: 3,
            before: "a".into(),
            after: "b".into(),
        };
        assert_eq!(
            e.headline(),
            "title: changed from \"Old\" to \"New\" (and 2 more)"
        );
        assert_eq!(e.brief(), "title: changed to \"New\" (and 2 more)");
    }
}
