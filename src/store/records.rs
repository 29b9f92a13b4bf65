//! Sign-offs kept on this server only, for users who have no SSH key yet:
//! each user's records are in `.carepath/signoffs/USER.jsonl`, a file only
//! they can write. A record counts only when the file belongs to the user
//! it is named for and nobody else can write it, so another member of the
//! group can neither write one for them nor change theirs. A record says
//! nothing outside this server: a copied pathway's entry is then unsigned.

use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::SignOff;

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
    super::shared::dir(library).join("signoffs")
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
/// error in words when the file is there but cannot be believed.
pub fn load(library: &Path, user: &str) -> Result<Vec<Record>, String> {
    let Some(file) = file_of(library, user) else {
        return Ok(Vec::new());
    };
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&file);
    let f = match opened {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(format!(
                "{} is a link, not {user}'s own file",
                file.display()
            ));
        }
        Err(e) => return Err(format!("{}: {e}", file.display())),
    };
    let meta = f.metadata().map_err(|e| e.to_string())?;
    let theirs = super::identity::uid_of(user);
    if !meta.is_file() || Some(meta.uid()) != theirs {
        return Err(format!(
            "{} does not belong to {user}, so it is not their record",
            file.display()
        ));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(format!(
            "{} can be written by others than {user}, so it is not only their record ({user} can fix it with: chmod go-w {})",
            file.display(),
            file.display()
        ));
    }
    let mut text = String::new();
    f.take(MAX_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

/// Adds `record` to the running user's own records file, made theirs and
/// writable by them only.
pub fn append(library: &Path, record: &Record) -> Result<(), String> {
    let file = file_of(library, &record.by)
        .ok_or_else(|| format!("\"{}\" cannot name a records file", record.by))?;
    let dir = folder(library);
    if !dir.exists() {
        super::shared::make_dir(&dir)?;
        // Sticky, as /tmp: in a folder the group can write, nobody can
        // remove or rename another's file.
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1775));
    }
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&file)
        .map_err(|e| super::shared::explain(&file, "keep your sign-off record", &e))?;
    let meta = f.metadata().map_err(|e| e.to_string())?;
    // SAFETY: geteuid cannot fail.
    let me = unsafe { libc::geteuid() };
    if !meta.is_file() || meta.uid() != me {
        return Err(format!(
            "{} is not your own file (someone else made it), so your record cannot be kept there; ask the library's owner to remove it",
            file.display()
        ));
    }
    let _ = f.set_permissions(std::fs::Permissions::from_mode(0o644));
    let mut line = serde_json::to_string(record).map_err(|e| e.to_string())?;
    line.push('\n');
    f.write_all(line.as_bytes())
        .map_err(|e| super::shared::explain(&file, "keep your sign-off record", &e))
}
