//! Saves by several people at once: each save holds an advisory lock on
//! the pathway (a lock file in the library's `.carepath/locks/`) for just
//! the moment it reads, checks and writes, so no two saves interleave and
//! no change is lost. A lock held for longer than the wait (someone's
//! stuck process, or a member holding it on purpose) makes the save give
//! up with a message, never hang.

use std::fs::File;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rustix::fs::{FlockOperation, flock};

use crate::store::persist::saving::{Cancel, TELL_AFTER, Waiting};
use crate::store::safe_open::NewFolder;
use crate::store::shared;

/// How long a save waits for another save of the same file by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// Why the lock could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Another save held it for the whole wait.
    Busy(String),
    /// The lock file could not be made or opened.
    Unavailable(String),
    /// The user stopped waiting.
    Cancelled(String),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Busy(m) | LockError::Unavailable(m) | LockError::Cancelled(m) => {
                f.write_str(m)
            }
        }
    }
}

impl From<LockError> for String {
    fn from(e: LockError) -> String {
        e.to_string()
    }
}

/// Runs `f` while holding the lock for `file`, waiting up to
/// [`DEFAULT_WAIT`] for other savers.
pub fn with_lock<T>(file: &Path, f: impl FnOnce() -> T) -> Result<T, String> {
    with_lock_waiting(file, DEFAULT_WAIT, f).map_err(String::from)
}

/// Runs `f` while holding the lock for `file`, waiting up to `wait`.
pub fn with_lock_waiting<T>(
    file: &Path,
    wait: Duration,
    f: impl FnOnce() -> T,
) -> Result<T, LockError> {
    let never = Cancel::default();
    let waiting = Waiting {
        cancel: &never,
        limit: Some(wait),
        tell: &mut |_| {},
    };
    with_lock_watched(file, waiting, f)
}

/// Runs `f` while holding the lock for `file`, waiting as `waiting` says:
/// up to its limit (or until the user cancels), telling once, after
/// [`TELL_AFTER`], who the lock file says holds it. Whoever holds the lock
/// writes who they are into it, for those who wait.
pub fn with_lock_watched<T>(
    file: &Path,
    mut waiting: Waiting<'_>,
    f: impl FnOnce() -> T,
) -> Result<T, LockError> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let locks = shared::folder(&shared::library_of(file), "locks", NewFolder::Shared)
        .map_err(LockError::Unavailable)?;
    let lock_name = format!("{name}.lock");
    let path = locks.path().join(&lock_name);
    let held = locks
        .lock_file(&lock_name)
        .map_err(|e| LockError::Unavailable(shared::explain(&path, "open the lock", &e)))?;
    let holder = || {
        let bytes = locks.read(&lock_name, 256).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        let line = text.lines().next()?.trim();
        (!line.is_empty()).then(|| crate::text::clean(line).into_owned())
    };
    let mut held = match flock(&held, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => held,
        Err(rustix::io::Errno::WOULDBLOCK) => match wait_for(held, &mut waiting, &holder) {
            Ok(held) => held,
            Err(Waited::TimedOut) => {
                let who = holder()
                    .map(|h| format!("; the lock file says: {h}"))
                    .unwrap_or_default();
                return Err(LockError::Busy(format!(
                    "{}: another save of this file has held its lock for over {} s, so carepath gave up waiting; try again, or ask whoever is saving it (the lock is {}{who})",
                    file.display(),
                    waiting.limit.unwrap_or_default().as_secs_f32(),
                    path.display()
                )));
            }
            Err(Waited::Cancelled) => {
                return Err(LockError::Cancelled(
                    "the save was cancelled while it waited; your edits are kept, not saved".into(),
                ));
            }
            Err(Waited::Failed(e)) => {
                return Err(LockError::Unavailable(format!(
                    "{}: cannot take the lock: {e}",
                    path.display()
                )));
            }
        },
        Err(e) => {
            return Err(LockError::Unavailable(format!(
                "{}: cannot take the lock: {}",
                path.display(),
                std::io::Error::from(e)
            )));
        }
    };
    say_who_holds(&mut held);
    let out = f();
    // Closing the file releases the lock.
    drop(held);
    Ok(out)
}

/// How a wait for the lock ended without it.
enum Waited {
    TimedOut,
    Cancelled,
    Failed(std::io::Error),
}

/// How often a wait looks at whether it was cancelled or is to tell.
const SLICE: Duration = Duration::from_millis(50);

/// Waits in the kernel's queue for the lock (first come, first served,
/// unlike polling), looking every [`SLICE`] at whether the user cancelled,
/// the limit passed, or it is time to say who holds it. The waiting thread
/// that gets the lock after nobody waits any more finds nobody to hand it
/// to, and closing the file releases it at once.
fn wait_for(
    file: File,
    waiting: &mut Waiting<'_>,
    holder: &dyn Fn() -> Option<String>,
) -> Result<File, Waited> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let got = loop {
            match flock(&file, FlockOperation::LockExclusive) {
                Err(rustix::io::Errno::INTR) => continue,
                other => break other,
            }
        };
        // If nobody is waiting any more, the file (and lock) is dropped.
        let _ = tx.send(got.map(|()| file));
    });
    let start = Instant::now();
    let mut told = false;
    loop {
        match rx.recv_timeout(SLICE) {
            Ok(Ok(file)) => return Ok(file),
            Ok(Err(e)) => return Err(Waited::Failed(e.into())),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Waited::Failed(std::io::Error::other("the wait ended")));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if waiting.cancel.is_cancelled() {
            return Err(Waited::Cancelled);
        }
        let waited = start.elapsed();
        if waiting.limit.is_some_and(|limit| waited >= limit) {
            return Err(Waited::TimedOut);
        }
        if !told && waited >= TELL_AFTER {
            told = true;
            (waiting.tell)(holder());
        }
    }
}

/// Writes who holds the lock into the lock file, for those who wait (as
/// the lock file's word, which is how they are told it). Best effort: a
/// lock file opened read-only still locks.
fn say_who_holds(file: &mut File) {
    use std::io::{Seek, Write};
    let me = crate::store::team::identity::current();
    let line = format!("{} on {} (process {})\n", me.user, me.host, me.pid);
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = file.write_all(line.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_held_elsewhere_times_out_with_a_message() {
        let lib = tempfile::tempdir().unwrap();
        let file = lib.path().join("p.yaml");
        let inner = with_lock(&file, || {
            with_lock_waiting(&file, Duration::from_millis(100), || ())
        })
        .unwrap();
        match inner {
            Err(LockError::Busy(m)) => assert!(m.contains("gave up waiting"), "{m}"),
            other => panic!("expected a timeout, got {other:?}"),
        }
        assert!(with_lock_waiting(&file, Duration::from_millis(100), || ()).is_ok());
    }
}
