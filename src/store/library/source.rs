//! Where the library comes from and how it is read: a folder, one file, or
//! the built-in examples. Reading happens off the UI thread, on every core,
//! and reports in batches, so the first screen shows at once even for
//! thousands of files. The list keeps a summary of each pathway, not the
//! whole document; the library index lets a second start skip the files
//! that did not change.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

use rayon::prelude::*;

use crate::model::Pathway;

use crate::store::config::Config;
use crate::store::library::builtin;
use crate::store::library::index::{self, Index, Record};
use crate::store::library::summary::{Keys, Summary};
use crate::store::read::load::{self, Diagnostic};
use crate::store::safe_open::{Library, Stamp};

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
    state: EntryState,
    /// What the list shows, worked out once (not on every frame).
    summary: Option<Arc<Summary>>,
    /// What the list sorts and filters on, worked out once.
    keys: Keys,
    /// Different for every entry made or changed, so the list can tell
    /// which entries changed since it was put in order.
    stamp: u64,
}

#[derive(Debug, Clone)]
pub enum EntryState {
    /// Read for the list: its summary only. The whole pathway is read
    /// when it is opened.
    Listed(Arc<Summary>),
    Loaded(Box<Pathway>),
    /// It did not load; carepath never writes to it.
    Broken(Vec<Diagnostic>),
}

fn next_stamp() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Entry {
    pub fn new(file: String, path: Option<PathBuf>, state: EntryState) -> Entry {
        let summary = summary_of(&state);
        let keys = Keys::new(&file, summary.as_deref());
        Entry {
            file,
            path,
            state,
            summary,
            keys,
            stamp: next_stamp(),
        }
    }

    pub fn state(&self) -> &EntryState {
        &self.state
    }

    /// Replaces what is known of the file (after a save, or once read whole).
    pub fn set_state(&mut self, state: EntryState) {
        self.summary = summary_of(&state);
        self.keys = Keys::new(&self.file, self.summary.as_deref());
        self.state = state;
        self.stamp = next_stamp();
    }

    /// The whole pathway, once read whole (opened, or read by a command).
    pub fn pathway(&self) -> Option<&Pathway> {
        match &self.state {
            EntryState::Loaded(p) => Some(p),
            EntryState::Listed(_) | EntryState::Broken(_) => None,
        }
    }

    /// What the library list shows; `None` for a broken file.
    pub fn summary(&self) -> Option<&Summary> {
        self.summary.as_deref()
    }

    pub fn is_broken(&self) -> bool {
        matches!(self.state, EntryState::Broken(_))
    }

    pub fn problems(&self) -> &[Diagnostic] {
        match &self.state {
            EntryState::Broken(d) => d,
            EntryState::Listed(_) | EntryState::Loaded(_) => &[],
        }
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    pub fn stamp(&self) -> u64 {
        self.stamp
    }
}

fn summary_of(state: &EntryState) -> Option<Arc<Summary>> {
    match state {
        EntryState::Listed(s) => Some(s.clone()),
        EntryState::Loaded(p) => Some(Arc::new(Summary::of(p))),
        EntryState::Broken(_) => None,
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
        Source::Folder(dir) => crate::store::library::scan_folder(dir)
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

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn read(item: &Item) -> Entry {
    match item {
        Item::Disk(path) => Entry::new(
            file_name(path),
            Some(path.clone()),
            state(load::load_file(path)),
        ),
        Item::Builtin(name, bytes) => {
            Entry::new(name.to_string(), None, state(load::load_bytes(name, bytes)))
        }
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

/// Reads the whole library now, every pathway whole, in file-name order.
pub fn load_all(source: &Source) -> Result<Vec<Entry>, String> {
    Ok(list(source)?.par_iter().map(read).collect())
}

/// How many entries a background load sends first: few, so the first
/// rows show at once. Each batch after is twice as large, up to
/// [`LAST_BATCH`], so a large library arrives in a few dozen batches and
/// the list is put in order a few dozen times, not once per file.
const FIRST_BATCH: usize = 64;
const LAST_BATCH: usize = 8192;

/// The summary of a pathway file's bytes for the list, or what is wrong
/// with it. The limits every command applies come first; then the
/// YAML's events are scanned for what the list shows, and a file the scan
/// is not sure of is read whole.
fn summarise(name: &str, bytes: &[u8]) -> Result<Arc<Summary>, Vec<Diagnostic>> {
    let text = crate::store::read::input::check(name, bytes).map_err(|d| vec![d])?;
    let stem = name
        .rsplit(['/', '\\'])
        .next()
        .and_then(|n| n.strip_suffix(".yaml").or_else(|| n.strip_suffix(".yml")));
    if let Some(s) = super::summary_scan::scan(stem, text) {
        return Ok(Arc::new(s));
    }
    load::load_bytes(name, bytes).map(|p| Arc::new(Summary::of(&p)))
}

/// A file of a folder library read for the list, with its index record
/// when it loaded. The file is read through the library folder held open
/// (one open a file), else on its own.
fn list_file(
    library: Option<&Library>,
    path: &Path,
    known: Option<&Record>,
) -> (Entry, Option<Record>) {
    let file = file_name(path);
    let broken = |d| {
        (
            Entry::new(
                file.clone(),
                Some(path.to_path_buf()),
                EntryState::Broken(d),
            ),
            None,
        )
    };
    let name = path.display().to_string();
    let read = match (library, path.file_name()) {
        (Some(lib), Some(n)) => lib.read(n),
        _ => load::read_capped(path)
            .map_err(std::io::Error::other)
            .and_then(|b| {
                let meta = std::fs::metadata(path)?;
                let stamp = Stamp {
                    size: meta.len(),
                    mtime: meta.modified().map_or(0, index::nanos),
                };
                Ok((b, stamp))
            }),
    };
    let (bytes, stamp) = match read {
        Ok(r) => r,
        Err(e) if library.is_some() => {
            return broken(vec![Diagnostic::whole_file(
                &name,
                load::io_problem(path, &e),
            )]);
        }
        Err(e) => return broken(vec![Diagnostic::whole_file(&name, e.to_string())]),
    };
    let hash = index::hash(&bytes);
    let summary = match known {
        Some(r) if r.hash == hash => r.summary.clone(),
        _ => match summarise(&name, &bytes) {
            Ok(s) => s,
            Err(d) => return broken(d),
        },
    };
    let record = Record {
        file: file.clone(),
        size: stamp.size,
        mtime: stamp.mtime,
        hash,
        summary: summary.clone(),
    };
    (
        Entry::new(file, Some(path.to_path_buf()), EntryState::Listed(summary)),
        Some(record),
    )
}

/// Lists a folder library: first every file the index knows unchanged, in
/// one batch, then the others as they are read; then keeps the index.
fn load_folder<M: Send>(
    dir: &Path,
    mut paths: Vec<PathBuf>,
    tx: &mpsc::Sender<M>,
    wrap: fn(LoadEvent) -> M,
) {
    let index_path = index::dir().map(|d| index::path_for(&d, dir));
    let mut old = index_path.as_deref().map(Index::read).unwrap_or_default();
    let known_before = old.len();
    let library = Library::open(dir).ok();
    // The index's record of each file (the folder is listed in name
    // order, as the index is kept).
    let mut known = match &library {
        Some(_) if !old.is_empty() => old.take_sorted(
            paths
                .iter()
                .map(|p| p.file_name().unwrap_or_default().as_encoded_bytes()),
        ),
        _ => Vec::new(),
    };
    known.resize_with(paths.len(), || None);
    // Which of them are of the file unchanged: a look at each file's size
    // and time, without opening it.
    let fresh: Vec<bool> = match &library {
        Some(lib) => paths
            .par_iter()
            .zip(&known)
            .map(|(path, record)| {
                record.as_ref().is_some_and(|r| {
                    lib.stamp(path.file_name().unwrap_or_default())
                        .is_some_and(|s| old.is_fresh(r, s.size, s.mtime))
                })
            })
            .collect(),
        None => vec![false; paths.len()],
    };
    let mut records: Vec<Record> = Vec::with_capacity(paths.len());
    let mut listed = Vec::new();
    let mut stale = Vec::new();
    for (i, record) in known.iter_mut().enumerate() {
        if fresh[i] {
            listed.push(i);
            records.extend(record.take());
        } else {
            stale.push(i);
        }
    }
    let changed = !stale.is_empty() || known_before != records.len();
    if !records.is_empty() {
        // The paths of the files listed now are not needed again; nor are
        // their records, when the index needs no rewriting.
        let listed: Vec<PathBuf> = listed
            .iter()
            .map(|&i| std::mem::take(&mut paths[i]))
            .collect();
        let entry = |(r, path): (&Record, PathBuf)| {
            Entry::new(
                r.file.clone(),
                Some(path),
                EntryState::Listed(r.summary.clone()),
            )
        };
        let mut entries: Vec<Entry> = if changed {
            records.par_iter().zip(listed).map(entry).collect()
        } else {
            std::mem::take(&mut records)
                .into_par_iter()
                .zip(listed)
                .map(|(r, path)| Entry::new(r.file, Some(path), EntryState::Listed(r.summary)))
                .collect()
        };
        // In the list's first order (by title), on every core, so that
        // the list puts them in order in one pass.
        entries.par_sort_by(|a, b| {
            a.keys()
                .title()
                .cmp(b.keys().title())
                .then_with(|| a.file.cmp(&b.file))
        });
        if tx.send(wrap(LoadEvent::Loaded(entries))).is_err() {
            return;
        }
    }
    let mut at = 0;
    let mut size = FIRST_BATCH;
    while at < stale.len() {
        let part = &stale[at..(at + size).min(stale.len())];
        // Read on every core; collected in file-name order.
        let read: Vec<(Entry, Option<Record>)> = part
            .par_iter()
            .map(|&i| list_file(library.as_ref(), &paths[i], known[i].as_ref()))
            .collect();
        let mut entries = Vec::with_capacity(read.len());
        for (entry, record) in read {
            entries.push(entry);
            records.extend(record);
        }
        if tx.send(wrap(LoadEvent::Loaded(entries))).is_err() {
            return;
        }
        at += part.len();
        size = (size * 2).min(LAST_BATCH);
    }
    drop(known);
    if let (true, Some(path)) = (changed, index_path) {
        records.par_sort_unstable_by(|a, b| a.file.cmp(&b.file));
        // The index only saves time: a library that cannot keep one still
        // loads, just as slowly as the first time.
        let _ = index::write(&path, dir, &records);
    }
}

/// Reads the library on background threads, reporting through `tx`. Stops
/// early if the receiver has gone.
pub fn spawn_load<M: Send + 'static>(
    source: Source,
    tx: mpsc::Sender<M>,
    wrap: fn(LoadEvent) -> M,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        background_priority();
        // Reading has its own threads, at background priority like this
        // one, so that the screen answers keys at once during a long load.
        match rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("carepath-read-{i}"))
            .start_handler(|_| background_priority())
            .build()
        {
            Ok(pool) => pool.install(|| load(source, &tx, wrap)),
            Err(_) => load(source, &tx, wrap),
        }
    })
}

/// Lowers the calling thread's priority (on Linux, priority is per thread).
fn background_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers and changes only the
    // niceness of the calling thread (`who` 0); it cannot touch memory.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

fn load<M: Send>(source: Source, tx: &mpsc::Sender<M>, wrap: fn(LoadEvent) -> M) {
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
    match source {
        Source::Folder(dir) => {
            let paths = items
                .into_iter()
                .filter_map(|i| match i {
                    Item::Disk(p) => Some(p),
                    Item::Builtin(..) => None,
                })
                .collect();
            load_folder(&dir, paths, tx, wrap);
        }
        // One file, or the few built-in examples: read whole at once.
        Source::File(_) | Source::Builtin => {
            let entries = items.par_iter().map(read).collect();
            if tx.send(wrap(LoadEvent::Loaded(entries))).is_err() {
                return;
            }
        }
    }
    let _ = tx.send(wrap(LoadEvent::Done));
}
