//! Saves by several people at once: each save holds an advisory lock on
//! the pathway (a lock file in the library's `.carepath/locks/`) for just
//! the moment it reads, checks and writes, so no two saves interleave and
//! no change is lost.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::shared;

fn lock_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    shared::dir(&shared::library_of(file))
        .join("locks")
        .join(format!("{name}.lock"))
}

/// Runs `f` while holding the lock for `file`, waiting for other savers
/// for as long as it takes.
pub fn with_lock<T>(file: &Path, f: impl FnOnce() -> T) -> Result<T, String> {
    let never = super::saving::Cancel::default();
    let waiting = super::saving::Waiting {
        cancel: &never,
        limit: None,
        tell: &mut |_| {},
    };
    with_lock_waiting(file, waiting, f)
}

/// How often a waiting save tries the lock again.
const RETRY: Duration = Duration::from_millis(20);

/// Runs `f` while holding the lock for `file`. While another process holds
/// it, waits (never blocking in the kernel, so the wait can end): until
/// the lock is free, the user cancels, or the limit passes. Whoever holds
/// the lock writes who they are into it, so a waiting user can be told.
pub fn with_lock_waiting<T>(
    file: &Path,
    waiting: super::saving::Waiting<'_>,
    f: impl FnOnce() -> T,
) -> Result<T, String> {
    let path = lock_path(file);
    if let Some(dir) = path.parent() {
        shared::make_dir(dir)?;
    }
    // Created with the usual mode less the umask, so a shared group can use
    // it. A lock file someone else made without group write (umask 022)
    // still locks when opened for reading: the lock is on the file, not
    // its content.
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .or_else(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied => OpenOptions::new().read(true).open(&path),
            _ => Err(e),
        })
        .map_err(|e| shared::explain(&path, "open the lock", &e))?;
    let mut lock = fd_lock::RwLock::new(file);
    let start = Instant::now();
    let mut told = false;
    loop {
        match lock.try_write() {
            Ok(mut guard) => {
                say_who_holds(&mut guard);
                return Ok(f());
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(format!("{}: cannot take the lock: {e}", path.display())),
        }
        if waiting.cancel.is_cancelled() {
            return Err("the save was cancelled; your edits are kept, not saved".into());
        }
        let waited = start.elapsed();
        if let Some(limit) = waiting.limit
            && waited >= limit
        {
            let who = holder(&path)
                .map(|h| format!(" ({h} holds it)"))
                .unwrap_or_default();
            return Err(format!(
                "someone else's save has held this pathway for {} s{who}; nothing was written",
                waited.as_secs()
            ));
        }
        if !told && waited >= super::saving::TELL_AFTER {
            told = true;
            (waiting.tell)(holder(&path));
        }
        std::thread::sleep(RETRY);
    }
}

/// Writes who holds the lock into the lock file, for those who wait.
/// Best effort: a lock file opened read-only still locks.
fn say_who_holds(file: &mut std::fs::File) {
    use std::io::{Seek, Write};
    let me = super::identity::current();
    let line = format!("{} on {} (process {})\n", me.user, me.host, me.pid);
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = file.write_all(line.as_bytes());
}

/// Who the lock file says holds it, cleaned for the screen.
fn holder(path: &Path) -> Option<String> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut text = String::new();
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()
        .filter(|f| f.metadata().is_ok_and(|m| m.is_file()))?
        .take(200)
        .read_to_string(&mut text)
        .ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| crate::text::clean(line).into_owned())
}
