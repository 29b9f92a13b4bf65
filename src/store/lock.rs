//! Saves by several people at once: each save holds an advisory lock on
//! the pathway (a lock file in the library's `.carepath/locks/`) for just
//! the moment it reads, checks and writes, so no two saves interleave and
//! no change is lost. A lock held for longer than the wait (someone's
//! stuck process, or a member holding it on purpose) makes the save give
//! up with a message, never hang.

use std::fs::File;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use rustix::fs::{FlockOperation, flock};

use super::safe_open::NewFolder;
use super::shared;

/// How long a save waits for another save of the same file by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// Why the lock could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Another save held it for the whole wait.
    Busy(String),
    /// The lock file could not be made or opened.
    Unavailable(String),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Busy(m) | LockError::Unavailable(m) => f.write_str(m),
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
    let held = match flock(&held, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => held,
        Err(rustix::io::Errno::WOULDBLOCK) => wait_for(held, wait).map_err(|e| match e {
            None => LockError::Busy(format!(
                "{}: another save of this file has held its lock for over {} s, so carepath gave up waiting; try again, or ask whoever is saving it (the lock is {})",
                file.display(),
                wait.as_secs_f32(),
                path.display()
            )),
            Some(e) => LockError::Unavailable(format!("{}: cannot take the lock: {e}", path.display())),
        })?,
        Err(e) => {
            return Err(LockError::Unavailable(format!(
                "{}: cannot take the lock: {}",
                path.display(),
                std::io::Error::from(e)
            )));
        }
    };
    let out = f();
    // Closing the file releases the lock.
    drop(held);
    Ok(out)
}

/// Waits in the kernel's queue for the lock (first come, first served,
/// unlike polling), for at most `wait`: `None` when the time ran out. The
/// waiting thread that gets the lock after the time ran out finds nobody
/// to hand it to, and closing the file releases it at once.
fn wait_for(file: File, wait: Duration) -> Result<File, Option<std::io::Error>> {
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
    match rx.recv_timeout(wait) {
        Ok(Ok(file)) => Ok(file),
        Ok(Err(e)) => Err(Some(e.into())),
        Err(_) => Err(None),
    }
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
