//! Watching the library folder, so that a pathway saved by someone else
//! appears in every open session within a second. Files are read and
//! loaded here, off the UI thread, and handed over whole.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::store::library::is_pathway_file;
use crate::store::library::source::{Entry, EntryState};
use crate::store::persist::history;
use crate::store::read::load::{Diagnostic, load_str};

/// A pathway file as it is on disk after someone changed it.
#[derive(Debug, Clone)]
pub struct Changed {
    pub path: PathBuf,
    /// The file's text, read once; `entry` is loaded from this same text.
    pub text: String,
    pub entry: Entry,
    /// The save that made this text, when the history knows it: who, and
    /// what they changed.
    pub save: Option<history::Entry>,
    /// The file was removed or renamed away.
    pub gone: bool,
}

/// The watching of a library: keep it, for dropping it stops the watching.
pub type Watching = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Changes arriving within this long of each other are taken as one (an
/// editor writing a file in several steps).
const SETTLE: Duration = Duration::from_millis(25);

/// How often the debouncer looks for settled changes: a change is handed
/// over between `SETTLE` and `SETTLE + TICK` after it happened.
const TICK: Duration = Duration::from_millis(5);

/// Watches `library`, calling `send` with each changed pathway file until
/// `send` returns false. The returned watcher must be kept: dropping it
/// stops the watching.
///
/// The debouncer settles bursts of events; one worker thread reads and
/// loads the files. A file found missing is looked at again after
/// a moment (`GONE_AFTER`) without holding up the others' changes meanwhile.
pub fn spawn(
    library: &Path,
    send: impl Fn(Changed) -> bool + Send + 'static,
) -> Result<Watching, String> {
    let (tx, rx) = mpsc::channel::<BTreeSet<PathBuf>>();
    let mut watcher = new_debouncer(SETTLE, Some(TICK), move |res: DebounceEventResult| {
        let Ok(events) = res else { return };
        let paths: BTreeSet<PathBuf> = events
            .into_iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EventKind::Create(_)
                        | EventKind::Modify(_)
                        | EventKind::Remove(_)
                        | EventKind::Any
                )
            })
            .flat_map(|e| e.event.paths)
            .filter(|p| is_pathway_file(p))
            .collect();
        if !paths.is_empty() {
            let _ = tx.send(paths);
        }
    })
    .map_err(|e| format!("cannot watch the library for others' changes: {e}"))?;
    watcher
        .watch(library, RecursiveMode::NonRecursive)
        .map_err(|e| {
            format!(
                "{}: cannot watch the library for others' changes: {e}",
                library.display()
            )
        })?;
    thread::spawn(move || report_changes(&rx, &send));
    Ok(watcher)
}

/// Reads each changed file and hands it to `send`, until the watching
/// stops or `send` returns false. Files found missing wait here, each
/// with the moment to look again, while other changes go on arriving.
fn report_changes(rx: &mpsc::Receiver<BTreeSet<PathBuf>>, send: &impl Fn(Changed) -> bool) {
    let mut missing: BTreeMap<PathBuf, Instant> = BTreeMap::new();
    loop {
        let next_look = missing.values().min().copied();
        let arrived = match next_look {
            None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
            Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
        };
        let mut ready = Vec::new();
        match arrived {
            Ok(paths) => {
                for path in paths {
                    missing.remove(&path);
                    match read_now(&path) {
                        Reading::Read(changed) => ready.push(*changed),
                        Reading::Missing => {
                            missing.insert(path, Instant::now() + GONE_AFTER);
                        }
                        Reading::Unreadable => {}
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let now = Instant::now();
                let due: Vec<PathBuf> = missing
                    .iter()
                    .filter(|(_, at)| **at <= now)
                    .map(|(p, _)| p.clone())
                    .collect();
                for path in due {
                    missing.remove(&path);
                    match read_now(&path) {
                        Reading::Read(changed) => ready.push(*changed),
                        Reading::Missing => ready.push(gone(&path)),
                        Reading::Unreadable => {}
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        for changed in ready {
            if !send(changed) {
                return;
            }
        }
    }
}

/// An editor may take a file away for a moment while it writes it anew;
/// only a file still missing after this long is taken as gone.
const GONE_AFTER: Duration = Duration::from_millis(250);

/// What reading a changed file found.
enum Reading {
    Read(Box<Changed>),
    /// Not there (for now, perhaps).
    Missing,
    /// There, but not readable now: left until its next change.
    Unreadable,
}

/// Reads and loads a changed file. A file that is no longer there is
/// reported as such (the library shows it, and it cannot be saved to);
/// one that cannot be read now is left until its next change. A missing
/// file is looked at again after a moment, as the watcher does.
pub fn read(path: &Path) -> Option<Changed> {
    match read_now(path) {
        Reading::Read(changed) => Some(*changed),
        Reading::Unreadable => None,
        Reading::Missing => {
            thread::sleep(GONE_AFTER);
            match read_now(path) {
                Reading::Read(changed) => Some(*changed),
                Reading::Missing => Some(gone(path)),
                Reading::Unreadable => None,
            }
        }
    }
}

fn read_now(path: &Path) -> Reading {
    let Some(file) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Reading::Unreadable;
    };
    let text = match crate::store::safe_open::read_pathway_text(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Reading::Missing,
        Err(_) => return Reading::Unreadable,
    };
    let state = match load_str(&path.display().to_string(), &text) {
        Ok(p) => EntryState::Loaded(Box::new(p)),
        Err(d) => EntryState::Broken(d),
    };
    Reading::Read(Box::new(Changed {
        path: path.to_path_buf(),
        save: history::last_save_of(path, &text),
        gone: false,
        entry: Entry::new(file, Some(path.to_path_buf()), state),
        text,
    }))
}

/// A file that was removed or renamed away.
fn gone(path: &Path) -> Changed {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Changed {
        path: path.to_path_buf(),
        text: String::new(),
        save: None,
        gone: true,
        entry: Entry::new(
            file,
            Some(path.to_path_buf()),
            EntryState::Broken(vec![Diagnostic::whole_file(
                &path.display().to_string(),
                "this file is no longer there: it was removed or renamed on disk",
            )]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_save_by_someone_else_is_reported_with_its_content() {
        let lib = tempfile::tempdir().unwrap();
        let file = lib.path().join("p.yaml");
        std::fs::write(&file, "carepath: 1\nid: p\ntitle: One\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = spawn(lib.path(), move |c| tx.send(c).is_ok()).unwrap();
        let started = Instant::now();
        crate::store::persist::save::save_atomic(&file, b"carepath: 1\nid: p\ntitle: Two\n")
            .unwrap();
        let changed = rx.recv_timeout(Duration::from_secs(5)).expect("reported");
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(changed.path, file);
        assert_eq!(changed.entry.pathway().unwrap().title, "Two");
    }

    #[test]
    fn a_file_removed_and_written_anew_is_not_reported_gone() {
        let lib = tempfile::tempdir().unwrap();
        let file = lib.path().join("p.yaml");
        std::fs::write(&file, "carepath: 1\nid: p\ntitle: One\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = spawn(lib.path(), move |c| tx.send(c).is_ok()).unwrap();
        std::fs::remove_file(&file).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(&file, "carepath: 1\nid: p\ntitle: Two\n").unwrap();
        let mut seen = Vec::new();
        while let Ok(c) = rx.recv_timeout(Duration::from_millis(600)) {
            seen.push(c);
        }
        assert!(!seen.is_empty(), "the new text is reported");
        assert!(seen.iter().all(|c| !c.gone), "{seen:#?}");
        assert_eq!(seen.last().unwrap().entry.pathway().unwrap().title, "Two");
    }

    #[test]
    fn a_removed_file_is_reported_gone_and_others_changes_do_not_wait_for_it() {
        let lib = tempfile::tempdir().unwrap();
        let (a, b) = (lib.path().join("a.yaml"), lib.path().join("b.yaml"));
        std::fs::write(&a, "carepath: 1\nid: a\ntitle: A\n").unwrap();
        std::fs::write(&b, "carepath: 1\nid: b\ntitle: B\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = spawn(lib.path(), move |c| tx.send(c).is_ok()).unwrap();
        std::fs::remove_file(&a).unwrap();
        std::thread::sleep(Duration::from_millis(60));
        crate::store::persist::save::save_atomic(&b, b"carepath: 1\nid: b\ntitle: B2\n").unwrap();
        let first = rx.recv_timeout(Duration::from_secs(5)).expect("reported");
        assert_eq!(first.path, b, "b's save is not held up behind a's absence");
        let second = rx.recv_timeout(Duration::from_secs(5)).expect("reported");
        assert_eq!(second.path, a);
        assert!(second.gone);
    }
}
