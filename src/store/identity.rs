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
    // SAFETY: geteuid cannot fail; getpwuid_r writes only into the buffers
    // given, and the name is read only when it reports success.
    unsafe {
        let uid = libc::geteuid();
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
/// answers EPERM, which means it is alive.
#[cfg(unix)]
pub fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 checks for existence and sends nothing.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
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
}
