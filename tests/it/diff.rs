//! `carepath diff`: golden outputs for each kind of change (UPDATE_GOLDEN=1
//! rewrites them), moves, and layout-only changes.

use std::path::Path;
use std::process::Command;

use carepath::diff::{ChangeKind, diff};
use carepath::model::Pathway;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("diff")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn golden(name: &str, actual: &str) {
    let path = Path::new("tests/golden/diff").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

const OLD: &str = "tests/fixtures/diff/old.yaml";
const NEW: &str = "tests/fixtures/diff/new.yaml";
const LAYOUT: &str = "tests/fixtures/diff/layout.yaml";

#[test]
fn text_for_people() {
    let (code, out) = run(&[OLD, NEW]);
    assert_eq!(code, 1, "content differs");
    assert!(!out.contains('\x1b'), "plain when piped");
    golden("changes.txt", &out);
}

#[test]
fn json_for_tools() {
    let (code, out) = run(&[OLD, NEW, "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    for kind in ["added", "removed", "changed", "moved"] {
        assert!(
            kinds.contains(&kind),
            "a {kind} change is reported: {kinds:?}"
        );
    }
    golden("changes.json", &out);
}

#[test]
fn a_step_owner_change_names_the_step() {
    let (_, out) = run(&[OLD, NEW]);
    assert!(out.contains("~ steps[handover-call].owner (Nurse-to-nurse handover call): changed from \"hospital\" to \"oakview\""), "{out}");
}

#[test]
fn comments_and_layout_alone_are_not_content() {
    let (code, out) = run(&[OLD, LAYOUT]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        "Only layout or comments differ; the pathway says the same.\n"
    );
    let (code, out) = run(&[OLD, LAYOUT, "--ignore-layout"]);
    assert_eq!((code, out.as_str()), (0, "No difference.\n"));
    let (_, out) = run(&[OLD, LAYOUT, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["layout_only"], true);
    assert_eq!(v["changes"].as_array().unwrap().len(), 0);
}

fn load(path: &str) -> Pathway {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_reorder_is_a_move_not_a_removal_and_an_addition() {
    let old = load(OLD);
    let mut new = old.clone();
    let step = new.steps.remove(6);
    new.steps.insert(1, step);
    let changes = diff(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].kind, ChangeKind::Moved);
    assert_eq!(changes[0].path, "steps[gp-review]");
}

#[test]
fn items_without_ids_are_matched_by_similar_text() {
    let old = load(OLD);
    let mut new = old.clone();
    new.monday_morning[0].change =
        "A named nurse takes the handover call before every discharge".into();
    let changes = diff(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].kind, ChangeKind::Changed);
    assert_eq!(changes[0].path, "monday_morning[0].change");
}

#[test]
fn a_version_that_does_not_load_is_an_error() {
    let (code, _) = run(&[OLD, "tests/fixtures/library/broken.yaml"]);
    assert_eq!(code, 2);
}

/// A pathway of `n` steps, each with a detail and red flags, long enough
/// to be read in pieces.
fn long_pathway(n: usize) -> String {
    let mut text = String::from(
        "carepath: 1\nid: long\ntitle: A long pathway\nstatus: draft\nparticipants:\n  - id: home\n    name: The home\n    kind: care-home\nsteps:\n",
    );
    for i in 0..n {
        text += &format!(
            "  - id: s{i}\n    title: Step {i}\n    owner: home\n    detail: |\n      Agreed, step {i}.\n    red_flags:\n      - Falls in {i} days\n    next: [s{}]\n",
            (i + 1) % n
        );
    }
    text
}

#[test]
fn long_versions_are_compared_as_short_ones_are() {
    let old = long_pathway(8000);
    assert!(old.len() > 1024 * 1024);
    let moved = "  - id: s40\n    title: Step 40\n    owner: home\n    detail: |\n      Agreed, step 40.\n    red_flags:\n      - Falls in 40 days\n    next: [s41]\n";
    let new = old
        .replacen("Agreed, step 7.", "Agreed again, step 7.", 1)
        .replacen(
            "      - Falls in 9 days\n",
            "      - Falls in 9 days\n      - Pressure damage\n",
            1,
        )
        .replacen(moved, "", 1)
        .replacen("  - id: s3\n", &format!("{moved}  - id: s3\n"), 1);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
    std::fs::write(&a, &old).unwrap();
    std::fs::write(&b, &new).unwrap();
    let (code, out) = run(&["--format", "json", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let said: serde_json::Value = serde_json::from_str(&out).unwrap();
    let read = |t: &str| -> Pathway { serde_yaml::from_str(t).unwrap() };
    let want = serde_json::to_value(diff(&read(&old), &read(&new))).unwrap();
    assert_eq!(said["changes"], want);
    let paths: Vec<&str> = said["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["steps[s7].detail", "steps[s9].red_flags[1]", "steps[s40]"]
    );
    assert_eq!(said["changes"][2]["kind"], "moved");
    assert_eq!(said["changes"][2]["label"], "Step 40");
}
