//! Watching the library folder, so that a pathway saved by someone else
//! appears in every open session within a second. Files are read and
//! loaded here, off the UI thread, and handed over whole.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::history;
use super::library::is_pathway_file;
use super::load::{Diagnostic, load_str};
use super::source::{Entry, EntryState};

/// A pathway file as it is on disk after someone changed it.
#[derive(Debug)]
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

/// Changes arriving within this long of each other are taken as one (an
/// editor writing a file in several steps).
const SETTLE: Duration = Duration::from_millis(30);

/// Watches `library`, calling `send` with each changed pathway file until
/// `send` returns false. The returned watcher must be kept: dropping it
/// stops the watching.
pub fn spawn(
    library: &Path,
    send: impl Fn(Changed) -> bool + Send + 'static,
) -> Result<notify::RecommendedWatcher, String> {
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if !matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
        ) {
            return;
        }
        for path in event.paths {
            if is_pathway_file(&path) {
                let _ = tx.send(path);
            }
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
    thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut paths = BTreeSet::from([first]);
            while let Ok(more) = rx.recv_timeout(SETTLE) {
                paths.insert(more);
            }
            for path in paths {
                let Some(changed) = read(&path) else { continue };
                if !send(changed) {
                    return;
                }
            }
        }
    });
    Ok(watcher)
}

/// An editor may take a file away for a moment while it writes it anew;
/// only a file still missing after this long is taken as gone.
const GONE_AFTER: Duration = Duration::from_millis(250);

/// Reads and loads a changed file. A file that is no longer there is
/// reported as such (the library shows it, and it cannot be saved to);
/// one that cannot be read now is left until its next change.
pub fn read(path: &Path) -> Option<Changed> {
    let file = path.file_name()?.to_string_lossy().into_owned();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            thread::sleep(GONE_AFTER);
            if path.exists() {
                return read(path);
            }
            return Some(Changed {
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
            });
        }
        Err(_) => return None,
    };
    let state = match load_str(&path.display().to_string(), &text) {
        Ok(p) => EntryState::Loaded(Box::new(p)),
        Err(d) => EntryState::Broken(d),
    };
    Some(Changed {
        path: path.to_path_buf(),
        save: history::last_save_of(path, &text),
        gone: false,
        entry: Entry::new(file, Some(path.to_path_buf()), state),
        text,
    })
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
        super::super::save::save_atomic(&file, b"carepath: 1\nid: p\ntitle: Two\n").unwrap();
        let changed = rx.recv_timeout(Duration::from_secs(5)).expect("reported");
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(changed.path, file);
        assert_eq!(changed.entry.pathway().unwrap().title, "Two");
    }
}
