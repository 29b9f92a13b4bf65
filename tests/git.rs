//! carepath as git's merge driver, in a real repository: two branches edit
//! one pathway, git merges them with carepath, and both edits are there.

use std::path::Path;
use std::process::Command;

use carepath::store::edit::set_value;
use carepath::store::edit_list::insert_item;

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
    std::fs::write(
        &file,
        insert_item(
            &base,
            "steps",
            6,
            "id: weekend-cover\ntitle: Weekend cover agreed\n",
        )
        .unwrap(),
    )
    .unwrap();
    ok(d, &["commit", "-q", "-am", "care home adds weekend cover"]);

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
    let p = carepath::store::load::load_file(&file).unwrap();
    assert_eq!(
        p.step("handover-call").unwrap().owner.as_deref(),
        Some("oakview")
    );
    assert!(p.step("weekend-cover").is_some() && p.step("pharmacy-check").is_some());
    assert!(
        merged.starts_with("# Discharge from hospital to a care home"),
        "comments kept"
    );
}
