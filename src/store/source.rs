//! Where the library comes from and how it is read: a folder, one file, or
//! the built-in examples. Reading happens off the UI thread and reports in
//! batches, so the first screen shows at once even for thousands of files.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;

use crate::model::Pathway;

use super::builtin;
use super::config::Config;
use super::load::{self, Diagnostic};

/// What the app or a command was asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Folder(PathBuf),
    File(PathBuf),
    Builtin,
}

impl Source {
    /// The path named on the command line, else `./pathways`, else the
    /// configured library, else the built-in examples.
    pub fn resolve(arg: Option<&Path>, cwd: &Path, config: &Config) -> Result<Source, String> {
        if let Some(arg) = arg {
            return if arg.is_dir() {
                Ok(Source::Folder(arg.to_path_buf()))
            } else if arg.is_file() {
                Ok(Source::File(arg.to_path_buf()))
            } else {
                Err(format!(
                    "{}: there is no such file or folder",
                    arg.display()
                ))
            };
        }
        let local = cwd.join("pathways");
        if local.is_dir() {
            return Ok(Source::Folder(PathBuf::from("pathways")));
        }
        if let Some(lib) = &config.library {
            return if lib.is_dir() {
                Ok(Source::Folder(lib.clone()))
            } else {
                Err(format!(
                    "{}: the library named in the config file is not a folder",
                    lib.display()
                ))
            };
        }
        Ok(Source::Builtin)
    }

    /// How the library is named on screen.
    pub fn label(&self) -> String {
        match self {
            Source::Folder(p) | Source::File(p) => p.display().to_string(),
            Source::Builtin => "built-in examples".to_string(),
        }
    }

    /// The built-in examples are read-only: edits need a folder of one's own.
    pub fn is_builtin(&self) -> bool {
        matches!(self, Source::Builtin)
    }
}

/// One file of the library: a pathway, or a broken file with what is wrong.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file name, for display and sorting.
    pub file: String,
    /// Where it is on disk; `None` for built-in examples.
    pub path: Option<PathBuf>,
    pub state: EntryState,
}

#[derive(Debug, Clone)]
pub enum EntryState {
    Loaded(Box<Pathway>),
    /// It did not load; carepath never writes to it.
    Broken(Vec<Diagnostic>),
}

impl Entry {
    pub fn pathway(&self) -> Option<&Pathway> {
        match &self.state {
            EntryState::Loaded(p) => Some(p),
            EntryState::Broken(_) => None,
        }
    }

    pub fn problems(&self) -> &[Diagnostic] {
        match &self.state {
            EntryState::Loaded(_) => &[],
            EntryState::Broken(d) => d,
        }
    }
}

/// Progress reports from a background load.
#[derive(Debug)]
pub enum LoadEvent {
    /// The folder was listed: this many files will follow.
    Listed(usize),
    Loaded(Vec<Entry>),
    Done,
    /// The library could not be read at all.
    Failed(String),
}

/// What to read: a path on disk or built-in bytes.
enum Item {
    Disk(PathBuf),
    Builtin(&'static str, &'static [u8]),
}

fn list(source: &Source) -> Result<Vec<Item>, String> {
    Ok(match source {
        Source::Folder(dir) => super::library::scan_folder(dir)
            .map_err(|e| format!("{}: cannot read the library folder: {e}", dir.display()))?
            .into_iter()
            .map(Item::Disk)
            .collect(),
        Source::File(f) => vec![Item::Disk(f.clone())],
        Source::Builtin => builtin::examples()
            .into_iter()
            .map(|(n, b)| Item::Builtin(n, b))
            .collect(),
    })
}

fn read(item: &Item) -> Entry {
    match item {
        Item::Disk(path) => Entry {
            file: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            path: Some(path.clone()),
            state: state(load::load_file(path)),
        },
        Item::Builtin(name, bytes) => Entry {
            file: name.to_string(),
            path: None,
            state: state(load::load_bytes(name, bytes)),
        },
    }
}

fn state(result: Result<Pathway, Vec<Diagnostic>>) -> EntryState {
    match result {
        Ok(p) => EntryState::Loaded(Box::new(p)),
        Err(d) => EntryState::Broken(d),
    }
}

/// Reads one pathway file on disk as a library entry.
pub fn read_file(path: &Path) -> Entry {
    read(&Item::Disk(path.to_path_buf()))
}

/// Reads the whole library now, in file-name order.
pub fn load_all(source: &Source) -> Result<Vec<Entry>, String> {
    Ok(list(source)?.iter().map(read).collect())
}

/// How many entries a background load sends at once: enough to keep the
/// number of redraws small, few enough that the screen fills in visibly.
const BATCH: usize = 64;

/// Reads the library on background threads, reporting through `tx`. Stops
/// early if the receiver has gone.
pub fn spawn_load<M: Send + 'static>(
    source: Source,
    tx: mpsc::Sender<M>,
    wrap: fn(LoadEvent) -> M,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let items = match list(&source) {
            Ok(items) => items,
            Err(e) => {
                let _ = tx.send(wrap(LoadEvent::Failed(e)));
                return;
            }
        };
        if tx.send(wrap(LoadEvent::Listed(items.len()))).is_err() {
            return;
        }
        let workers = thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let chunk = items.len().div_ceil(workers).max(1);
        thread::scope(|scope| {
            for part in items.chunks(chunk) {
                let tx = tx.clone();
                scope.spawn(move || {
                    for batch in part.chunks(BATCH) {
                        let entries = batch.iter().map(read).collect();
                        if tx.send(wrap(LoadEvent::Loaded(entries))).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        let _ = tx.send(wrap(LoadEvent::Done));
    })
}
