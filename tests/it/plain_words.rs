//! Clear words and the right exit codes where a command meets something
//! unusual: a missing file, a value that looks like an option, a key
//! holding backticks, YAML's own jargon, a folder named like a pathway.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn library(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.yaml");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

const P: &str = "carepath: 1\nid: p\ntitle: First\n";

#[test]
fn set_on_a_missing_file_exits_2_and_leaves_no_lock_behind() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gone.yaml");
    let (code, out) = run(&["set", file.to_str().unwrap(), "title", "X"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("there is no such file"), "{out}");
    assert!(!dir.path().join(".carepath").exists(), "no lock file made");
}

#[test]
fn a_value_starting_with_a_dash_is_taken_as_it_is() {
    let (_dir, file) = library(P);
    let (code, out) = run(&["set", file.to_str().unwrap(), "title", "-5 days"]);
    assert_eq!(code, 0, "{out}");
    assert!(std::fs::read_to_string(&file).unwrap().contains("-5 days"));
}

#[test]
fn a_refused_change_exits_1_and_a_saved_one_0() {
    let (_dir, file) = library(P);
    let (code, out) = run(&["set", file.to_str().unwrap(), "status", "nonsense"]);
    assert_eq!(code, 1, "{out}");
    let (code, out) = run(&["set", file.to_str().unwrap(), "title", "Second"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_key_holding_backticks_is_shown_whole() {
    let (_dir, file) = library(&format!("{P}\"a`b`c\": 1\n"));
    let (code, out) = run(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unknown key \"a`b`c\""), "{out}");
}

#[test]
fn yaml_jargon_is_explained() {
    let (_dir, file) = library("%done 50\ncarepath: 1\nid: p\ntitle: First\n");
    let (code, out) = run(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("directive"), "{out}");
    assert!(out.contains("put it in quotes"), "{out}");
    let (_dir, file) = library("carepath: 1\nid: p\ntitle: @home\n");
    let (_, out) = run(&["check", file.to_str().unwrap()]);
    assert!(out.contains("put the text in quotes"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_named_like_a_pathway_is_no_pathway() {
    let (dir, _file) = library(P);
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("archive"), dir.path().join("old.yaml")).unwrap();
    let (code, out) = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 pathway checked"), "{out}");
}
