//! A workshop: two real carepath processes in two pseudo-terminals on one
//! library, as two people logged in to one server. Each sees the other's
//! saves arrive, nobody's save overwrites the other's, and each sees who
//! else is there, until that session ends (even by `kill -9`).

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Session;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";
const CTRL_U: &str = "\x15";

struct Workshop {
    lib: tempfile::TempDir,
    file: PathBuf,
    config: tempfile::TempDir,
}

/// A library with the discharge pathway, and a people.yaml naming the
/// (one) user running both sessions.
fn workshop() -> Workshop {
    let lib = tempfile::tempdir().unwrap();
    let file = lib.path().join("discharge-to-care-home.yaml");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/pathways/discharge-to-care-home.yaml"
        ),
        &file,
    )
    .unwrap();
    let me = &carepath::store::team::identity::current().user;
    std::fs::write(
        lib.path().join("people.yaml"),
        format!("{me}:\n  name: Workshop Lead\n  participant: hospital\n"),
    )
    .unwrap();
    Workshop {
        lib,
        file,
        config: tempfile::tempdir().unwrap(),
    }
}

/// A session on the workshop's library, open on the steps of the pathway.
fn join(w: &Workshop, config: &Path) -> Session {
    let mut s = Session::start(
        &[w.lib.path().to_str().unwrap()],
        w.lib.path(),
        config,
        110,
        32,
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.key("2");
    s.wait_for("Steps (8)");
    s
}

/// Types a new title for what is on screen, in its form (`form` is the
/// form's heading); not saved.
fn retitle(s: &mut Session, form: &str, title: &str) {
    s.key("i");
    s.wait_for(form);
    s.key(ENTER);
    s.key(CTRL_U);
    s.send(title);
    s.key(ENTER);
    s.key(ESC);
    s.wait_for("● unsaved");
}

#[test]
fn two_sessions_see_each_others_saves_and_lose_nothing() {
    let w = workshop();
    let config_b = tempfile::tempdir().unwrap();
    let mut a = join(&w, w.config.path());
    let mut b = join(&w, config_b.path());

    // B has unsaved edits to step 2.
    b.key("j");
    retitle(&mut b, "Edit step 2", "Can the home meet needs today?");

    // A edits step 1 and saves; B sees it within a second, merged into
    // B's unsaved edits.
    retitle(&mut a, "Edit step 1", "Plan discharge on day one");
    a.key(CTRL_S);
    a.wait_for("Saved");
    let saved_at = Instant::now();
    b.wait_for("Plan discharge on day one");
    assert!(
        saved_at.elapsed() < Duration::from_secs(1),
        "B saw A's save after {:?}",
        saved_at.elapsed()
    );
    b.wait_for("Merged into your unsaved edits");

    // B saves: the file holds both.
    b.key(CTRL_S);
    b.wait_for("Saved");
    let p = carepath::store::read::load::load_file(&w.file).unwrap();
    assert_eq!(p.steps[0].title, "Plan discharge on day one");
    assert_eq!(p.steps[1].title, "Can the home meet needs today?");
    a.wait_for("Can the home meet needs today?");

    // Both change the pathway's title; A saves first; B, the second, is
    // shown the conflict with both values, and nothing of B's is lost.
    a.key("1");
    b.key("1");
    retitle(&mut a, "Edit the pathway", "Leaving hospital for a home");
    retitle(&mut b, "Edit the pathway", "Home from hospital");
    a.key(CTRL_S);
    a.wait_for("Saved");
    b.wait_for("conflict");
    let screen = b.wait_for("Leaving hospital for a home");
    assert!(screen.contains("Home from hospital"), "{screen}");
    let text = std::fs::read_to_string(&w.file).unwrap();
    assert!(text.contains("title: Leaving hospital for a home"));
    assert!(
        !text.contains("Home from hospital"),
        "B's edit is not saved over A's"
    );

    // The history names every save.
    let (saves, _) = carepath::store::persist::history::load(&w.file).unwrap();
    assert_eq!(saves.len(), 3);
    b.key(ESC);
    a.key("q");
    assert!(a.wait_exit());
}

#[test]
fn presence_appears_and_goes_even_after_kill_9() {
    let w = workshop();
    let config_b = tempfile::tempdir().unwrap();
    let mut a = join(&w, w.config.path());
    let mut b = join(&w, config_b.path());
    b.wait_for("WL (w)");
    a.wait_for("WL (w)");
    // B's steps list marks the step A is on.
    b.wait_for("[WL]");
    let presence = w.lib.path().join(".carepath").join("presence");
    assert_eq!(std::fs::read_dir(&presence).unwrap().count(), 2);

    // A is killed outright: no chance to say goodbye.
    let status = std::process::Command::new("kill")
        .args(["-9", &a.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    a.wait_exit();
    let gone = Instant::now();
    while b.screen().contains("WL (w)") {
        assert!(
            gone.elapsed() < Duration::from_secs(5),
            "A is still shown:\n{}",
            b.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_dir(&presence).unwrap().count(),
        1,
        "the dead session's entry is cleaned up"
    );
    b.key("q");
    assert!(b.wait_exit());
    assert_eq!(
        std::fs::read_dir(&presence).unwrap().count(),
        0,
        "a session that ends takes its entry away"
    );
}

/// The agenda row chosen on `screen` (the line marked ▶), without the
/// marks, or empty.
fn chosen(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("│▶"))
        .map(|l| l.replace(['▶', '!', '│'], "").trim().to_string())
        .unwrap_or_default()
}

/// Waits until B's chosen agenda row is A's, and says how long that took.
fn follows(a: &Session, b: &Session, since: Instant) -> Duration {
    let want = chosen(&a.screen());
    loop {
        if chosen(&b.screen()) == want && !want.is_empty() {
            return since.elapsed();
        }
        assert!(
            since.elapsed() < common::TIMEOUT,
            "B did not follow to {want:?}:\n{}",
            b.screen()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A, leading, moves `j`; the time until B's screen shows the same row.
fn lead_down(a: &mut Session, b: &Session) -> Duration {
    let before = chosen(&a.screen());
    let at = Instant::now();
    a.key("j");
    while chosen(&a.screen()) == before {
        assert!(at.elapsed() < common::TIMEOUT, "A did not move");
        std::thread::sleep(Duration::from_millis(2));
    }
    follows(a, b, at)
}

/// Both sessions open the meeting; A leads and B accepts.
fn meeting_with_a_follower(w: &Workshop) -> (Session, Session, tempfile::TempDir) {
    let config_b = tempfile::tempdir().unwrap();
    let mut a = join(w, w.config.path());
    let mut b = join(w, config_b.path());
    a.key("O");
    a.wait_for("Meeting ·");
    a.key("F");
    a.wait_for("you lead");
    b.wait_for("asks you to follow their screen");
    b.key("f");
    b.wait_for("Following");
    b.wait_for("Meeting ·");
    (a, b, config_b)
}

#[test]
fn one_session_follows_another_across_the_agenda_and_leaves() {
    let w = workshop();
    let (mut a, mut b, _config_b) = meeting_with_a_follower(&w);
    follows(&a, &b, Instant::now());
    // Three agenda items: the next two, and the comparison the third
    // opens in.
    let mut took = vec![lead_down(&mut a, &b), lead_down(&mut a, &b)];
    let at = Instant::now();
    a.key(ENTER);
    a.wait_for("Every participant");
    b.wait_for("Every participant");
    took.push(at.elapsed());
    eprintln!("the follower took {took:?} to follow each move");
    for t in &took {
        assert!(*t < Duration::from_secs(2), "{took:?}");
    }
    // B's own keys do not move it while it follows; f leaves.
    b.key("f");
    b.wait_for("you are on your own");
    a.key(ESC);
    a.wait_for("Meeting ·");
    a.key("j");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        b.screen().contains("Every participant"),
        "B no longer moves with A:\n{}",
        b.screen()
    );
    b.key("q");
    a.key("q");
    assert!(b.wait_exit());
    assert!(a.wait_exit());
}

/// How quickly a follower's screen follows: 20 moves through the agenda,
/// each timed from the facilitator's key to the follower's screen showing
/// it. Run: `cargo test --release --test workshop follow_latency -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a test: prints the figures"]
fn follow_latency() {
    let w = workshop();
    let (mut a, b, _config_b) = meeting_with_a_follower(&w);
    let mut took = Vec::new();
    for i in 0..20 {
        if i % 5 == 4 {
            // Back to the top of the agenda, and follow there too.
            a.key("g");
            follows(&a, &b, Instant::now());
        }
        took.push(lead_down(&mut a, &b));
    }
    took.sort();
    eprintln!(
        "follow latency over {} moves: median {:?}, 90th {:?}, max {:?}",
        took.len(),
        took[took.len() / 2],
        took[took.len() * 9 / 10],
        took[took.len() - 1]
    );
}
