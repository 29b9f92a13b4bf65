//! Every save of a pathway, kept in the library's `.carepath/history/`:
//! who saved, when, and what changed in words, with the text of each
//! version so the diff of any save can be opened later. Appended under the
//! pathway's lock by whoever saves, so entries are in the order of saves.
//!
//! `history/<name>/` holds each version's text once, named by its content
//! hash (checked against the text when read), and one log per user,
//! `<user>.jsonl`, one entry per line. Both folders are sticky: nobody can
//! remove or replace another's log. An entry counts only when the log it
//! is in belongs to the user it names, so nobody can write history in a
//! colleague's name; entries that claim someone else are left out and
//! reported. Older libraries kept one log per pathway,
//! `history/<name>.jsonl`: it is still read, by the same rule.
//!
//! The history has a bound: see [`prune`].

use std::path::Path;

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::Pathway;
use crate::store::safe_open::{Folder, NewFile, NewFolder, limits};
use crate::store::shared;

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
        .map(|s| safe_name(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// A name made safe as one file name: no separators, not hidden.
fn safe_name(s: &str) -> String {
    let name: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    match name.strip_prefix('.') {
        Some(rest) => format!("_{rest}"),
        None => name,
    }
}

/// `.carepath/history/` of the library of `file`.
fn history_folder(file: &Path, new: NewFolder) -> Result<Folder, String> {
    shared::folder(&shared::library_of(file), "history", new)
}

/// `.carepath/history/<name>/` of `file`.
fn versions_folder(file: &Path, new: NewFolder) -> Result<Folder, String> {
    history_folder(file, new).and_then(|h| {
        h.sub(Path::new(&stem(file)), new)
            .map_err(|e| shared::explain(&h.path().join(stem(file)), "open the history", &e))
    })
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
    summarise_from(before, after, 0)
}

/// [`summarise`] of two versions whose steps are only the pathway's steps
/// from place `first_step` on that differ (or might), the same in both
/// but for the difference: what a long pathway's changed steps say.
pub fn summarise_from(
    before: &Pathway,
    after: &Pathway,
    first_step: usize,
) -> (Vec<String>, usize) {
    let changes = crate::diff::diff(before, after);
    let lines = changes
        .iter()
        .take(SUMMARY_LINES)
        .map(|c| crate::diff::describe_in_from(c, Some(after), first_step))
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
    let before = keep(file, before_text)?;
    let after = keep(file, after_text)?;
    record(file, by, before, after, summary)
}

/// Keeps `text` among the versions of `file` (once: versions are named
/// by their hash), and says its hash. A save keeps the version it
/// replaces and the one it writes, then [`record`]s itself: [`append`],
/// or step by step for a caller holding one text at a time.
pub fn keep(file: &Path, text: &str) -> Result<String, String> {
    let h = hash(text);
    let folder = versions_folder(file, NewFolder::Sticky)?;
    let name = format!("{h}.yaml");
    if folder.stat(&name).is_err() {
        shared::write(&folder, &name, text.as_bytes())?;
    }
    Ok(h)
}

/// Records a save of `file` by `by` from the version `before` to `after`
/// (hashes of versions [`keep`] kept). Call it while holding the
/// pathway's lock.
pub fn record(
    file: &Path,
    by: &str,
    before: String,
    after: String,
    summary: (Vec<String>, usize),
) -> Result<(), String> {
    let entry = Entry {
        at: Utc::now().trunc_subsecs(0),
        by: by.into(),
        summary: summary.0,
        changes: summary.1,
        before,
        after,
    };
    let folder = versions_folder(file, NewFolder::Sticky)?;
    let mut line = serde_json::to_string(&entry).map_err(|e| e.to_string())?;
    line.push('\n');
    // One write, so a reader never sees half a line from this save. A log
    // with this user's name that someone else made is not this user's:
    // the next free name is used instead.
    let me = safe_name(by);
    let mut last = String::new();
    for n in 1..=9 {
        let name = if n == 1 {
            format!("{me}.jsonl")
        } else {
            format!("{me}-{n}.jsonl")
        };
        match folder.append_own(&name, line.as_bytes(), NewFile::Shared) {
            Ok(()) => {
                prune_now_and_then(&folder, &entry);
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(shared::explain(
                    &folder.path().join(&name),
                    "add to the history",
                    &e,
                ));
            }
            Err(e) => last = shared::explain(&folder.path().join(&name), "add to the history", &e),
        }
    }
    Err(last)
}

/// The history of one pathway as read, with what was left out.
#[derive(Debug, Clone, Default)]
pub struct Saves {
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// Lines that did not read (a disk that filled mid-line).
    pub unreadable: usize,
    /// Entries left out because the log they are in is not the named
    /// user's own, one sentence per log.
    pub forged: Vec<String>,
    /// Whether older saves were left unread (only the newest part of
    /// each log is read).
    pub cut: bool,
}

/// How much of all the logs of one pathway is read, newest logs first.
const READ_AT_MOST: u64 = 8 * 1024 * 1024;

/// The saves of `file`, oldest first, with what was left out and why.
pub fn saves(file: &Path) -> Result<Saves, String> {
    let mut out = Saves::default();
    let Ok(history) = history_folder(file, NewFolder::No) else {
        return Ok(out);
    };
    // (in the pathway's folder, not the old single log; name; modified)
    let mut logs: Vec<(bool, std::ffi::OsString, i64)> = Vec::new();
    let legacy = format!("{}.jsonl", stem(file));
    if let Ok(st) = history.stat(&legacy) {
        logs.push((false, legacy.into(), st.st_mtime));
    }
    let versions = versions_folder(file, NewFolder::No).ok();
    if let Some(folder) = &versions {
        let entries = folder
            .entries()
            .map_err(|e| shared::explain(folder.path(), "read the history", &e))?;
        for (name, st) in entries {
            if name.to_string_lossy().ends_with(".jsonl") {
                logs.push((true, name, st.st_mtime));
            }
        }
    }
    logs.sort_by_key(|l| std::cmp::Reverse(l.2));
    let trusted = shared::trusted_owners(&shared::library_of(file));
    let mut budget = READ_AT_MOST;
    for (in_versions, name, _) in logs {
        if budget == 0 {
            out.cut = true;
            break;
        }
        let folder = match (&versions, in_versions) {
            (Some(v), true) => v,
            _ => &history,
        };
        let path = folder.path().join(&name);
        let tail = match folder.read_tail(&name, budget.min(limits::HISTORY_PAGE)) {
            Ok(t) => t,
            Err(e) => {
                out.forged
                    .push(shared::explain(&path, "read the history", &e));
                continue;
            }
        };
        budget = budget.saturating_sub(tail.bytes.len() as u64);
        out.cut |= tail.cut;
        let owner = crate::store::team::identity::user_of(tail.owner);
        let mut claimed = 0usize;
        let mut claimed_by = String::new();
        for line in String::from_utf8_lossy(&tail.bytes).lines() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Entry>(line) {
                Ok(e) if shared::vouches_for(tail.owner, &owner, &e.by, &trusted) => {
                    out.entries.push(e)
                }
                Ok(e) => {
                    claimed += 1;
                    claimed_by = e.by;
                }
                Err(_) => out.unreadable += 1,
            }
        }
        if claimed > 0 {
            out.forged.push(format!(
                "{}: {claimed} save(s) in it claim to be by {} but the file is {}'s; they are left out",
                path.display(),
                crate::text::clean(&claimed_by),
                crate::text::clean(&owner)
            ));
        }
    }
    out.entries.sort_by_key(|e| e.at);
    drop_saves_not_made(&mut out.entries);
    Ok(out)
}

/// A save's line is written just before the file; a save that failed
/// after that left a line for a version never on disk. It shows as a
/// line whose next save started from the same text it did.
fn drop_saves_not_made(entries: &mut Vec<Entry>) {
    let mut keep = vec![true; entries.len()];
    for (i, pair) in entries.windows(2).enumerate() {
        if pair[0].after != pair[1].before && pair[0].before == pair[1].before {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    entries.retain(|_| k.next().unwrap_or(true));
}

/// The saves of `file`, oldest first, and how many lines were left out
/// (unreadable, or not by who they name).
pub fn load(file: &Path) -> Result<(Vec<Entry>, usize), String> {
    let s = saves(file)?;
    let left_out = s.unreadable + s.forged.len();
    Ok((s.entries, left_out))
}

/// The text of a version of `file` kept by the history, if it is the text
/// its hash names (a kept file someone changed is refused).
pub fn version(file: &Path, hash_: &str) -> Result<String, String> {
    let folder = versions_folder(file, NewFolder::No)?;
    let name = format!("{}.yaml", safe_name(hash_));
    let path = folder.path().join(&name);
    let bytes = folder
        .read(&name, limits::PATHWAY)
        .map_err(|e| shared::explain(&path, "read a kept version", &e))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{}: is not text", path.display()))?;
    if hash(&text) != hash_ {
        return Err(format!(
            "{}: this kept version was changed after it was saved, so it is not shown",
            path.display()
        ));
    }
    Ok(text)
}

/// The latest save of `file`, if its result is the text given: who made
/// the version that is on disk now.
pub fn last_save_of(file: &Path, text: &str) -> Option<Entry> {
    let (entries, _) = load(file).ok()?;
    let h = hash(text);
    entries.into_iter().rev().find(|e| e.after == h)
}

/// How long every kept version stays; after this, one a day is kept.
pub const KEEP_ALL_DAYS: i64 = 30;

/// Set to another number of days to keep every version for.
pub const KEEP_DAYS_ENV: &str = "CAREPATH_HISTORY_DAYS";

/// At most this many kept versions per pathway; past it the oldest go
/// first, so a burst of saves is bounded too.
pub const KEEP_AT_MOST: usize = 1000;

/// Set to another largest number of kept versions per pathway.
pub const KEEP_VERSIONS_ENV: &str = "CAREPATH_HISTORY_VERSIONS";

fn keep_all_days() -> i64 {
    std::env::var(KEEP_DAYS_ENV)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(KEEP_ALL_DAYS)
}

fn keep_at_most() -> usize {
    std::env::var(KEEP_VERSIONS_ENV)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(KEEP_AT_MOST)
}

/// Prunes once in about 32 saves (picked by the new version's hash), so a
/// save does not list a large folder every time.
fn prune_now_and_then(folder: &Folder, entry: &Entry) {
    if entry.after.ends_with('0') && entry.after.len() >= 2 {
        let _ = prune(folder, Utc::now(), keep_all_days(), keep_at_most());
    }
}

/// The retention rule: every kept version younger than `keep_days` stays;
/// of older ones, the newest of each day stays and the rest are removed;
/// and of all, at most `at_most` stay, the oldest going first.
/// Each user removes only versions they wrote (the folder is sticky). The
/// log lines stay (they are small): a save whose versions were pruned is
/// still listed, and says its versions are no longer kept when opened.
pub fn prune(
    folder: &Folder,
    now: DateTime<Utc>,
    keep_days: i64,
    at_most: usize,
) -> std::io::Result<usize> {
    use std::collections::HashMap;
    let me = rustix::process::geteuid().as_raw();
    let cutoff = now.timestamp() - keep_days.max(0) * 86_400;
    let versions: Vec<(std::ffi::OsString, i64, u32)> = folder
        .entries()?
        .into_iter()
        .filter(|(n, _)| n.to_string_lossy().ends_with(".yaml"))
        .map(|(n, st)| (n, st.st_mtime, st.st_uid))
        .collect();
    let mut newest_of_day: HashMap<i64, i64> = HashMap::new();
    for (_, t, _) in &versions {
        let day = t.div_euclid(86_400);
        let e = newest_of_day.entry(day).or_insert(*t);
        *e = (*e).max(*t);
    }
    let mut removed = 0;
    let mut left = Vec::new();
    for (name, t, owner) in versions {
        let day = t.div_euclid(86_400);
        let thinned = t < cutoff && newest_of_day.get(&day) != Some(&t);
        if owner == me && thinned && folder.remove(&name).is_ok() {
            removed += 1;
        } else {
            left.push((name, t, owner));
        }
    }
    left.sort_by_key(|v| v.1);
    let mut over = left.len().saturating_sub(at_most.max(1));
    for (name, _, owner) in left {
        if over == 0 {
            break;
        }
        if owner == me && folder.remove(&name).is_ok() {
            removed += 1;
            over -= 1;
        }
    }
    Ok(removed)
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
        let me = crate::store::team::identity::current().user.clone();
        append(&file, &me, v1, v2, summarise(&a, &b)).unwrap();
        let (entries, skipped) = load(&file).unwrap();
        assert_eq!(skipped, 0);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].by, me);
        assert_eq!(
            entries[0].summary,
            vec!["The title: changed from \"One\" to \"Two\""]
        );
        assert_eq!(version(&file, &entries[0].before).unwrap(), v1);
        assert_eq!(version(&file, &entries[0].after).unwrap(), v2);
        assert_eq!(last_save_of(&file, v2).unwrap().by, me);
        assert!(last_save_of(&file, v1).is_none());
    }

    #[test]
    fn a_changed_kept_version_is_not_shown() {
        let lib = tempfile::tempdir().unwrap();
        let file = lib.path().join("p.yaml");
        let v1 = "carepath: 1\nid: p\ntitle: One\n";
        let v2 = "carepath: 1\nid: p\ntitle: Two\n";
        let a: Pathway = serde_yaml::from_str(v1).unwrap();
        let b: Pathway = serde_yaml::from_str(v2).unwrap();
        let me = crate::store::team::identity::current().user.clone();
        append(&file, &me, v1, v2, summarise(&a, &b)).unwrap();
        let kept = lib
            .path()
            .join(".carepath/history/p")
            .join(format!("{}.yaml", hash(v2)));
        std::fs::write(&kept, "carepath: 1\nid: p\ntitle: Forged\n").unwrap();
        assert!(
            version(&file, &hash(v2))
                .unwrap_err()
                .contains("changed after")
        );
    }

    #[test]
    fn old_versions_are_thinned_to_one_a_day() {
        let lib = tempfile::tempdir().unwrap();
        let file = lib.path().join("p.yaml");
        let folder = versions_folder(&file, NewFolder::Sticky).unwrap();
        let day = 86_400;
        let now = Utc::now();
        let old = (now.timestamp() - 40 * day).div_euclid(day) * day + 3600;
        for (i, t) in [old, old + 60, old + 120, now.timestamp()]
            .iter()
            .enumerate()
        {
            let name = format!("v{i}.yaml");
            shared::write(&folder, &name, b"x").unwrap();
            let path = folder.path().join(&name);
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(*t as u64))
                .unwrap();
        }
        assert_eq!(prune(&folder, now, 30, 100).unwrap(), 2);
        let mut left: Vec<String> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, vec!["v2.yaml", "v3.yaml"]);
        // And at most one, the newest.
        assert_eq!(prune(&folder, now, 30, 1).unwrap(), 1);
        assert!(folder.stat("v3.yaml").is_ok());
    }

    #[test]
    fn a_line_for_a_save_that_failed_is_dropped() {
        let e = |before: &str, after: &str| Entry {
            at: Utc::now(),
            by: "a".into(),
            summary: Vec::new(),
            changes: 1,
            before: before.into(),
            after: after.into(),
        };
        let mut entries = vec![e("1", "2"), e("2", "3"), e("2", "4"), e("4", "5")];
        drop_saves_not_made(&mut entries);
        let afters: Vec<&str> = entries.iter().map(|e| e.after.as_str()).collect();
        assert_eq!(afters, vec!["2", "4", "5"]);
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
