//! `carepath actions` and `carepath measures` against golden files, and
//! the filters people use in the meeting.
//!
//! To accept a deliberate change of output: `GOLDEN_UPDATE=1 cargo test
//! --test meeting_cli`, then read the diff of `tests/golden/` before
//! committing it.

use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn carepath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carepath"))
        .current_dir(root())
        .env("CAREPATH_TODAY", "2026-11-30")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = carepath(args);
    assert!(
        out.status.success(),
        "carepath {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn golden(name: &str, actual: &str) {
    let file = root().join("tests/golden").join(name);
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        std::fs::write(&file, actual).unwrap();
    }
    let want = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("{} is missing: run with GOLDEN_UPDATE=1", file.display()));
    assert!(
        want == actual,
        "carepath's output differs from {}:\n{actual}",
        file.display()
    );
}

#[test]
fn actions_json_matches_the_golden_file() {
    golden(
        "actions.json",
        &stdout(&["actions", "pathways", "--format", "json"]),
    );
}

#[test]
fn measures_json_matches_the_golden_file() {
    golden(
        "measures.json",
        &stdout(&[
            "measures",
            "pathways/mental-health-crisis-big-room.yaml",
            "--format",
            "json",
        ]),
    );
}

#[test]
fn the_big_room_measure_shows_a_shift_that_reaches_this_month() {
    let out = stdout(&[
        "measures",
        "pathways/mental-health-crisis-big-room.yaml",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let signals = v["measures"][0]["signals"].as_array().unwrap();
    assert!(signals.iter().any(|s| s["kind"] == "shift"
        && s["from"] == "2026-06-01"
        && s["to"] == "2026-11-01"
        && s["direction"] == "down"));
    assert_eq!(v["measures"][0]["values"], 12);
}

#[test]
fn overdue_actions_are_marked_and_the_filters_narrow_the_list() {
    let out = stdout(&["actions", "pathways"]);
    assert!(
        out.contains("2026-10-31  OVERDUE  mental-health-crisis-big-room"),
        "{out}"
    );
    assert!(
        !out.contains("Train every triage nurse"),
        "done is not listed: {out}"
    );
    assert!(out.lines().last().unwrap().ends_with("3 overdue"), "{out}");

    let out = stdout(&["actions", "pathways", "--who", "police"]);
    assert!(out.contains("handover form"), "{out}");
    assert!(!out.contains("OVERDUE"), "{out}");

    let out = stdout(&[
        "actions",
        "pathways",
        "--due-before",
        "2026-12-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let actions = v["actions"].as_array().unwrap();
    assert!(!actions.is_empty());
    assert!(actions.iter().all(|a| a["overdue"] == true), "{out}");

    let out = stdout(&["actions", "pathways", "--all", "--who", "eastbay-ed"]);
    assert!(out.contains("Train every triage nurse"), "{out}");
}

#[test]
fn text_from_files_is_cleaned_before_it_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let text = "carepath: 1\nid: evil\ntitle: T\nparticipants:\n  - id: a\n    name: \"A\\e[2J\"\n    kind: gp\nactions:\n  - id: x\n    what: \"Wipe\\e]0;owned\\a the screen\"\n    owner: a\n    due: 2026-01-01\n";
    std::fs::write(dir.path().join("evil.yaml"), text).unwrap();
    let out = carepath(&["actions", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(!printed.contains('\u{1b}'), "{printed:?}");
    assert!(!printed.contains('\u{7}'), "{printed:?}");
    assert!(printed.contains("OVERDUE"), "{printed}");
}

#[test]
fn a_missing_file_or_folder_is_an_error_that_names_it() {
    let out = carepath(&["actions", "no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-folder"));
    let out = carepath(&["measures", "no-such.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}
