//! A missing permission on a shared library is explained in words, and
//! nothing is written. Needs to run as root, to act as another user; as
//! anyone else it says so and checks nothing.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

fn as_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn saving_without_write_access_says_what_to_ask_for() {
    if !as_root() || Command::new("setpriv").arg("--help").output().is_err() {
        eprintln!("skipped: needs root and setpriv to act as another user");
        return;
    }
    let lib = tempfile::tempdir().unwrap();
    std::fs::set_permissions(lib.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let file = lib.path().join("discharge-to-care-home.yaml");
    std::fs::copy("pathways/discharge-to-care-home.yaml", &file).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = std::fs::read_to_string(&file).unwrap();

    // Someone outside the library's group.
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_carepath"))
        .env("CAREPATH_CONFIG_DIR", lib.path())
        .args(["set", file.to_str().unwrap(), "title", "Changed"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "could not run: {stderr}");
    assert!(stderr.contains("permission denied"), "{stderr}");
    assert!(stderr.contains("needs write access"), "{stderr}");
    assert!(stderr.contains(".carepath"), "names the folder: {stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}
