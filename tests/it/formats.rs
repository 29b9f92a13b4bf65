//! Formats that outlive a release, pinned: what carepath writes to disk
//! for another carepath (perhaps a newer one) to read later. A change that
//! breaks one of these golden files breaks people's kept edits, their
//! history or an unfinished merge: change the format on purpose, with a
//! way to read the old one, and only then rewrite the golden file
//! (`UPDATE_GOLDEN=1 cargo test --test formats`).
//!
//! Each format is pinned through public functions, as written, with only
//! what differs from run to run (paths, times, host, process) replaced by
//! placeholders; and each golden file is read back as it is.

use std::path::{Path, PathBuf};
use std::process::Command;

use carepath::merge::record;
use carepath::store::persist::{history, journal};
use carepath::store::team::identity;

const GOLDEN: &str = "tests/golden/formats";

fn golden(name: &str, actual: &str) {
    let path = Path::new(GOLDEN).join(name);
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

/// The text of a golden file.
fn read_golden(name: &str) -> String {
    std::fs::read_to_string(Path::new(GOLDEN).join(name)).unwrap()
}

/// A library folder with one pathway file, `p.yaml`.
fn library(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.yaml");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

const BEFORE: &str = "carepath: 1\nid: p\ntitle: Falls at home\n";
const AFTER: &str = "carepath: 1\nid: p\ntitle: \"Falls at home: who calls whom\"\nproblem: |\n  Residents wait on the floor.\n  Nobody knows who to call.\n";

/// A file name as the journal makes it from a path or host name.
fn journal_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

// --- the recovery journal -------------------------------------------------

#[test]
fn the_journal_of_unsaved_edits() {
    let (_lib, file) = library(BEFORE);
    let state = tempfile::tempdir().unwrap();
    journal::write(state.path(), &file, BEFORE, AFTER).unwrap();

    let me = identity::current();
    let abs = std::fs::canonicalize(&file).unwrap();
    let names: Vec<String> = std::fs::read_dir(state.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let expected_name = format!(
        "{}.{}-{}.journal.yaml",
        journal_safe(&abs.to_string_lossy()),
        journal_safe(&me.host),
        me.pid
    );
    assert_eq!(
        names,
        vec![expected_name.clone()],
        "one journal, named by file, host and process"
    );

    let text = std::fs::read_to_string(state.path().join(&expected_name)).unwrap();
    let at = text
        .lines()
        .find_map(|l| l.strip_prefix("at: "))
        .expect("a time")
        .to_string();
    assert!(
        chrono::NaiveDateTime::parse_from_str(at.trim_matches('\''), "%Y-%m-%d %H:%M").is_ok(),
        "local time to the minute: {at}"
    );
    let normalised = text
        .replace(&abs.to_string_lossy().into_owned(), "<FILE>")
        .replace(&format!("at: {at}"), "at: <AT>")
        .replace(&format!("host: {}", me.host), "host: <HOST>")
        .replace(&format!("pid: {}", me.pid), "pid: <PID>");
    golden("journal.yaml", &normalised);
}

#[test]
fn a_journal_written_in_the_pinned_format_is_offered_back() {
    let (_lib, file) = library(BEFORE);
    let state = tempfile::tempdir().unwrap();
    let abs = std::fs::canonicalize(&file).unwrap();
    // A session on another host that ended: its edits are offered here.
    let text = read_golden("journal.yaml")
        .replace("<FILE>", &abs.to_string_lossy())
        .replace("<AT>", "2026-11-20 10:02")
        .replace("<HOST>", "ward-server")
        .replace("<PID>", "4242");
    let name = format!(
        "{}.ward-server-4242.journal.yaml",
        journal_safe(&abs.to_string_lossy())
    );
    std::fs::write(state.path().join(name), text).unwrap();
    let entry = journal::read(state.path(), &file).expect("offered");
    assert_eq!(entry.base, BEFORE);
    assert_eq!(entry.text, AFTER);
    assert_eq!(entry.at, "2026-11-20 10:02");
    assert_eq!((entry.host.as_str(), entry.pid), ("ward-server", 4242));
}

// --- the history of saves -------------------------------------------------

/// The log of `user`'s saves of pathway `p`: one file per user, so that
/// nobody writes history in another's name.
fn history_log(lib: &Path, user: &str) -> PathBuf {
    lib.join(format!(".carepath/history/p/{user}.jsonl"))
}

#[test]
fn a_line_of_the_history() {
    let (lib, file) = library(AFTER);
    // The words of the summary are the diff's; the line around them is
    // what is pinned here.
    let summary = vec![
        "title: changed from \"Falls at home\" to \"Falls at home: who calls whom\"".to_string(),
        "problem: added".to_string(),
    ];
    history::append(&file, "asmith", BEFORE, AFTER, (summary, 2)).unwrap();

    let log = std::fs::read_to_string(history_log(lib.path(), "asmith")).unwrap();
    assert_eq!(log.lines().count(), 1, "one line a save: {log}");
    let at_start = log.find("\"at\":\"").expect("a time") + 6;
    let at_end = at_start + log[at_start..].find('"').unwrap();
    let at = &log[at_start..at_end];
    assert!(
        chrono::DateTime::parse_from_rfc3339(at).is_ok() && at.ends_with('Z') && !at.contains('.'),
        "UTC to the second: {at}"
    );
    golden("history.jsonl", &log.replace(at, "<AT>"));

    // Each version's text is kept once, named by its content hash.
    for text in [BEFORE, AFTER] {
        let kept = lib
            .path()
            .join(".carepath/history/p")
            .join(format!("{}.yaml", history::hash(text)));
        assert_eq!(std::fs::read_to_string(kept).unwrap(), text);
    }
    golden(
        "history-hashes.txt",
        &format!("{}\n{}\n", history::hash(BEFORE), history::hash(AFTER)),
    );
}

#[test]
fn a_history_written_in_the_pinned_format_reads_back() {
    let (lib, file) = library(AFTER);
    // Written as the user running the test, whose own log it then is.
    let me = carepath::store::team::identity::current().user.clone();
    let log = history_log(lib.path(), &me);
    std::fs::create_dir_all(log.parent().unwrap()).unwrap();
    std::fs::write(
        &log,
        read_golden("history.jsonl")
            .replace("<AT>", "2026-11-20T10:02:00Z")
            .replace("\"by\":\"asmith\"", &format!("\"by\":{me:?}")),
    )
    .unwrap();
    let (entries, skipped) = history::load(&file).unwrap();
    assert_eq!(skipped, 0);
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.by, me);
    assert_eq!(e.at.to_rfc3339(), "2026-11-20T10:02:00+00:00");
    assert_eq!(e.after, history::hash(AFTER));
    assert_eq!(
        e.headline(),
        "title: changed from \"Falls at home\" to \"Falls at home: who calls whom\" (and 1 more)"
    );
    assert_eq!(history::last_save_of(&file, AFTER).as_ref(), Some(e));
}

// --- the record of an unfinished merge ------------------------------------

/// `carepath merge` (git's merge driver) on the three versions in
/// `tests/golden/formats/merge/`: the merged OURS, and the exit code.
fn merge_driver() -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    for name in ["base", "ours", "theirs"] {
        std::fs::copy(
            Path::new(GOLDEN).join("merge").join(format!("{name}.yaml")),
            dir.path().join(format!("{name}.yaml")),
        )
        .unwrap();
    }
    let arg = |n: &str| dir.path().join(format!("{n}.yaml"));
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("merge")
        .args([arg("base"), arg("ours"), arg("theirs")])
        .args(["--label-ours", "main", "--label-theirs", "workshop-2"])
        .env("CAREPATH_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    (
        std::fs::read_to_string(arg("ours")).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn the_conflict_record_at_the_top_of_a_merged_file() {
    let (merged, code) = merge_driver();
    assert_eq!(code, 1, "conflicts remain");
    let (conflicts, end) = record::read(&merged).expect("a record");
    assert_eq!(conflicts.len(), 3, "{merged}");
    golden("merge-record.txt", &merged[..end]);
}

#[test]
fn a_record_in_the_pinned_format_reads_back() {
    let text = read_golden("merge-record.txt") + &read_golden("merge/ours.yaml");
    let (conflicts, end) = record::read(&text).expect("a record");
    assert_eq!(
        &text[end..],
        read_golden("merge/ours.yaml"),
        "the file after it is the file's"
    );
    let paths: Vec<&str> = conflicts.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["steps[call].detail", "steps[visit]", "title"]);
    let title = &conflicts[2];
    assert_eq!(
        title.base.as_ref().and_then(|v| v.as_str()),
        Some("Falls at home")
    );
    assert_eq!(
        title.ours.as_ref().and_then(|v| v.as_str()),
        Some("Falls at home: who calls whom")
    );
    assert_eq!(
        title.theirs.as_ref().and_then(|v| v.as_str()),
        Some("Falls at home — the first hour")
    );
    assert!(conflicts[1].ours.is_none(), "removed on our side");
    assert_eq!(
        conflicts[0].ours.as_ref().and_then(|v| v.as_str()),
        Some("Press the pendant alarm.\nThe monitoring centre calls the responder.\n")
    );
}
