//! Who is running carepath: the operating-system user, never a name from
//! the environment or a flag, because sign-offs and history say who did
//! what and must not be forgeable by typing another name.

use std::ffi::CStr;
use std::sync::OnceLock;

/// The person at this terminal, as the machine knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The login name (e.g. `asmith`).
    pub user: String,
    pub host: String,
    pub pid: u32,
}

/// The identity of this process, worked out once.
pub fn current() -> &'static Identity {
    static ME: OnceLock<Identity> = OnceLock::new();
    ME.get_or_init(|| Identity {
        user: user_name(),
        host: host_name(),
        pid: std::process::id(),
    })
}

/// The login name of the effective user, from the password database; the
/// number if the user has no entry (as in some containers).
fn user_name() -> String {
    user_of(rustix::process::geteuid().as_raw())
}

/// The login name of `uid` (the owner of a file, say), as [`current`]
/// would name that user.
pub fn user_of(uid: u32) -> String {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static NAMES: Mutex<Option<HashMap<u32, String>>> = Mutex::new(None);
    if let Ok(names) = NAMES.lock()
        && let Some(name) = names.as_ref().and_then(|n| n.get(&uid))
    {
        return name.clone();
    }
    let name = look_up(uid);
    if let Ok(mut names) = NAMES.lock() {
        names
            .get_or_insert_with(HashMap::new)
            .insert(uid, name.clone());
    }
    name
}

fn look_up(uid: u32) -> String {
    // SAFETY: getpwuid_r writes only into the buffers given, and the name
    // is read only when it reports success.
    unsafe {
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let mut buf = vec![0 as libc::c_char; 4096];
        let rc = libc::getpwuid_r(uid, &mut entry, buf.as_mut_ptr(), buf.len(), &mut found);
        if rc == 0 && !found.is_null() && !entry.pw_name.is_null() {
            return CStr::from_ptr(entry.pw_name).to_string_lossy().into_owned();
        }
        format!("uid-{uid}")
    }
}

/// The user id of login name `name`, from the password database.
pub fn uid_of(name: &str) -> Option<u32> {
    let c_name = std::ffi::CString::new(name).ok()?;
    // SAFETY: getpwnam_r writes only into the buffers given, and the entry
    // is read only when it reports success.
    unsafe {
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let mut buf = vec![0 as libc::c_char; 4096];
        let rc = libc::getpwnam_r(
            c_name.as_ptr(),
            &mut entry,
            buf.as_mut_ptr(),
            buf.len(),
            &mut found,
        );
        (rc == 0 && !found.is_null()).then_some(entry.pw_uid)
    }
}

fn host_name() -> String {
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: the buffer is valid for its length; gethostname
    // null-terminates on success when the name fits, and the last byte is
    // kept zero in case it does not.
    unsafe {
        if libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) == 0 {
            return CStr::from_ptr(buf.as_ptr()).to_string_lossy().into_owned();
        }
    }
    "localhost".into()
}

/// Whether a process of this host is running. A process of another user
/// answers EPERM, which means it is alive; one that has ended but is not
/// yet reaped by its parent (a zombie, as a session whose connection just
/// dropped can be for a while) is not.
#[cfg(unix)]
pub fn process_alive(pid: u32) -> bool {
    let Ok(id) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 checks for existence and sends nothing.
    let rc = unsafe { libc::kill(id, 0) };
    let exists = rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    exists && !is_zombie(pid)
}

/// The state letter in `/proc/PID/stat` (after the parenthesised name,
/// which may itself hold spaces and parentheses).
#[cfg(unix)]
fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let after = &s[s.rfind(')')? + 1..];
            after
                .split_whitespace()
                .next()
                .map(|st| st == "Z" || st == "X")
        })
        .unwrap_or(false)
}

#[cfg(not(unix))]
pub fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_is_the_one_the_system_reports() {
        let me = current();
        // `id -un` asks the same database in another way.
        let out = std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap();
        let expected = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert_eq!(me.user, expected);
        assert_eq!(me.pid, std::process::id());
        assert!(!me.host.is_empty());
    }

    #[test]
    fn an_ended_process_not_yet_reaped_is_not_alive() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // Not waited for: it stays a zombie until `wait`.
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!process_alive(pid));
        child.wait().unwrap();
        assert!(process_alive(std::process::id()));
    }
}
