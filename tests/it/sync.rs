//! `carepath sync` between places, with real git and no network: a bare
//! repository stands for the shared server's, the server's own working
//! library and two people's copies sync through it. Every change reaches
//! everyone, the same value changed twice is shown to whoever syncs second
//! and nothing of theirs is sent until they decide, and a push that loses
//! a race is retried by merging, never forced.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use carepath::store::read::load::load_file;
use carepath::text::yaml::edit::set_value;

const BIN: &str = env!("CARGO_BIN_EXE_carepath");
const FILE: &str = "discharge-to-care-home.yaml";

/// Plain git, as a person at the server would run it.
fn git(dir: &Path, args: &[&str]) -> String {
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
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn carepath(args: &[&str], path_env: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env("NO_COLOR", "1");
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    cmd.output().expect("carepath runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn sync(lib: &Path) -> Output {
    carepath(&["sync", lib.to_str().unwrap()], None)
}

fn sync_ok(lib: &Path) {
    let out = sync(lib);
    assert_eq!(
        out.status.code(),
        Some(0),
        "sync {}: {}",
        lib.display(),
        text(&out)
    );
}

fn edit(lib: &Path, key: &str, value: &str) {
    let file = lib.join(FILE);
    let t = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, set_value(&t, key, value).unwrap()).unwrap();
}

/// The shared repository, the server's library and two people's copies.
struct Places {
    _dir: tempfile::TempDir,
    bare: PathBuf,
    server: PathBuf,
    anna: PathBuf,
    ben: PathBuf,
}

fn places() -> Places {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bare = d.join("pathways.git");
    std::fs::create_dir_all(&bare).unwrap();
    git(&bare, &["init", "-q", "--bare", "-b", "main"]);
    let server = d.join("server");
    std::fs::create_dir_all(&server).unwrap();
    std::fs::copy(format!("pathways/{FILE}"), server.join(FILE)).unwrap();
    let url = bare.to_str().unwrap();
    let out = carepath(
        &["init", "--git", server.to_str().unwrap(), "--remote", url],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    sync_ok(&server);
    let (anna, ben) = (d.join("anna"), d.join("ben"));
    for who in [&anna, &ben] {
        let out = carepath(
            &["init", "--git", who.to_str().unwrap(), "--remote", url],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        assert!(who.join(FILE).exists(), "{}", text(&out));
    }
    Places {
        _dir: dir,
        bare,
        server,
        anna,
        ben,
    }
}

fn shared_head(p: &Places) -> String {
    git(&p.bare, &["rev-parse", "main"])
}

#[test]
fn changes_to_different_steps_and_fields_reach_every_place() {
    let p = places();
    // Different steps, and one step's different fields.
    edit(
        &p.anna,
        "steps.plan-early.title",
        "Plan discharge on day one",
    );
    edit(
        &p.anna,
        "steps.handover-call.title",
        "Handover call, every time",
    );
    edit(&p.ben, "steps.handover-call.owner", "oakview");
    edit(&p.server, "title", "Discharge to a care home (Riverside)");
    for lib in [&p.anna, &p.ben, &p.server, &p.anna, &p.ben] {
        sync_ok(lib);
    }
    for lib in [&p.anna, &p.ben, &p.server] {
        let pw = load_file(&lib.join(FILE)).unwrap();
        assert_eq!(pw.title, "Discharge to a care home (Riverside)");
        assert_eq!(
            pw.step("plan-early").unwrap().title,
            "Plan discharge on day one"
        );
        let call = pw.step("handover-call").unwrap();
        assert_eq!(call.title, "Handover call, every time", "{}", lib.display());
        assert_eq!(call.owner.as_deref(), Some("oakview"));
        let text = std::fs::read_to_string(lib.join(FILE)).unwrap();
        assert!(text.starts_with("# Discharge from hospital to a care home"));
    }
    // The shared history only ever moved forward.
    let log = git(&p.bare, &["log", "--format=%s", "main"]);
    assert!(log.lines().count() >= 4, "{log}");
}

#[test]
fn the_same_value_changed_twice_is_shown_to_the_second_and_nothing_is_sent() {
    let p = places();
    edit(&p.anna, "steps.handover-call.title", "Anna's wording");
    edit(&p.ben, "steps.handover-call.title", "Ben's wording");
    sync_ok(&p.anna);
    let before = shared_head(&p);
    let out = sync(&p.ben);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("steps[handover-call].title"), "{said}");
    assert!(
        said.contains("Anna's wording") && said.contains("Ben's wording"),
        "{said}"
    );
    assert!(said.contains("Nothing was sent"), "{said}");
    assert_eq!(shared_head(&p), before, "nothing pushed before deciding");
    // Syncing again before deciding still sends nothing.
    assert_eq!(sync(&p.ben).status.code(), Some(1));
    assert_eq!(shared_head(&p), before);

    // Ben decides for Anna's wording (what `M` in the app writes), then syncs.
    let file = p.ben.join(FILE);
    let t = std::fs::read_to_string(&file).unwrap();
    let (_, end) = carepath::merge::record::read(&t).unwrap();
    let decided = set_value(&t[end..], "steps.handover-call.title", "Anna's wording").unwrap();
    std::fs::write(&file, decided).unwrap();
    sync_ok(&p.ben);
    assert_ne!(shared_head(&p), before);
    sync_ok(&p.anna);
    for lib in [&p.anna, &p.ben] {
        let pw = load_file(&lib.join(FILE)).unwrap();
        assert_eq!(pw.step("handover-call").unwrap().title, "Anna's wording");
        let t = std::fs::read_to_string(lib.join(FILE)).unwrap();
        assert!(!t.contains("carepath merge:"), "no record left");
    }
}

#[test]
fn commits_carry_the_persons_name_from_people_yaml() {
    let p = places();
    let me = carepath::store::team::identity::current().user.clone();
    std::fs::write(
        p.anna.join("people.yaml"),
        format!("{me}:\n  name: Dr Anna Smith\n"),
    )
    .unwrap();
    edit(&p.anna, "title", "Anna's title");
    sync_ok(&p.anna);
    let author = git(&p.bare, &["log", "-1", "--format=%an", "main"]);
    assert_eq!(author.trim(), "Dr Anna Smith");
}

#[test]
fn a_push_that_loses_a_race_is_retried_by_merging_never_forced() {
    let p = places();
    // A third copy whose change is sent between Anna's fetch and push.
    let d = p.bare.parent().unwrap();
    let carol = d.join("carol");
    git(
        d,
        &[
            "clone",
            "-q",
            p.bare.to_str().unwrap(),
            carol.to_str().unwrap(),
        ],
    );
    edit(&carol, "steps.plan-early.title", "Carol's change");
    git(&carol, &["commit", "-qam", "Carol's change"]);

    // `git` on Anna's PATH: the first push waits for Carol's to land.
    let real = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let bin = d.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let once = d.join("raced");
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do\n  if [ \"$a\" = push ] && [ ! -e '{once}' ]; then\n    : > '{once}'\n    (cd '{carol}' && '{real}' push -q origin main) || exit 99\n  fi\ndone\nexec '{real}' \"$@\"\n",
        once = once.display(),
        carol = carol.display(),
        real = real.trim()
    );
    let fake = bin.join("git");
    std::fs::write(&fake, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    edit(&p.anna, "steps.handover-call.title", "Anna's change");
    let out = carepath(&["sync", p.anna.to_str().unwrap()], Some(&path));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(once.exists(), "the race happened");
    assert!(
        text(&out).contains("someone else sent changes meanwhile"),
        "{}",
        text(&out)
    );
    // Both changes are in the shared repository, Carol's commit among its
    // ancestors: nothing was overwritten.
    let carol_head = git(&carol, &["rev-parse", "HEAD"]);
    git(
        &p.bare,
        &["merge-base", "--is-ancestor", carol_head.trim(), "main"],
    );
    sync_ok(&p.ben);
    let pw = load_file(&p.ben.join(FILE)).unwrap();
    assert_eq!(pw.step("plan-early").unwrap().title, "Carol's change");
    assert_eq!(pw.step("handover-call").unwrap().title, "Anna's change");
}

#[test]
fn nothing_to_do_is_said_and_changes_nothing() {
    let p = places();
    let before = shared_head(&p);
    let out = sync(&p.anna);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out).contains("up to date"), "{}", text(&out));
    assert_eq!(shared_head(&p), before);
    // carepath's own state stays out of git.
    std::fs::create_dir_all(p.anna.join(".carepath/history")).unwrap();
    std::fs::write(p.anna.join(".carepath/history/x.jsonl"), "{}\n").unwrap();
    sync_ok(&p.anna);
    assert_eq!(shared_head(&p), before);
}

/// Over ssh, git runs the other side's command through the ssh client; a
/// stand-in client that runs it here shows the commands carepath sends
/// (with the server's hooks off) work through a remote shell.
#[test]
fn a_library_syncs_with_a_server_over_ssh() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bare = d.join("srv/pathways.git");
    std::fs::create_dir_all(&bare).unwrap();
    git(&bare, &["init", "-q", "--bare", "-b", "main"]);
    let marker = d.join("hook-ran");
    std::fs::write(
        bare.join("hooks/pre-receive"),
        format!("#!/bin/sh\n: > '{}'\n", marker.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        bare.join("hooks/pre-receive"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let ssh = d.join("fake-ssh");
    let log = d.join("ssh.log");
    std::fs::write(
        &ssh,
        format!(
            "#!/bin/sh\n# the last argument is the command for the server's shell\nfor last; do :; done\necho \"$last\" >> '{}'\nexec sh -c \"$last\"\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&ssh, std::fs::Permissions::from_mode(0o755)).unwrap();
    let url = format!("ssh://server.invalid{}", bare.display());
    let sync_over_ssh = |lib: &Path| {
        let out = Command::new(BIN)
            .args(["sync", lib.to_str().unwrap()])
            .env("GIT_SSH_COMMAND", &ssh)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    };

    let lead = d.join("lead");
    std::fs::create_dir_all(&lead).unwrap();
    std::fs::copy(format!("pathways/{FILE}"), lead.join(FILE)).unwrap();
    let out = Command::new(BIN)
        .args(["init", "--git", lead.to_str().unwrap(), "--remote", &url])
        .env("GIT_SSH_COMMAND", &ssh)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    sync_over_ssh(&lead);
    edit(&lead, "steps.handover-call.owner", "oakview");
    sync_over_ssh(&lead);

    let pw = git(&bare, &["show", &format!("main:{FILE}")]);
    assert!(pw.contains("owner: oakview"), "{pw}");
    let sent = std::fs::read_to_string(&log).unwrap();
    assert!(
        sent.contains("receive-pack") && sent.contains("core.hooksPath=/dev/null"),
        "{sent}"
    );
    assert!(!marker.exists(), "the server's hook ran");
}

#[test]
fn a_version_that_cannot_be_merged_undoes_the_merge_and_sends_nothing() {
    let p = places();
    // Someone sends a pathway that no longer loads, with plain git.
    let d = p.bare.parent().unwrap();
    let carol = d.join("carol");
    git(
        d,
        &[
            "clone",
            "-q",
            p.bare.to_str().unwrap(),
            carol.to_str().unwrap(),
        ],
    );
    let broken = std::fs::read_to_string(carol.join(FILE))
        .unwrap()
        .replace("status: in-review", "status: [not, a, status");
    std::fs::write(carol.join(FILE), broken).unwrap();
    git(&carol, &["commit", "-qam", "broken"]);
    git(&carol, &["push", "-q", "origin", "main"]);
    let before = shared_head(&p);

    edit(&p.anna, "title", "Anna's title");
    let out = sync(&p.anna);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("could not be merged"), "{}", text(&out));
    assert_eq!(shared_head(&p), before, "nothing sent");
    assert!(
        !p.anna.join(".git/MERGE_HEAD").exists(),
        "the merge was undone"
    );
    let pw = load_file(&p.anna.join(FILE)).unwrap();
    assert_eq!(pw.title, "Anna's title", "Anna's work is as it was");
}
