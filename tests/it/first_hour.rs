//! What a new user meets in their first hour with the command line: a
//! copied pathway, a misspelt config key, the help, completions and the
//! man page.

use std::path::Path;
use std::process::Command;

const PATHWAY: &str = "tests/fixtures/library/discharge-to-care-home.yaml";

struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs carepath with `args` in `cwd`, with `config_dir` as its config dir.
fn run_in(cwd: &Path, config_dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .current_dir(cwd)
        .env("CAREPATH_CONFIG_DIR", config_dir)
        .env("CAREPATH_STATE_DIR", config_dir.join("state"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    let config = tempfile::tempdir().unwrap();
    run_in(Path::new("."), config.path(), args)
}

/// A library folder holding the fixture pathway and a copy of it under
/// another name, whose id therefore does not match.
fn with_a_copy() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("discharge-to-care-home.yaml");
    let copy = dir.path().join("copy.yaml");
    std::fs::copy(PATHWAY, &original).unwrap();
    std::fs::copy(PATHWAY, &copy).unwrap();
    (dir, original, copy)
}

#[test]
fn check_warns_about_a_copy_whose_id_does_not_match_its_name() {
    let (_dir, _, copy) = with_a_copy();
    let r = run(&["check", copy.to_str().unwrap()]);
    assert_eq!(r.code, 0, "a mismatch is a warning: {}", r.out);
    let expected = format!(
        "{}:2:5: warning: the pathway id \"discharge-to-care-home\" must match the file name \"copy.yaml\"",
        copy.display()
    );
    assert!(r.out.contains(&expected), "{}", r.out);
    assert!(
        !r.out.contains("allowed in a draft"),
        "not a draft's warning: {}",
        r.out
    );
    assert!(
        r.out.contains("1 pathway checked, no problems"),
        "{}",
        r.out
    );

    let json = run(&["check", copy.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.out).unwrap();
    let warning = &v["files"][0]["warnings"][0];
    assert_eq!(
        (warning["line"].as_u64(), warning["column"].as_u64()),
        (Some(2), Some(5))
    );
}

#[test]
fn set_changes_a_copy_and_can_mend_its_id() {
    let (_dir, _, copy) = with_a_copy();
    let r = run(&["set", copy.to_str().unwrap(), "title", "A copy"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .contains("title: A copy")
    );

    let r = run(&["set", copy.to_str().unwrap(), "id", "copy"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let r = run(&["check", copy.to_str().unwrap()]);
    assert!(!r.out.contains("warning"), "{}", r.out);
}

#[test]
fn diff_and_merge_work_on_a_copy() {
    let (dir, original, copy) = with_a_copy();
    let text = std::fs::read_to_string(&copy)
        .unwrap()
        .replace("Discharge from hospital to a care home", "Copied");
    std::fs::write(&copy, text).unwrap();
    let r = run(&["diff", original.to_str().unwrap(), copy.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}{}", r.out, r.err);
    assert!(r.out.contains("title"), "{}", r.out);

    let base = dir.path().join("base.yaml");
    let ours = dir.path().join("ours.yaml");
    std::fs::copy(PATHWAY, &base).unwrap();
    std::fs::copy(PATHWAY, &ours).unwrap();
    let r = run(&[
        "merge",
        base.to_str().unwrap(),
        ours.to_str().unwrap(),
        copy.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        std::fs::read_to_string(&ours)
            .unwrap()
            .contains("title: Copied")
    );
}

/// A config dir whose `config.yaml` misspells `library`.
fn misspelt_config() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.yaml"), "libary: /srv/pathways\n").unwrap();
    dir
}

#[test]
fn a_misspelt_config_key_is_a_warning_said_once_for_commands_that_do_not_read_it() {
    let config = misspelt_config();
    let (dir, original, copy) = with_a_copy();
    let (o, c) = (original.to_str().unwrap(), copy.to_str().unwrap());
    let git_diff = [
        "diff",
        "discharge-to-care-home.yaml",
        o,
        "0000000",
        "100644",
        c,
        "1111111",
        "100644",
    ];
    let runs: Vec<(&str, Vec<&str>, i32)> = vec![
        ("check FILE", vec!["check", o], 0),
        ("compare", vec!["compare", o], 0),
        ("diff", vec!["diff", o, c], 0),
        ("git's diff driver", git_diff.to_vec(), 0),
        ("git's merge driver", vec!["merge", o, c, c], 0),
        ("set", vec!["set", c, "title", "T"], 0),
        ("completions", vec!["completions", "bash"], 0),
    ];
    for (what, args, code) in runs {
        let r = run_in(dir.path(), config.path(), &args);
        assert_eq!(r.code, code, "{what}: {}", r.err);
        assert_eq!(
            r.err.matches("libary").count(),
            1,
            "{what} names the problem once: {}",
            r.err
        );
        assert!(
            r.err.contains("warning:") && r.err.contains("config.yaml:1:1"),
            "{what}: {}",
            r.err
        );
        assert!(
            r.err.contains("did you mean `library`?"),
            "{what}: {}",
            r.err
        );
    }
}

#[test]
fn a_misspelt_config_key_stops_what_reads_the_config_and_says_so_once() {
    let config = misspelt_config();
    let empty = tempfile::tempdir().unwrap();
    let r = run_in(empty.path(), config.path(), &["check"]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert_eq!(r.err.lines().count(), 1, "{}", r.err);
    assert_eq!(
        r.err.matches("library").count(),
        2,
        "the guess and the list: {}",
        r.err
    );
}

/// The lines of `--help` under a heading, up to the next blank line.
fn section<'a>(help: &'a str, heading: &str) -> Vec<&'a str> {
    help.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn every_argument_is_described_in_the_help() {
    for sub in ["check", "compare", "diff", "merge", "set", "completions"] {
        let r = run(&[sub, "--help"]);
        assert_eq!(r.code, 0);
        for line in section(&r.out, "Arguments:") {
            let described = line.trim().split_once("  ").map(|(_, d)| d.trim());
            assert!(
                described.is_some_and(|d| !d.is_empty()),
                "`carepath {sub} --help` leaves an argument undescribed: {line:?}\n{}",
                r.out
            );
        }
    }
    let merge = run(&["merge", "--help"]).out;
    for name in ["<BASE>", "<OURS>", "<THEIRS>"] {
        assert!(merge.contains(name), "{merge}");
    }
    assert!(
        run(&["set", "--help"])
            .out
            .contains("<VALUE>  The new value")
    );
}

#[test]
fn theme_is_offered_only_where_a_screen_is_drawn() {
    for sub in ["check", "compare", "merge", "set", "completions", "man"] {
        let r = run(&[sub, "--help"]);
        assert!(
            !r.out.contains("--theme"),
            "carepath {sub} --help:\n{}",
            r.out
        );
    }
    assert!(run(&["--help"]).out.contains("--theme"));
    assert!(run(&["diff", "--help"]).out.contains("--theme"));
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.err);
        for word in ["carepath", "check", "compare", "merge", "format"] {
            assert!(r.out.contains(word), "{shell} completes {word}");
        }
    }
    assert_ne!(run(&["completions", "tcsh"]).code, 0);
}

#[test]
fn the_man_page_names_every_subcommand_and_its_arguments() {
    let r = run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.contains("\n.TH carepath 1"),
        "{}",
        &r.out[..80.min(r.out.len())]
    );
    for section in ["CAREPATH CHECK", "CAREPATH MERGE", "CAREPATH SET"] {
        assert!(r.out.contains(section), "{section}");
    }
    assert!(r.out.contains("The version both sides started from"));
    assert!(!r.out.contains("GENERATE"), "hidden commands stay hidden");
}
