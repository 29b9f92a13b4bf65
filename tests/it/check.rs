//! `carepath check` as scripts and CI use it.

use std::process::Command;

fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("check")
        .args(args)
        .env("CAREPATH_CONFIG_DIR", tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_clean_file_exits_0() {
    let (code, out, _) = check(&["tests/fixtures/library/discharge-to-care-home.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 pathway checked, no problems"));
}

#[test]
fn problems_exit_1_with_file_line_and_column() {
    let (code, out, _) = check(&["tests/fixtures/library"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("tests/fixtures/library/broken.yaml:5:9: `drafty` is not a valid status"),
        "{out}"
    );
    assert!(out.contains("4 pathways checked, 1 with problems"), "{out}");
}

#[test]
fn json_lists_every_file() {
    let (code, out, _) = check(&["tests/fixtures/library", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["checked"], 4);
    assert_eq!(v["with_problems"], 1);
    let broken = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["ok"] == false)
        .unwrap();
    assert_eq!(broken["problems"][0]["line"], 5);
    assert_eq!(broken["problems"][0]["column"], 9);
}

#[test]
fn a_missing_path_exits_2() {
    let (code, _, err) = check(&["/no/such/place"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/no/such/place: there is no such file or folder"),
        "{err}"
    );
}

#[test]
fn a_folder_without_pathways_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = check(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no pathway files"), "{err}");
}

fn set(file: &std::path::Path, key: &str, value: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["set", file.to_str().unwrap(), key, value])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn set_changes_one_value_and_keeps_the_comments() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("discharge-to-care-home.yaml");
    let before = std::fs::read_to_string("pathways/discharge-to-care-home.yaml").unwrap();
    std::fs::write(&file, &before).unwrap();
    let (code, err) = set(&file, "analyses.oakview.causes.meds-late.weight", "medium");
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(&file).unwrap();
    let changed: Vec<_> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![("        weight: high", "        weight: medium")]
    );
    assert!(after.starts_with("# Discharge from hospital to a care home"));
}

#[test]
fn set_refuses_what_would_break_the_file_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("discharge-to-care-home.yaml");
    let before = std::fs::read_to_string("pathways/discharge-to-care-home.yaml").unwrap();
    std::fs::write(&file, &before).unwrap();
    let (code, err) = set(&file, "steps.gp-review.owner", "nobody");
    assert_eq!(code, 1);
    assert!(
        err.contains("would make")
            && err.contains("the owner \"nobody\" is not one of this pathway's participants"),
        "{err}"
    );
    let (code, err) = set(&file, "steps.no-such-step.title", "x");
    assert_eq!(code, 1);
    assert!(err.contains("steps has no item \"no-such-step\""), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        before,
        "the file is untouched"
    );
}

#[test]
fn set_never_writes_a_file_that_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.yaml");
    let before = std::fs::read_to_string("tests/fixtures/library/broken.yaml").unwrap();
    std::fs::write(&file, &before).unwrap();
    let (code, err) = set(&file, "title", "Mended");
    assert_eq!(code, 1);
    assert!(
        err.contains("does not load, so carepath will not change it"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn a_drafts_dangling_reference_is_a_warning_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.yaml");
    std::fs::write(&file, "carepath: 1\nid: p\ntitle: T\nstatus: draft\nsteps:\n  - id: s\n    title: S\n    next: [later]\n").unwrap();
    let (code, out, _) = check(&[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("p.yaml:8:12: warning: there is no step with the id \"later\" to go to next (allowed in a draft; it blocks `agreed`)"), "{out}");
}

/// A pathway recorded as agreed whose participants have no valid sign-off
/// of the version as it is now is said, with the place of its status and
/// who is missing; it is a warning, not a problem.
#[test]
fn an_agreed_pathway_without_current_sign_offs_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("integrated-copd-clinic.yaml");
    std::fs::copy("pathways/integrated-copd-clinic.yaml", &file).unwrap();
    let (code, out, _) = check(&[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let line = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("status: agreed"))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "integrated-copd-clinic.yaml:{line}:9: warning: the pathway is recorded as agreed, but the sign-offs are out of date"
        )),
        "{out}"
    );
    assert!(
        out.contains("Breathe Easy Northside (breathe-easy)"),
        "{out}"
    );
}

/// A pathway of `steps` steps with a comment on each, long enough to be
/// read in pieces.
fn long_pathway(steps: usize) -> String {
    let mut text = String::from(
        "# A long pathway\ncarepath: 1\nid: long\ntitle: A long pathway\nstatus: draft\nparticipants:\n  - id: home\n    name: The home\n    kind: care-home\nsteps:\n",
    );
    for i in 0..steps {
        text.push_str(&format!(
            "  # step {i}, as agreed\n  - id: s{i}\n    title: \"Step {i}\"\n    owner: home\n    detail: |\n      Agreed with the home, step {i}.\n    next: [s{}]\n",
            (i + 1) % steps
        ));
    }
    text
}

/// The lines that differ between two texts of the same length in lines,
/// and how many lines each has.
fn changed_lines(before: &str, after: &str) -> (Vec<(String, String)>, usize, usize) {
    let changed = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    (changed, before.lines().count(), after.lines().count())
}

#[test]
fn set_in_a_long_pathway_changes_one_line_wherever_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.yaml");
    let before = long_pathway(3000);
    assert!(before.len() > 300 * 1024, "read in pieces");
    std::fs::write(&file, &before).unwrap();

    let (code, err) = set(&file, "steps.s2999.title", "The last step");
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(&file).unwrap();
    let (changed, was, is) = changed_lines(&before, &after);
    assert_eq!(
        changed,
        vec![(
            "    title: \"Step 2999\"".to_string(),
            "    title: \"The last step\"".to_string()
        )]
    );
    assert_eq!(was, is);

    let (code, err) = set(&file, "steps.1500.owner", "home");
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), after, "same value");

    let (code, err) = set(&file, "review_due", "2027-03-01");
    assert_eq!(code, 0, "{err}");
    let with_date = std::fs::read_to_string(&file).unwrap();
    assert!(
        with_date.ends_with("    next: [s0]\nreview_due: 2027-03-01\n"),
        "the new key goes at the end of the pathway"
    );
    assert_eq!(with_date.lines().count(), after.lines().count() + 1);

    let (code, err) = set(&file, "steps.s10.kind", "sideways");
    assert_eq!(code, 1);
    assert!(
        err.contains("would make") && err.contains("`sideways` is not a valid kind"),
        "{err}"
    );
    let (code, err) = set(&file, "steps.s10.nothing.here", "x");
    assert_eq!(code, 1);
    assert!(err.contains("steps.s10 has no `nothing`"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), with_date);
}
