//! A library whose `.git` the whole group can write: a member fills its
//! config, hooks and attributes with programs (and the shared repository
//! with hooks), hoping a colleague's carepath runs them. Syncing, reading
//! a pathway's history and an old version must run none of them, and
//! still work.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use carepath::text::yaml::edit::set_value;

const BIN: &str = env!("CARGO_BIN_EXE_carepath");
const FILE: &str = "discharge-to-care-home.yaml";

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Someone")
        .env("GIT_AUTHOR_EMAIL", "someone@example.invalid")
        .env("GIT_COMMITTER_NAME", "Someone")
        .env("GIT_COMMITTER_EMAIL", "someone@example.invalid")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn carepath(args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("carepath runs")
}

fn hostile_config(evil: &str, hooks: &str, include: &str) -> String {
    format!(
        r#"[core]
	fsmonitor = {evil}
	hooksPath = {hooks}
	pager = {evil}
	editor = {evil}
	sshCommand = {evil}
	askPass = {evil}
[gpg]
	program = {evil}
[gpg "ssh"]
	program = {evil}
[log]
	showSignature = true
[commit]
	gpgSign = true
[diff]
	external = {evil}
[diff "evil"]
	textconv = {evil}
	command = {evil}
[merge "evil"]
	driver = {evil} %O %A %B
[merge "carepath"]
	driver = {evil} %O %A %B
[filter "evil"]
	clean = {evil}
	smudge = {evil}
	process = {evil}
	required = true
[pager]
	log = {evil}
	show = {evil}
[credential]
	helper = !{evil}
[remote "origin"]
	uploadpack = {evil}
	receivepack = {evil}
[include]
	path = {include}
"#
    )
}

const HOOKS: &[&str] = &[
    "pre-commit",
    "prepare-commit-msg",
    "commit-msg",
    "post-commit",
    "pre-merge-commit",
    "post-merge",
    "pre-push",
    "reference-transaction",
    "post-checkout",
    "post-index-change",
    "pre-auto-gc",
    "fsmonitor-watchman",
    "pre-receive",
    "update",
    "post-receive",
    "post-update",
    "push-to-checkout",
];

#[test]
fn nothing_a_member_wrote_into_git_config_runs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let marker = d.join("MARKER");
    let evil = d.join("evil.sh");
    std::fs::write(
        &evil,
        format!(
            "#!/bin/sh\necho \"ran $0 $*\" >> '{}'\ncat\n",
            marker.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&evil, std::fs::Permissions::from_mode(0o755)).unwrap();

    let bare = d.join("shared.git");
    std::fs::create_dir_all(&bare).unwrap();
    git(&bare, &["init", "-q", "--bare", "-b", "main"]);
    let lib = d.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::copy(format!("pathways/{FILE}"), lib.join(FILE)).unwrap();
    let init = carepath(&[
        "init",
        "--git",
        lib.to_str().unwrap(),
        "--remote",
        bare.to_str().unwrap(),
    ]);
    assert!(init.status.success());
    assert!(carepath(&["sync", lib.to_str().unwrap()]).status.success());

    // Someone else's change waits in the shared repository.
    let other = d.join("other");
    git(
        d,
        &[
            "clone",
            "-q",
            bare.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    let t = std::fs::read_to_string(other.join(FILE)).unwrap();
    std::fs::write(
        other.join(FILE),
        set_value(&t, "steps.handover-call.owner", "oakview").unwrap(),
    )
    .unwrap();
    git(&other, &["commit", "-qam", "the home owns the call"]);
    git(&other, &["push", "-q", "origin", "main"]);

    // The hostile member's work.
    let e = evil.to_str().unwrap();
    let hooks = lib.join(".git/evilhooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::create_dir_all(lib.join(".git/hooks")).unwrap();
    for h in HOOKS {
        for folder in [&hooks, &lib.join(".git/hooks"), &bare.join("hooks")] {
            std::fs::copy(&evil, folder.join(h)).unwrap();
        }
    }
    let include = d.join("included");
    std::fs::write(
        &include,
        format!("[sequence]\n\teditor = {e}\n[core]\n\tpager = {e}\n"),
    )
    .unwrap();
    let mut config = std::fs::read_to_string(lib.join(".git/config")).unwrap();
    config.push_str(&hostile_config(
        e,
        hooks.to_str().unwrap(),
        include.to_str().unwrap(),
    ));
    std::fs::write(lib.join(".git/config"), config).unwrap();
    std::fs::create_dir_all(lib.join(".git/info")).unwrap();
    std::fs::write(
        lib.join(".git/info/attributes"),
        "* filter=evil diff=evil\nnotes.txt merge=evil\n",
    )
    .unwrap();
    std::fs::write(bare.join("config"), {
        let mut c = std::fs::read_to_string(bare.join("config")).unwrap();
        c.push_str(&format!("[core]\n\tfsmonitor = {e}\n\thooksPath = {e}\n"));
        c
    })
    .unwrap();

    // A colleague edits, syncs, and looks at the pathway's history.
    let t = std::fs::read_to_string(lib.join(FILE)).unwrap();
    std::fs::write(
        lib.join(FILE),
        set_value(&t, "steps.handover-call.title", "Handover call, every time").unwrap(),
    )
    .unwrap();
    let out = carepath(&["sync", lib.to_str().unwrap()]);
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let log = carepath::store::git::log(&lib.join(FILE));
    let first = log.as_ref().ok().and_then(|l| l.last().cloned());
    let old = first
        .as_ref()
        .map(|c| carepath::store::git::show(&lib.join(FILE), &c.hash));

    assert!(
        !marker.exists(),
        "ran: {}",
        std::fs::read_to_string(&marker).unwrap_or_default()
    );
    assert_eq!(out.status.code(), Some(0), "{said}");
    let merged = carepath::store::read::load::load_file(&lib.join(FILE)).unwrap();
    let call = merged.step("handover-call").unwrap();
    assert_eq!(call.owner.as_deref(), Some("oakview"));
    assert_eq!(call.title, "Handover call, every time");
    assert!(log.unwrap().len() >= 3);
    assert!(old.unwrap().unwrap().starts_with("# Discharge"));
}

#[test]
fn a_key_that_cannot_be_switched_off_stops_git_rather_than_running_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let marker = d.join("MARKER");
    let evil = d.join("evil.sh");
    std::fs::write(
        &evil,
        format!("#!/bin/sh\necho ran >> '{}'\ncat\n", marker.display()),
    )
    .unwrap();
    std::fs::set_permissions(&evil, std::fs::Permissions::from_mode(0o755)).unwrap();
    let lib = d.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::copy(format!("pathways/{FILE}"), lib.join(FILE)).unwrap();
    assert!(
        carepath(&["init", "--git", lib.to_str().unwrap()])
            .status
            .success()
    );
    // `-c filter.a=b.clean=` would name the key `filter.a`.
    let mut config = std::fs::read_to_string(lib.join(".git/config")).unwrap();
    config.push_str(&format!(
        "[filter \"a=b\"]\n\tclean = {e}\n\tsmudge = {e}\n",
        e = evil.display()
    ));
    std::fs::write(lib.join(".git/config"), config).unwrap();
    std::fs::write(lib.join(".gitattributes"), "* filter=a=b\n").unwrap();
    let out = carepath(&["sync", lib.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot switch off"));
    assert!(carepath::store::git::log(&lib.join(FILE)).is_err());
    assert!(!marker.exists());
}
