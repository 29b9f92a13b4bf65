//! Presence: who else is working in the library right now, and where.
//! Each running session keeps a small file in `.carepath/presence/` with
//! its heartbeat; a file whose process has died (even by `kill -9`) or
//! whose heartbeat is old is ignored (and removed, where the folder lets
//! whoever sees it).
//!
//! The folder is sticky, so each file can be changed only by the user who
//! made it; a file that names another user than its owner is a forgery,
//! ignored and reported once. A file that is not a small plain file (a
//! named pipe, a huge file) is skipped: it cannot stall anyone.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use crate::store::safe_open::{Folder, NewFolder, limits};
use crate::store::shared;

/// One running session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub user: String,
    /// The name `people.yaml` gives the user, or the user name.
    pub name: String,
    pub host: String,
    pub pid: u32,
    /// The pathway open, by id.
    #[serde(default)]
    pub pathway: Option<String>,
    /// The step selected, by id.
    #[serde(default)]
    pub step: Option<String>,
    /// The screen, in words ("steps", "compare", "library").
    pub screen: String,
    pub heartbeat: DateTime<Utc>,
    /// The pathway, by id, whose others this session asks to follow it (a
    /// facilitator running the meeting); `None` leads nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leading: Option<String>,
    /// Where in the pathway this session looks, for those who follow it:
    /// a short address such as `meeting/3` or `compare/hospital/oakview/5`
    /// (see `tui::follow`). A follower only moves its view by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
}

/// A heartbeat older than this is a session that is gone (its machine
/// stopped, or its process is stuck).
pub const STALE_SECS: i64 = 20;

fn folder(library: &Path, new: NewFolder) -> Result<Folder, String> {
    shared::folder(library, "presence", new)
}

fn name_of(host: &str, pid: u32) -> String {
    let host: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{host}-{pid}.json")
}

/// Writes this session's presence, with a fresh heartbeat.
pub fn announce(library: &Path, me: &Presence) -> Result<(), String> {
    let mut me = me.clone();
    me.heartbeat = Utc::now().trunc_subsecs(0);
    let json = serde_json::to_vec(&me).map_err(|e| e.to_string())?;
    let folder = folder(library, NewFolder::Sticky)?;
    shared::write(&folder, &name_of(&me.host, me.pid), &json)
}

/// Takes this session's presence away, when it ends.
pub fn leave(library: &Path, host: &str, pid: u32) {
    if let Ok(folder) = folder(library, NewFolder::No) {
        let _ = folder.remove(name_of(host, pid));
    }
}

/// Forged presence files already reported, so each is said once.
static REPORTED: Mutex<Option<HashSet<String>>> = Mutex::new(None);
/// Reports not yet taken by [`new_forgeries`].
static PENDING: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn report_once(file: String, message: String) {
    let Ok(mut seen) = REPORTED.lock() else {
        return;
    };
    if seen.get_or_insert_with(HashSet::new).insert(file)
        && let Ok(mut pending) = PENDING.lock()
    {
        pending.push(message);
    }
}

/// Forged presence files found since last asked, each said once.
pub fn new_forgeries() -> Vec<String> {
    PENDING
        .lock()
        .map(|mut p| std::mem::take(&mut *p))
        .unwrap_or_default()
}

/// The other sessions in the library, live ones only, by name. Entries of
/// dead processes on this host, or with stale heartbeats, are removed
/// where the folder allows. A file that names another user than its
/// owner is left out, and reported once ([`new_forgeries`]).
pub fn others(library: &Path, host: &str, pid: u32, now: DateTime<Utc>) -> Vec<Presence> {
    let Ok(dir) = folder(library, NewFolder::No) else {
        return Vec::new();
    };
    let Ok(entries) = dir.entries() else {
        return Vec::new();
    };
    let trusted = shared::trusted_owners(library);
    let mut live = Vec::new();
    for (name, st) in entries {
        let shown = name.to_string_lossy().into_owned();
        if !shown.ends_with(".json") {
            continue;
        }
        // A file being replaced may be read half-way, and a pipe or a huge
        // file is refused unread; either is simply skipped this time.
        let Some(p) = dir
            .read(&name, limits::PRESENCE)
            .ok()
            .and_then(|b| serde_json::from_slice::<Presence>(&b).ok())
        else {
            continue;
        };
        let owner = crate::store::team::identity::user_of(st.st_uid);
        if !shared::vouches_for(st.st_uid, &owner, &p.user, &trusted) {
            report_once(
                dir.path().join(&shown).display().to_string(),
                format!(
                    "{}: a presence file says it is {} but it is {}'s, so it is ignored",
                    dir.path().join(&shown).display(),
                    crate::text::clean(&p.user),
                    crate::text::clean(&owner)
                ),
            );
            continue;
        }
        if p.host == host && p.pid == pid {
            continue;
        }
        let stale = (now - p.heartbeat).num_seconds() > STALE_SECS;
        let dead = p.host == host && !crate::store::team::identity::process_alive(p.pid);
        if stale || dead {
            let _ = dir.remove(&name);
            continue;
        }
        live.push(p);
    }
    live.sort_by(|a, b| (&a.name, &a.host, a.pid).cmp(&(&b.name, &b.host, b.pid)));
    live
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone(pid: u32) -> Presence {
        Presence {
            user: "asmith".into(),
            name: "Dr Anna Smith".into(),
            host: "server".into(),
            pid,
            pathway: Some("discharge".into()),
            step: Some("plan-early".into()),
            screen: "steps".into(),
            heartbeat: Utc::now(),
            leading: None,
            view: None,
        }
    }

    #[test]
    fn others_are_seen_and_stale_ones_cleaned_up() {
        let lib = tempfile::tempdir().unwrap();
        let me = std::process::id();
        let mut mine = someone(me);
        mine.user = crate::store::team::identity::current().user.clone();
        announce(lib.path(), &mine).unwrap();
        // Another host's session: its pid cannot be checked from here.
        let mut remote = someone(4_000_000);
        remote.user = mine.user.clone();
        remote.host = "elsewhere".into();
        announce(lib.path(), &remote).unwrap();
        let seen = others(lib.path(), "here", 1, Utc::now());
        assert_eq!(seen.len(), 2);
        let seen = others(lib.path(), "server", me, Utc::now());
        assert_eq!(seen.len(), 1, "not myself");
        assert_eq!(seen[0].host, "elsewhere");
        let later = Utc::now() + chrono::Duration::seconds(STALE_SECS + 5);
        assert!(others(lib.path(), "here", 1, later).is_empty());
        assert_eq!(
            std::fs::read_dir(lib.path().join(".carepath/presence"))
                .unwrap()
                .count(),
            0,
            "stale entries are removed"
        );
    }

    #[test]
    fn a_dead_process_on_this_host_is_gone_at_once() {
        let lib = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        let mut p = someone(pid);
        p.user = crate::store::team::identity::current().user.clone();
        p.host = "here".into();
        announce(lib.path(), &p).unwrap();
        assert!(others(lib.path(), "here", 1, Utc::now()).is_empty());
    }
}
