//! A hostile member of a library's group, replayed against the real
//! binary: another Unix user in the same group puts links, named pipes,
//! huge files and forged records where carepath keeps its data, and a
//! colleague then works as usual. Each attack must end with nothing
//! written outside the library, nothing read from outside it, no command
//! taking over 2 s, and any forgery reported.
//!
//! Making the users needs root: those tests are ignored unless asked for
//! (`.ci/run` runs them as root with `--ignored`), and they fail loudly
//! when asked for by anyone else. The escape-sequence tests need no
//! second user and always run.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_carepath");
const GROUP: &str = "cphostile";
const ALICE: &str = "cphostile-alice";
const MALLORY: &str = "cphostile-mallory";
const ROOT_ONLY: &str = "needs root to create a second user; .ci/run runs it as root";

/// A small pathway that loads.
fn pathway(id: &str, title: &str) -> String {
    format!("carepath: 1\nid: {id}\ntitle: {title}\n")
}

struct Users {
    gid: u32,
    alice: u32,
    mallory: u32,
}

fn id_of(flag: &str, name: &str) -> u32 {
    let out = Command::new("id").args([flag, name]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// The group and its two members, made once.
fn users() -> &'static Users {
    static USERS: OnceLock<Users> = OnceLock::new();
    USERS.get_or_init(|| {
        assert!(
            rustix::process::geteuid().is_root(),
            "these tests make Unix users and must run as root"
        );
        let ok = |c: &mut Command| {
            let s = c.status().unwrap();
            // 9: the user or group is there already.
            assert!(s.success() || s.code() == Some(9), "{c:?}: {s}");
        };
        ok(Command::new("groupadd").args(["-f", GROUP]));
        for user in [ALICE, MALLORY] {
            if !Command::new("id")
                .arg(user)
                .output()
                .unwrap()
                .status
                .success()
            {
                ok(Command::new("useradd").args([
                    "-M",
                    "-N",
                    "-g",
                    GROUP,
                    "-s",
                    "/usr/sbin/nologin",
                    user,
                ]));
            }
        }
        Users {
            gid: id_of("-g", ALICE),
            alice: id_of("-u", ALICE),
            mallory: id_of("-u", MALLORY),
        }
    })
}

/// A command run as `uid` in the shared group, with the umask 002 the
/// README's sharing recipe asks for.
fn as_user(uid: u32, program: &str, args: &[&str]) -> Command {
    let u = users();
    let mut c = Command::new("setpriv");
    c.arg(format!("--reuid={uid}"))
        .arg(format!("--regid={}", u.gid))
        .arg(format!("--groups={}", u.gid))
        .args(["sh", "-c", "umask 002; exec \"$0\" \"$@\"", program])
        .args(args)
        .env("HOME", "/nonexistent")
        .env("CAREPATH_CONFIG_DIR", "/nonexistent")
        .env("CAREPATH_STATE_DIR", "/nonexistent");
    c
}

/// Runs `c`, killing it after 5 s; fails when it took over 2 s.
fn within_2s(mut c: Command) -> Output {
    let start = Instant::now();
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(2),
        "{c:?} took {took:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Alice runs carepath.
fn alice(args: &[&str]) -> Output {
    within_2s(as_user(users().alice, BIN, args))
}

/// Mallory runs a shell script in the library.
fn mallory(lib: &Path, script: &str) {
    let mut c = as_user(users().mallory, "sh", &["-c", script]);
    c.current_dir(lib);
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A library as the README sets one up: owned by root, the group's,
/// setgid, writable by the group; with one pathway.
fn library() -> tempfile::TempDir {
    let u = users();
    let lib = tempfile::tempdir().unwrap();
    std::fs::write(lib.path().join("p.yaml"), pathway("p", "First")).unwrap();
    for path in [lib.path().to_path_buf(), lib.path().join("p.yaml")] {
        std::os::unix::fs::chown(&path, Some(0), Some(u.gid)).unwrap();
    }
    std::fs::set_permissions(lib.path(), std::fs::Permissions::from_mode(0o2775)).unwrap();
    std::fs::set_permissions(
        lib.path().join("p.yaml"),
        std::fs::Permissions::from_mode(0o664),
    )
    .unwrap();
    lib
}

/// Alice's home: private, with a login script and a private pathway.
fn home() -> tempfile::TempDir {
    let u = users();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".bashrc"), "# alice's\n").unwrap();
    std::fs::write(
        home.path().join("private.yaml"),
        pathway("q", "Secret plan"),
    )
    .unwrap();
    std::fs::set_permissions(
        home.path().join("private.yaml"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    for entry in std::fs::read_dir(home.path()).unwrap() {
        std::os::unix::fs::chown(entry.unwrap().path(), Some(u.alice), Some(u.gid)).unwrap();
    }
    std::os::unix::fs::chown(home.path(), Some(u.alice), Some(u.gid)).unwrap();
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    home
}

/// Every file under `dir` with its content.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                todo.push(p);
            } else if m.is_file() {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Everything carepath keeps in `.carepath/`, as text.
fn shared_state(lib: &Path) -> String {
    snapshot(&lib.join(".carepath"))
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn a_history_log_linked_to_a_login_script_is_never_written_through() {
    let _ = ROOT_ONLY;
    let (lib, home) = (library(), home());
    let bashrc = home.path().join(".bashrc");
    mallory(
        lib.path(),
        &format!(
            "mkdir -p .carepath/history/p && ln -s {b} .carepath/history/p/{ALICE}.jsonl && ln -s {b} .carepath/history/p.jsonl",
            b = bashrc.display()
        ),
    );
    let before = snapshot(home.path());
    let file = lib.path().join("p.yaml");
    let out = alice(&["set", file.to_str().unwrap(), "title", "Second"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(snapshot(home.path()), before, "nothing written in the home");
    assert!(std::fs::read_to_string(&file).unwrap().contains("Second"));
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn a_history_folder_linked_into_a_home_is_refused() {
    let (lib, home) = (library(), home());
    let target = home.path().join("notes");
    std::fs::create_dir(&target).unwrap();
    std::os::unix::fs::chown(&target, Some(users().alice), Some(users().gid)).unwrap();
    mallory(
        lib.path(),
        &format!(
            "mkdir -p .carepath/history && ln -s {} .carepath/history/p",
            target.display()
        ),
    );
    let before = snapshot(home.path());
    let file = lib.path().join("p.yaml");
    let out = alice(&["set", file.to_str().unwrap(), "title", "Second"]);
    // Saved; the history could not be kept, and that is said.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("history could not be kept"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("link"), "{}", stderr(&out));
    assert_eq!(snapshot(home.path()), before);
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn a_lock_linked_into_a_home_creates_nothing_there() {
    let (lib, home) = (library(), home());
    let planted = home.path().join("planted");
    mallory(
        lib.path(),
        &format!(
            "mkdir -p .carepath/locks && ln -s {} .carepath/locks/p.yaml.lock",
            planted.display()
        ),
    );
    let file = lib.path().join("p.yaml");
    let out = alice(&["set", file.to_str().unwrap(), "title", "Second"]);
    // The link is removed, never followed, and the lock made anew.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!planted.exists(), "no file made in the home");
    let lock = lib.path().join(".carepath/locks/p.yaml.lock");
    assert!(std::fs::symlink_metadata(lock).unwrap().is_file());
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn a_pipe_as_a_lock_blocks_no_save() {
    let lib = library();
    mallory(
        lib.path(),
        "mkdir -p .carepath/locks && mkfifo .carepath/locks/p.yaml.lock",
    );
    let file = lib.path().join("p.yaml");
    let out = alice(&["set", file.to_str().unwrap(), "title", "Second"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn a_pathway_linked_to_a_private_file_is_not_read() {
    let (lib, home) = (library(), home());
    mallory(
        lib.path(),
        &format!(
            "ln -s {} q.yaml",
            home.path().join("private.yaml").display()
        ),
    );
    let out = alice(&["check", lib.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("outside the library"), "{}", text(&out));
    let q = lib.path().join("q.yaml");
    let out = alice(&["set", q.to_str().unwrap(), "title", "Copied"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!text(&out).contains("Secret plan"));
    if lib.path().join(".carepath").exists() {
        assert!(!shared_state(lib.path()).contains("Secret plan"));
    }
    assert!(
        std::fs::read_to_string(home.path().join("private.yaml"))
            .unwrap()
            .contains("Secret plan")
    );
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn a_pathway_linked_inside_the_library_is_saved_through_the_link() {
    let lib = library();
    mallory(
        lib.path(),
        "mkdir kept && mv p.yaml kept/p.yaml && ln -s kept/p.yaml p.yaml",
    );
    let file = lib.path().join("p.yaml");
    let out = alice(&["set", file.to_str().unwrap(), "title", "Through"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&file).unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(lib.path().join("kept/p.yaml"))
            .unwrap()
            .contains("Through")
    );
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn a_read_only_pathway_is_not_replaced() {
    let lib = library();
    let file = lib.path().join("p.yaml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read_to_string(&file).unwrap();
    let out = alice(&["set", file.to_str().unwrap(), "title", "Mine"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    assert_eq!(std::fs::metadata(&file).unwrap().uid(), 0, "still root's");
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn named_pipes_stall_nobody() {
    let lib = library();
    mallory(
        lib.path(),
        &format!(
            "mkfifo pipe.yaml people.yaml && mkdir -p .carepath/presence .carepath/history/p && mkfifo .carepath/rejected-suggestions.yaml .carepath/presence/h-1.json .carepath/history/p/{ALICE}.jsonl"
        ),
    );
    let out = alice(&["check", lib.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("named pipe"), "{}", text(&out));
    let file = lib.path().join("p.yaml");
    let out = alice(&["compare", file.to_str().unwrap()]);
    assert!(out.status.code().is_some(), "{}", text(&out));
    let out = alice(&["set", file.to_str().unwrap(), "title", "Piped"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let start = Instant::now();
    let _ = carepath::store::team::presence::others(lib.path(), "here", 1, chrono::Utc::now());
    let _ = carepath::store::persist::history::saves(&file);
    let _ = carepath::store::team::people::People::load(lib.path());
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn gigabyte_files_are_refused_unread() {
    let lib = library();
    mallory(
        lib.path(),
        &format!(
            "truncate -s 1G big.yaml people.yaml && mkdir -p .carepath/presence .carepath/history/p && truncate -s 1G .carepath/presence/h-1.json .carepath/history/p/{MALLORY}.jsonl .carepath/rejected-suggestions.yaml"
        ),
    );
    let out = alice(&["check", lib.path().to_str().unwrap()]);
    assert!(text(&out).contains("up to 8 MiB"), "{}", text(&out));
    let file = lib.path().join("p.yaml");
    let out = alice(&["set", file.to_str().unwrap(), "title", "Big"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let start = Instant::now();
    assert!(carepath::store::team::people::People::load(lib.path()).is_err());
    let _ = carepath::store::team::presence::others(lib.path(), "here", 1, chrono::Utc::now());
    let saves = carepath::store::persist::history::saves(&file).unwrap();
    assert!(saves.cut, "only the newest part of a huge log is read");
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn a_lock_held_forever_makes_set_give_up_in_words() {
    let lib = library();
    mallory(
        lib.path(),
        "mkdir -p .carepath/locks && touch .carepath/locks/p.yaml.lock",
    );
    let lock = lib.path().join(".carepath/locks/p.yaml.lock");
    let mut holder = as_user(
        users().mallory,
        "flock",
        &[lock.to_str().unwrap(), "sleep", "20"],
    )
    .spawn()
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let file = lib.path().join("p.yaml");
    let out = alice(&[
        "set",
        "--wait",
        "1",
        file.to_str().unwrap(),
        "title",
        "Waited",
    ]);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("gave up waiting"), "{}", stderr(&out));
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn history_in_a_colleagues_name_is_left_out_and_reported() {
    let lib = library();
    let file = lib.path().join("p.yaml");
    // Mallory takes Alice's log name first, and writes a save as her.
    let forged = format!(
        "{{\"at\":\"2026-11-01T10:00:00Z\",\"by\":\"{ALICE}\",\"summary\":[\"title: changed\"],\"changes\":1,\"before\":\"a\",\"after\":\"b\"}}"
    );
    mallory(
        lib.path(),
        &format!(
            "mkdir -p .carepath/history/p && echo '{forged}' > .carepath/history/p/{ALICE}.jsonl && echo '{forged}' > .carepath/history/p/{MALLORY}.jsonl"
        ),
    );
    // Alice's own save still counts, under another name of hers.
    let out = alice(&["set", file.to_str().unwrap(), "title", "Hers"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let saves = carepath::store::persist::history::saves(&file).unwrap();
    assert_eq!(saves.entries.len(), 1, "{:?}", saves.entries);
    assert_eq!(saves.entries[0].by, ALICE);
    assert_eq!(saves.forged.len(), 2, "{:?}", saves.forged);
    assert!(
        saves
            .forged
            .iter()
            .all(|f| f.contains(&format!("claim to be by {ALICE}")))
    );
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn presence_in_a_colleagues_name_is_ignored_and_reported_once() {
    let lib = library();
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
    let json = format!(
        "{{\"user\":\"{ALICE}\",\"name\":\"Dr Alice\",\"host\":\"elsewhere\",\"pid\":7,\"screen\":\"steps\",\"heartbeat\":\"{now}\"}}"
    );
    mallory(
        lib.path(),
        &format!(
            "mkdir -p .carepath/presence && echo '{json}' > .carepath/presence/elsewhere-7.json"
        ),
    );
    let seen = carepath::store::team::presence::others(lib.path(), "here", 1, chrono::Utc::now());
    assert!(seen.is_empty(), "{seen:?}");
    let reported = carepath::store::team::presence::new_forgeries();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(reported[0].contains(MALLORY), "{}", reported[0]);
    let _ = carepath::store::team::presence::others(lib.path(), "here", 1, chrono::Utc::now());
    assert!(
        carepath::store::team::presence::new_forgeries().is_empty(),
        "said once"
    );
}

#[test]
#[ignore = "needs root to create a second user; .ci/run runs it as root"]
fn the_first_user_without_setgid_leaves_a_clear_permission_message() {
    let lib = library();
    // A library without setgid: .carepath/ ends up in Mallory's own,
    // private group and mode.
    std::fs::set_permissions(lib.path(), std::fs::Permissions::from_mode(0o775)).unwrap();
    mallory(lib.path(), "mkdir -m 700 .carepath");
    let file = lib.path().join("p.yaml");
    let out = alice(&["set", file.to_str().unwrap(), "title", "Blocked"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("permission denied"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("chmod"),
        "says what to run: {}",
        stderr(&out)
    );
}

/// Deep nesting and oversized files cost little in every command. (This
/// needs no second user.)
#[test]
fn deep_nesting_and_huge_files_are_refused_quickly_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.yaml");
    std::fs::write(
        &deep,
        format!("carepath: 1\nid: deep\ntitle: {}\n", "[".repeat(400_000)),
    )
    .unwrap();
    let big = dir.path().join("big.yaml");
    let mut f = std::fs::File::create(&big).unwrap();
    f.write_all(pathway("big", "Big").as_bytes()).unwrap();
    f.write_all(format!("# {}\n", "x".repeat(9 * 1024 * 1024)).as_bytes())
        .unwrap();
    drop(f);
    let ok = dir.path().join("ok.yaml");
    std::fs::write(&ok, pathway("ok", "Fine")).unwrap();
    for file in [&deep, &big] {
        let f = file.to_str().unwrap();
        let runs: Vec<Vec<&str>> = vec![
            vec!["check", f],
            vec!["set", f, "title", "X"],
            vec!["diff", f, ok.to_str().unwrap()],
            vec!["compare", f],
            vec!["merge", ok.to_str().unwrap(), ok.to_str().unwrap(), f],
        ];
        for args in runs {
            let before = std::fs::metadata(file).unwrap().len();
            let out = within_2s({
                let mut c = Command::new(BIN);
                c.args(&args);
                c
            });
            assert_ne!(out.status.code(), Some(0), "{args:?}: {}", text(&out));
            assert!(
                text(&out).contains("deeper than") || text(&out).contains("up to 8 MiB"),
                "{args:?}: {}",
                text(&out)
            );
            assert_eq!(std::fs::metadata(file).unwrap().len(), before, "{args:?}");
        }
    }
}

/// Text from files never reaches the terminal raw through any command.
#[test]
fn no_command_prints_raw_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    // In YAML's double quotes: ESC, BEL, a C1 CSI and a bidi override.
    let esc = "\\e]0;owned\\a\\e[2J\\x9b31m\\u202e";
    let good_text = format!(
        "carepath: 1\nid: p\ntitle: \"T{esc}\"\nparticipants:\n  - id: a\n    name: \"A{esc}\"\n  - id: b\n    name: B\nsteps:\n  - id: s\n    title: \"S{esc}\"\n    owner: a\n"
    );
    let bad = dir.path().join("p.yaml");
    std::fs::write(&bad, format!("{good_text}\"k{esc}\": 1\n")).unwrap();
    let sub = dir.path().join("good");
    std::fs::create_dir(&sub).unwrap();
    let good = sub.join("p.yaml");
    std::fs::write(&good, &good_text).unwrap();
    let other = sub.join("other.yaml");
    std::fs::write(&other, good_text.replace("title: \"T", "title: \"U")).unwrap();
    let theirs = sub.join("theirs.yaml");
    std::fs::write(&theirs, good_text.replace("title: \"T", "title: \"V")).unwrap();
    let (b, g, o, t) = (
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        other.to_str().unwrap(),
        theirs.to_str().unwrap(),
    );
    let key = "k\u{1b}]0;x\u{7}";
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", b],
        vec!["check", "--format", "json", b],
        vec!["set", b, "title", "X"],
        vec!["set", g, key, "X"],
        vec!["set", g, "title", "\u{1b}[2J"],
        vec!["compare", g],
        vec!["compare", g, "--between", "a", "b"],
        vec!["compare", "--format", "json", g],
        vec!["diff", g, o],
        vec!["diff", "--format", "json", g, o],
        vec!["merge", g, o, t],
        vec!["check", key],
    ];
    for args in runs {
        let out = Command::new(BIN)
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let all = text(&out);
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!all.contains(c), "{args:?} printed {c:?} raw: {all:?}");
        }
    }
}
