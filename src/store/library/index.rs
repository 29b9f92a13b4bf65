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

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::summary::Summary;

/// Bumped when the record's shape changes; an index of another version is
/// ignored and rebuilt.
const VERSION: u32 = 2;

/// A file changed within this long before the index was written might
/// change again without its time changing (coarse file-system clocks).
const RACY: Duration = Duration::from_secs(2);

/// One file as it was when summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The file's name in the library folder.
    pub file: String,
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime: u128,
    /// The content hash ([`hash`]).
    pub hash: String,
    #[serde(with = "shared")]
    pub summary: Arc<Summary>,
}

/// A summary shared with the list it was read for, written as itself.
mod shared {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::store::summary::Summary;

    pub fn serialize<S: Serializer>(s: &Arc<Summary>, out: S) -> Result<S::Ok, S::Error> {
        s.as_ref().serialize(out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Arc<Summary>, D::Error> {
        Summary::deserialize(input).map(Arc::new)
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    carepath_index: u32,
    /// When the index was written, nanoseconds since 1970.
    written: u128,
}

/// The records of an index as read, by file name.
#[derive(Debug, Default)]
pub struct Index {
    records: HashMap<String, Record>,
    written: u128,
}

/// What the index says of a file on disk now.
pub enum Lookup<'a> {
    /// Unchanged since it was summarised.
    Fresh(&'a Record),
    /// Changed, or not known: read it (the record, if any, may still
    /// match by content hash).
    Read(Option<&'a Record>),
}

/// Nanoseconds since 1970 of a time (0 before then).
pub fn nanos(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// The content hash kept in a record: the first 128 bits of SHA-256, hex.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the indexes are kept: beside the journals, in the state folder
/// (`CAREPATH_STATE_DIR` when set).
pub fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(crate::store::journal::STATE_DIR_ENV) {
        return Some(PathBuf::from(d).join("library-index"));
    }
    let dirs = directories::ProjectDirs::from("", "", "carepath")?;
    Some(
        dirs.state_dir()
            .unwrap_or(dirs.data_local_dir())
            .join("library-index"),
    )
}

/// The index file of the library in `folder`, named from its absolute path.
pub fn path_for(dir: &Path, folder: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    let name = hash(abs.to_string_lossy().as_bytes());
    dir.join(format!("{}.jsonl", &name[..32]))
}

impl Index {
    /// Reads an index; a missing, unreadable or other-version index is an
    /// empty one, and a line that does not read is skipped.
    pub fn read(path: &Path) -> Index {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Index::default();
        };
        let mut lines = text.lines();
        let Some(header) = lines
            .next()
            .and_then(|l| serde_json::from_str::<Header>(l).ok())
        else {
            return Index::default();
        };
        if header.carepath_index != VERSION {
            return Index::default();
        }
        let lines: Vec<&str> = lines.collect();
        let records = lines
            .par_iter()
            .filter_map(|l| serde_json::from_str::<Record>(l).ok())
            .map(|r| (r.file.clone(), r))
            .collect();
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

    /// The record of `file`, whatever its state.
    pub fn get(&self, file: &str) -> Option<&Record> {
        self.records.get(file)
    }

    /// Takes the record of `file` out of the index.
    pub fn take(&mut self, file: &str) -> Option<Record> {
        self.records.remove(file)
    }

    /// What to do with `file`, of this size and modification time.
    pub fn lookup(&self, file: &str, size: u64, mtime: u128) -> Lookup<'_> {
        let record = self.records.get(file);
        match record {
            Some(r)
                if r.size == size && r.mtime == mtime && mtime + RACY.as_nanos() < self.written =>
            {
                Lookup::Fresh(r)
            }
            _ => Lookup::Read(record),
        }
    }
}

/// Writes `records` as the index at `path`, atomically (a reader sees the
/// old index or the new, never half) and readable by the owner only.
pub fn write(path: &Path, records: &[Record]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    // A named temporary file is created 0600 and stays so once renamed.
    let mut tmp = tempfile::Builder::new()
        .prefix(".index")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        let header = Header {
            carepath_index: VERSION,
            written: nanos(SystemTime::now()),
        };
        serde_json::to_writer(&mut out, &header)?;
        out.write_all(b"\n")?;
        for r in records {
            serde_json::to_writer(&mut out, r)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(file: &str, mtime: u128) -> Record {
        let (name, bytes) = crate::store::builtin::examples()[0];
        let p = crate::store::load::load_bytes(name, bytes).unwrap();
        Record {
            file: file.into(),
            size: 10,
            mtime,
            hash: hash(b"x"),
            summary: Arc::new(Summary::of(&p)),
        }
    }

    #[test]
    fn an_index_reads_back_what_was_written_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("lib.jsonl");
        write(&path, &[record("a.yaml", 5), record("b.yaml", 6)]).unwrap();
        let index = Index::read(&path);
        assert_eq!(index.len(), 2);
        assert!(matches!(index.lookup("a.yaml", 10, 5), Lookup::Fresh(_)));
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
        let path = dir.path().join("lib.jsonl");
        let now = nanos(SystemTime::now());
        write(&path, &[record("a.yaml", 5), record("new.yaml", now)]).unwrap();
        let index = Index::read(&path);
        assert!(matches!(
            index.lookup("a.yaml", 11, 5),
            Lookup::Read(Some(_))
        ));
        assert!(matches!(
            index.lookup("a.yaml", 10, 6),
            Lookup::Read(Some(_))
        ));
        assert!(matches!(
            index.lookup("new.yaml", 10, now),
            Lookup::Read(Some(_))
        ));
        assert!(matches!(
            index.lookup("other.yaml", 10, 5),
            Lookup::Read(None)
        ));
    }

    #[test]
    fn a_damaged_index_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.jsonl");
        std::fs::write(&path, "not json\n{}\n").unwrap();
        assert!(Index::read(&path).is_empty());
    }
}
