//! carepath as git's merge driver, in a real repository: two branches edit
//! one pathway, git merges them with carepath, and both edits are there.

use std::path::Path;
use std::process::Command;

use carepath::text::yaml::edit::set_value;
use carepath::text::yaml::edit_list::insert_item;

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Pathway lead")
        .env("GIT_AUTHOR_EMAIL", "lead@example.invalid")
        .env("GIT_COMMITTER_NAME", "Pathway lead")
        .env("GIT_COMMITTER_EMAIL", "lead@example.invalid")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs")
}

fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn two_branches_editing_one_pathway_merge_by_its_ids() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed; skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = std::fs::read_to_string("pathways/discharge-to-care-home.yaml").unwrap();
    let file = d.join("discharge-to-care-home.yaml");
    ok(d, &["init", "-q", "-b", "main"]);
    ok(
        d,
        &[
            "config",
            "merge.carepath.driver",
            &format!("{} merge %O %A %B", env!("CARGO_BIN_EXE_carepath")),
        ],
    );
    std::fs::write(d.join(".gitattributes"), "*.yaml merge=carepath\n").unwrap();
    std::fs::write(&file, &base).unwrap();
    ok(d, &["add", "."]);
    ok(d, &["commit", "-q", "-m", "the agreed pathway"]);

    ok(d, &["checkout", "-q", "-b", "care-home"]);
    let theirs = insert_item(
        &base,
        "steps",
        6,
        "id: weekend-cover\ntitle: Weekend cover agreed\n",
    )
    .unwrap();
    let theirs = set_value(
        &theirs,
        "steps.handover-call.title",
        "Nurse-to-nurse handover call, every time",
    )
    .unwrap();
    std::fs::write(&file, theirs).unwrap();
    ok(
        d,
        &[
            "commit",
            "-q",
            "-am",
            "care home adds weekend cover and retitles the handover",
        ],
    );

    ok(d, &["checkout", "-q", "main"]);
    let ours = set_value(&base, "steps.handover-call.owner", "oakview").unwrap();
    let ours = insert_item(
        &ours,
        "steps",
        6,
        "id: pharmacy-check\ntitle: Pharmacy checks the medicines list\n",
    )
    .unwrap();
    std::fs::write(&file, ours).unwrap();
    ok(
        d,
        &[
            "commit",
            "-q",
            "-am",
            "handover call owned by the home; pharmacy check",
        ],
    );

    // Both branches added a step at the same place: a line merge stops
    // there with a conflict; carepath knows they are two steps.
    let out = git(d, &["merge", "-q", "--no-edit", "care-home"]);
    assert!(
        out.status.success(),
        "merge: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = std::fs::read_to_string(&file).unwrap();
    let p = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(
        p.step("handover-call").unwrap().owner.as_deref(),
        Some("oakview")
    );
    assert!(p.step("weekend-cover").is_some() && p.step("pharmacy-check").is_some());
    assert_eq!(
        p.step("handover-call").unwrap().title,
        "Nurse-to-nurse handover call, every time"
    );
    assert!(
        merged.starts_with("# Discharge from hospital to a care home"),
        "comments kept"
    );
}

#[test]
fn git_reports_a_real_conflict_and_carepath_shows_it_in_the_file() {
    if Command::new("git").arg("--version").output().is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = std::fs::read_to_string("pathways/discharge-to-care-home.yaml").unwrap();
    let file = d.join("discharge-to-care-home.yaml");
    ok(d, &["init", "-q", "-b", "main"]);
    let bin = env!("CARGO_BIN_EXE_carepath");
    ok(
        d,
        &[
            "config",
            "merge.carepath.driver",
            &format!("{bin} merge %O %A %B --label-ours main --label-theirs care-home"),
        ],
    );
    ok(
        d,
        &["config", "diff.carepath.command", &format!("{bin} diff")],
    );
    std::fs::write(
        d.join(".gitattributes"),
        "*.yaml merge=carepath diff=carepath\n",
    )
    .unwrap();
    std::fs::write(&file, &base).unwrap();
    ok(d, &["add", "."]);
    ok(d, &["commit", "-q", "-m", "the agreed pathway"]);
    ok(d, &["checkout", "-q", "-b", "care-home"]);
    std::fs::write(
        &file,
        set_value(&base, "title", "Discharge to Oakview").unwrap(),
    )
    .unwrap();
    ok(d, &["commit", "-q", "-am", "theirs"]);
    ok(d, &["checkout", "-q", "main"]);
    std::fs::write(
        &file,
        set_value(&base, "title", "Discharge to care homes").unwrap(),
    )
    .unwrap();
    ok(d, &["commit", "-q", "-am", "ours"]);

    // git diff speaks the pathway's words through the configured driver.
    let shown = git(
        d,
        &[
            "diff",
            "care-home",
            "main",
            "--",
            "discharge-to-care-home.yaml",
        ],
    );
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains(
            "title: changed from \"Discharge to Oakview\" to \"Discharge to care homes\""
        ),
        "{shown}"
    );

    let out = git(d, &["merge", "-q", "--no-edit", "care-home"]);
    assert!(!out.status.success(), "git reports the conflict");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with(
            "# carepath merge: 1 conflict left; this file keeps the value of main (ours)"
        ),
        "{text}"
    );
    let (conflicts, _) = carepath::merge::record::read(&text).unwrap();
    assert_eq!(conflicts[0].path, "title");
    assert_eq!(
        carepath::store::read::load::load_file(&file).unwrap().title,
        "Discharge to care homes",
        "the file still loads"
    );
}
