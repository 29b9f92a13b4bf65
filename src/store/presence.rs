//! Presence: who else is working in the library right now, and where.
//! Each running session keeps a small file in `.carepath/presence/` with
//! its heartbeat; a file whose process has died (even by `kill -9`) or
//! whose heartbeat is old is ignored and removed by whoever sees it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use super::shared;

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
}

/// A heartbeat older than this is a session that is gone (its machine
/// stopped, or its process is stuck).
pub const STALE_SECS: i64 = 20;

fn folder(library: &Path) -> PathBuf {
    shared::dir(library).join("presence")
}

fn file_of(library: &Path, host: &str, pid: u32) -> PathBuf {
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
    folder(library).join(format!("{host}-{pid}.json"))
}

/// Writes this session's presence, with a fresh heartbeat.
pub fn announce(library: &Path, me: &Presence) -> Result<(), String> {
    let mut me = me.clone();
    me.heartbeat = Utc::now().trunc_subsecs(0);
    let json = serde_json::to_vec(&me).map_err(|e| e.to_string())?;
    shared::write(&file_of(library, &me.host, me.pid), &json)
}

/// Takes this session's presence away, when it ends.
pub fn leave(library: &Path, host: &str, pid: u32) {
    let _ = std::fs::remove_file(file_of(library, host, pid));
}

/// The other sessions in the library, live ones only, by name. Entries of
/// dead processes on this host, or with stale heartbeats, are removed.
pub fn others(library: &Path, host: &str, pid: u32, now: DateTime<Utc>) -> Vec<Presence> {
    let Ok(dir) = std::fs::read_dir(folder(library)) else {
        return Vec::new();
    };
    let mut live = Vec::new();
    for entry in dir.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        // A file being replaced may be read half-way; it is simply skipped
        // this time.
        let Some(p) = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Presence>(&b).ok())
        else {
            continue;
        };
        if p.host == host && p.pid == pid {
            continue;
        }
        let stale = (now - p.heartbeat).num_seconds() > STALE_SECS;
        let dead = p.host == host && !super::identity::process_alive(p.pid);
        if stale || dead {
            let _ = std::fs::remove_file(&path);
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
        }
    }

    #[test]
    fn others_are_seen_and_stale_ones_cleaned_up() {
        let lib = tempfile::tempdir().unwrap();
        let me = std::process::id();
        announce(lib.path(), &someone(me)).unwrap();
        // Another host's session: its pid cannot be checked from here.
        let mut remote = someone(4_000_000);
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
            std::fs::read_dir(folder(lib.path())).unwrap().count(),
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
        p.host = "here".into();
        announce(lib.path(), &p).unwrap();
        assert!(others(lib.path(), "here", 1, Utc::now()).is_empty());
    }
}
