//! The library index: the list's summaries kept between starts, so a
//! second start of a large library shows the whole list at once and reads
//! only the files that changed. It lives in the user's state folder (never
//! in the shared library), one file per library, written atomically and
//! readable by its owner only.
//!
//! A record is used only while its file has the same size and
//! modification time as when it was read, and that time is not so close to
//! when the index was written that a later change could share it; a file
//! whose size or time changed is read again, and its summary kept only if
//! the content hash is unchanged. The index is trusted for the list and
//! nothing else: a pathway is always read from its file when opened.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use super::index_format::{self, Header};
use crate::store::library::summary::Summary;

/// Bumped when the record's shape changes; an index of another version is
/// ignored and rebuilt.
const VERSION: u32 = 3;

/// A file changed within this long before the index was written might
/// change again without its time changing (coarse file-system clocks).
const RACY: Duration = Duration::from_secs(2);

/// The content hash kept in a record: the first 128 bits of SHA-256.
pub type Hash = [u8; 16];

/// One file as it was when summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The file's name in the library folder.
    pub file: String,
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime: u128,
    /// The content hash ([`hash`]).
    pub hash: Hash,
    pub summary: Arc<Summary>,
}

/// The records of an index as read, in file-name order.
#[derive(Debug, Default)]
pub struct Index {
    records: Vec<Record>,
    written: u128,
}

/// Nanoseconds since 1970 of a time (0 before then).
pub fn nanos(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// The content hash of a file's bytes.
pub fn hash(bytes: &[u8]) -> Hash {
    let digest = Sha256::digest(bytes);
    let mut out = [0; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the indexes are kept: beside the journals, in the state folder
/// (`CAREPATH_STATE_DIR` when set).
pub fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(crate::store::persist::journal::STATE_DIR_ENV) {
        return Some(PathBuf::from(d).join("library-index"));
    }
    let dirs = directories::ProjectDirs::from("", "", "carepath")?;
    Some(
        dirs.state_dir()
            .unwrap_or(dirs.data_local_dir())
            .join("library-index"),
    )
}

/// The library folder as the index names it: its absolute path.
pub fn library_name(folder: &Path) -> String {
    std::fs::canonicalize(folder)
        .unwrap_or_else(|_| folder.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// The index file of the library in `folder`, named from its absolute path.
pub fn path_for(dir: &Path, folder: &Path) -> PathBuf {
    let name = hex(&hash(library_name(folder).as_bytes()));
    dir.join(format!("{name}{SUFFIX}"))
}

/// How an index file's name ends.
const SUFFIX: &str = ".index";

/// The bytes of the index file at `path`, if it is a plain file of the
/// user's own (an index is trusted for the list, so one planted by
/// somebody else is not read).
fn read_own(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || !owned_by_me(&meta) {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

#[cfg(unix)]
pub(super) fn owned_by_me(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() == rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
pub(super) fn owned_by_me(_: &std::fs::Metadata) -> bool {
    true
}

impl Index {
    /// Reads an index; a missing, unreadable, damaged or other-version
    /// index is an empty one.
    pub fn read(path: &Path) -> Index {
        let Some(bytes) = read_own(path) else {
            return Index::default();
        };
        let Some((header, rest)) = index_format::header(&bytes) else {
            return Index::default();
        };
        if header.version != VERSION {
            return Index::default();
        }
        let Some(mut records) = index_format::records(rest) else {
            return Index::default();
        };
        if !records.is_sorted_by(|a, b| a.file < b.file) {
            records.sort_by(|a, b| a.file.cmp(&b.file));
            records.dedup_by(|a, b| a.file == b.file);
        }
        Index {
            records,
            written: header.written,
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Takes the records of the files named out of the index, one for
    /// each name (`None` for a file it does not know). The names come in
    /// the order of their bytes, as the library folder is listed, so the
    /// two lists are walked side by side.
    pub fn take_sorted<'a>(
        &mut self,
        names: impl Iterator<Item = &'a [u8]>,
    ) -> Vec<Option<Record>> {
        let mut records = std::mem::take(&mut self.records).into_iter().peekable();
        names
            .map(|name| {
                while records.next_if(|r| r.file.as_bytes() < name).is_some() {}
                records.next_if(|r| r.file.as_bytes() == name)
            })
            .collect()
    }

    /// Whether `record` is of the file as it is now, of this size and
    /// modification time: unchanged since it was summarised.
    pub fn is_fresh(&self, record: &Record, size: u64, mtime: u128) -> bool {
        record.size == size && record.mtime == mtime && mtime + RACY.as_nanos() < self.written
    }
}

/// Writes `records` (in file-name order) as the index of the library in
/// `folder` at `path`, atomically (a reader sees the old index or the
/// new, never half) and readable by the owner only.
pub fn write(path: &Path, folder: &Path, records: &[Record]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    let header = Header {
        version: VERSION,
        written: nanos(SystemTime::now()),
        library: library_name(folder),
    };
    // A named temporary file is created 0600 and stays so once renamed.
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMPORARY)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        index_format::encode(&mut out, &header, records)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    super::index_clean::clean(dir, path, VERSION);
    Ok(())
}

/// How the temporary file of an index being written starts.
const TEMPORARY: &str = ".index";

#[cfg(test)]
mod tests {
    use super::*;

    fn record(file: &str, mtime: u128) -> Record {
        let (name, bytes) = crate::store::library::builtin::examples()[0];
        let p = crate::store::read::load::load_bytes(name, bytes).unwrap();
        Record {
            file: file.into(),
            size: 10,
            mtime,
            hash: hash(b"x"),
            summary: Arc::new(Summary::of(&p)),
        }
    }

    fn names<'a>(files: &'a [&str]) -> impl Iterator<Item = &'a [u8]> {
        files.iter().map(|f| f.as_bytes())
    }

    #[test]
    fn an_index_reads_back_what_was_written_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("lib.index");
        let written = [record("a.yaml", 5), record("b.yaml", 6)];
        write(&path, dir.path(), &written).unwrap();
        let mut index = Index::read(&path);
        assert_eq!(index.len(), 2);
        let got = index.take_sorted(names(&["0.yaml", "a.yaml", "ab.yaml", "b.yaml", "c.yaml"]));
        assert_eq!(
            got,
            vec![
                None,
                Some(written[0].clone()),
                None,
                Some(written[1].clone()),
                None
            ]
        );
        assert!(index.is_fresh(&written[0], 10, 5));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_changed_size_or_time_or_a_recent_time_means_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.index");
        let now = nanos(SystemTime::now());
        let (old, new) = (record("a.yaml", 5), record("new.yaml", now));
        write(&path, dir.path(), &[old.clone(), new.clone()]).unwrap();
        let index = Index::read(&path);
        assert!(index.is_fresh(&old, 10, 5));
        assert!(!index.is_fresh(&old, 11, 5));
        assert!(!index.is_fresh(&old, 10, 6));
        assert!(!index.is_fresh(&new, 10, now));
    }

    #[test]
    fn a_damaged_index_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.index");
        std::fs::write(&path, "not an index\n").unwrap();
        assert!(Index::read(&path).is_empty());
        write(
            &path,
            dir.path(),
            &[record("a.yaml", 5), record("b.yaml", 6)],
        )
        .unwrap();
        let whole = std::fs::read(&path).unwrap();
        // Cut short anywhere, or with a byte changed in a length, it reads
        // as no index (never a crash, never a huge allocation).
        for cut in (0..whole.len()).step_by(7) {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert!(Index::read(&path).is_empty(), "cut at {cut}");
        }
        for at in (0..whole.len()).step_by(5) {
            let mut bad = whole.clone();
            bad[at] ^= 0xff;
            std::fs::write(&path, &bad).unwrap();
            let _ = Index::read(&path);
        }
    }

    #[test]
    fn indexes_of_libraries_gone_of_other_versions_or_beyond_the_newest_are_removed() {
        let state = tempfile::tempdir().unwrap();
        let dir = state.path().join("library-index");
        let libraries: Vec<tempfile::TempDir> = (0..super::super::index_clean::KEEP + 3)
            .map(|_| tempfile::tempdir().unwrap())
            .collect();
        let mut paths = Vec::new();
        for lib in &libraries {
            let path = path_for(&dir, lib.path());
            write(&path, lib.path(), &[record("a.yaml", 5)]).unwrap();
            paths.push(path);
        }
        // Written one after the other: the last KEEP stay.
        let there = |p: &PathBuf| p.exists();
        assert_eq!(
            paths.iter().filter(|p| there(p)).count(),
            super::super::index_clean::KEEP
        );
        assert!(there(paths.last().unwrap()));
        assert!(!there(&paths[0]));
        // An index of a library that is gone goes; an older carepath's
        // JSON index goes; a file not named as an index stays.
        let gone = tempfile::tempdir().unwrap();
        let gone_index = path_for(&dir, gone.path());
        write(&gone_index, gone.path(), &[record("a.yaml", 5)]).unwrap();
        drop(gone);
        let old = dir.join(format!("{}.jsonl", "0".repeat(32)));
        std::fs::write(&old, "{}\n").unwrap();
        let other = dir.join("notes.txt");
        std::fs::write(&other, "mine").unwrap();
        let last = paths.last().unwrap();
        write(
            last,
            libraries.last().unwrap().path(),
            &[record("a.yaml", 5)],
        )
        .unwrap();
        assert!(!there(&gone_index));
        assert!(!old.exists());
        assert!(other.exists());
        assert!(there(last));
    }
}
