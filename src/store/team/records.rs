//! Sign-offs kept on this server only, for users who have no SSH key yet:
//! each user's records are in `.carepath/signoffs/USER.jsonl`, a file only
//! they can write. A record counts only when the file belongs to the user
//! it is named for and nobody else can write it, so another member of the
//! group can neither write one for them nor change theirs. A record says
//! nothing outside this server: a copied pathway's entry is then unsigned.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::SignOff;
use crate::store::safe_open::{self, NewFile, NewFolder};

/// A user's records file is small: one line per sign-off.
const MAX_BYTES: u64 = 1024 * 1024;

/// One sign-off, as its user recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub pathway: String,
    pub participant: String,
    pub by: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub digest: String,
}

impl Record {
    /// Whether this record is of sign-off `s`.
    pub fn is_of(&self, s: &SignOff) -> bool {
        self.participant == s.participant
            && self.by == s.by
            && self.at == s.at
            && self.digest == s.digest
    }
}

/// The folder of the records.
pub fn folder(library: &Path) -> PathBuf {
    crate::store::shared::dir(library).join("signoffs")
}

fn file_of(library: &Path, user: &str) -> Option<PathBuf> {
    // A user name that could leave the folder names no file.
    let plain = !user.is_empty()
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        && !user.starts_with('.');
    plain.then(|| folder(library).join(format!("{user}.jsonl")))
}

/// The records of `user` in `library`: none when there is no file; an
/// error in words when the file is there but cannot be believed. Read
/// through [`safe_open`]: no link followed, no pipe, never more than
/// [`MAX_BYTES`].
pub fn load(library: &Path, user: &str) -> Result<Vec<Record>, String> {
    let Some(file) = file_of(library, user) else {
        return Ok(Vec::new());
    };
    let name = format!("{user}.jsonl");
    let opened = safe_open::Folder::open(library)
        .and_then(|l| l.sub(Path::new(crate::store::shared::DIR), NewFolder::No))
        .and_then(|c| c.sub(Path::new("signoffs"), NewFolder::No));
    let dir = match opened {
        Ok(dir) => dir,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", folder(library).display())),
    };
    let st = match dir.stat(&name) {
        Ok(st) => st,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", file.display())),
    };
    let theirs = crate::store::team::identity::uid_of(user);
    if Some(st.st_uid) != theirs {
        return Err(format!(
            "{} does not belong to {user}, so it is not their record",
            file.display()
        ));
    }
    if st.st_mode & 0o022 != 0 {
        return Err(format!(
            "{} can be written by others than {user}, so it is not only their record ({user} can fix it with: chmod go-w {})",
            file.display(),
            file.display()
        ));
    }
    let bytes = dir.read(&name, MAX_BYTES).map_err(|e| {
        if e.raw_os_error() == Some(libc::ELOOP) {
            format!("{} is a link, not {user}'s own file", file.display())
        } else {
            format!("{}: {e}", file.display())
        }
    })?;
    Ok(String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

/// Adds `record` to the running user's own records file, made theirs and
/// writable by them only, in a sticky folder (as /tmp: in a folder the
/// group can write, nobody can remove or rename another's file).
pub fn append(library: &Path, record: &Record) -> Result<(), String> {
    let file = file_of(library, &record.by)
        .ok_or_else(|| format!("\"{}\" cannot name a records file", record.by))?;
    let dir = crate::store::shared::folder(library, "signoffs", NewFolder::Sticky)?;
    let mut line = serde_json::to_string(record).map_err(|e| e.to_string())?;
    line.push('\n');
    dir.append_own(format!("{}.jsonl", record.by), line.as_bytes(), NewFile::OwnRecord)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::PermissionDenied || e.to_string().contains("belongs to someone else") {
                format!(
                    "{} is not your own file (someone else made it), so your record cannot be kept there; ask the library's owner to remove it",
                    file.display()
                )
            } else {
                crate::store::shared::explain(&file, "keep your sign-off record", &e)
            }
        })
}
