//! Tidying the folder of library indexes: an index is kept per library
//! ever opened, so without tidying they pile up. After an index is
//! written, the others are looked at and removed when they can no longer
//! help: the library they list is gone, they are of another version of
//! the format (or the JSON lines of an older carepath), they do not read,
//! or they are beyond the newest [`KEEP`]. A temporary file left by a
//! write that was killed goes after a minute (so a write in progress is
//! never touched).
//!
//! Only files named as carepath names them, plain files of the user's
//! own, directly in that folder, are ever removed; links and anything
//! else are left alone. Removing an index only costs the next start of
//! its library the time of a first start.

use std::path::Path;
use std::time::{Duration, SystemTime};

use super::index::owned_by_me;
use super::index_format;

/// How many indexes are kept at most: a library opened now and then
/// keeps its index while fewer than this many others were used since.
pub const KEEP: usize = 16;

/// A temporary file older than this is left from a killed write.
const ABANDONED: Duration = Duration::from_secs(60);

/// How much of an index is read to find the library it lists.
const HEADER_BYTES: u64 = 8192;

/// What a file in the indexes' folder is, by its name.
enum Kind {
    Index,
    /// The JSON lines an older carepath wrote.
    OldIndex,
    Temporary,
}

fn kind(name: &str) -> Option<Kind> {
    let hex = |s: &str| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if let Some(stem) = name.strip_suffix(".index") {
        return hex(stem).then_some(Kind::Index);
    }
    if let Some(stem) = name.strip_suffix(".jsonl") {
        return hex(stem).then_some(Kind::OldIndex);
    }
    (name.starts_with(".index") && name.ends_with(".tmp")).then_some(Kind::Temporary)
}

/// Removes the indexes in `dir` that can no longer help, never `keep`
/// (the index just written). Returns how many were removed.
pub fn clean(dir: &Path, keep: &Path, version: u32) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut kept = Vec::new();
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path == keep {
            continue;
        }
        let Some(kind) = entry.file_name().to_str().and_then(kind) else {
            continue;
        };
        // Not followed: a link is not a file of ours.
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() || !owned_by_me(&meta) {
            continue;
        }
        let modified = meta.modified().unwrap_or(now);
        let gone = match kind {
            Kind::OldIndex => true,
            Kind::Temporary => now.duration_since(modified).unwrap_or_default() > ABANDONED,
            Kind::Index => match library_of(&path) {
                Some((v, library)) => v != version || !Path::new(&library).is_dir(),
                None => true,
            },
        };
        if gone {
            removed += usize::from(std::fs::remove_file(&path).is_ok());
        } else if matches!(kind, Kind::Index) {
            kept.push((modified, path));
        }
    }
    // The newest stay (the one just written is not counted among them
    // and always stays).
    kept.sort_by_key(|k| std::cmp::Reverse(k.0));
    for (_, path) in kept.iter().skip(KEEP.saturating_sub(1)) {
        removed += usize::from(std::fs::remove_file(path).is_ok());
    }
    removed
}

/// The version and library folder an index names in its header.
fn library_of(path: &Path) -> Option<(u32, String)> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut head = Vec::new();
    file.take(HEADER_BYTES).read_to_end(&mut head).ok()?;
    let (header, _) = index_format::header(&head)?;
    Some((header.version, header.library))
}
