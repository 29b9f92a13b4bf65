//! The loader: one test per class of error, asserting what a clinician
//! reads and where it points.

use std::io::Write;

use carepath::store::read::load::{Diagnostic, MAX_FILE_BYTES, load_file, load_str};

/// Appended to a pathway to make it not a draft: a draft may hold
/// references to participants or steps that are not there yet.
const IN_REVIEW: &str = "status: in-review\n";

const BASE: &str =
    "carepath: 1\nid: p\ntitle: T\nparticipants:\n  - id: hosp\n    name: H\n    kind: hospital\n";

fn errors(text: &str) -> Vec<Diagnostic> {
    load_str("p.yaml", text).expect_err("the file should not load")
}

/// The only problem, checked for wording and place.
fn only(text: &str, line: usize, column: usize, words: &str) {
    let d = errors(text);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains(words), "message: {}", d[0].message);
    assert_eq!((d[0].line, d[0].column), (line, column), "{}", d[0]);
    assert_eq!(d[0].file, "p.yaml");
}

#[test]
fn a_minimal_pathway_loads() {
    let p = load_str("p.yaml", BASE).unwrap();
    assert_eq!(p.title, "T");
    assert_eq!(p.participants[0].id, "hosp");
}

#[test]
fn yaml_syntax_error() {
    only(
        "carepath: 1\nid: p\ntitle: Step 1: assess\n",
        3,
        14,
        "must be in quotes",
    );
}

#[test]
fn unknown_key_with_a_suggestion() {
    only(
        &format!("{BASE}steps:\n  - id: s\n    title: S\n    red_flag: [x]\n"),
        11,
        5,
        "unknown key `red_flag` in step 1 (did you mean `red_flags`?)",
    );
}

#[test]
fn unknown_key_at_the_top() {
    only(
        "carepath: 1\nid: p\ntitle: T\nreview: 2027-01-01\n",
        4,
        1,
        "unknown key `review` in the pathway",
    );
}

#[test]
fn missing_required_key() {
    only(
        &format!("{BASE}steps:\n  - id: s\n    kind: action\n"),
        9,
        5,
        "Step 1 is missing its `title`",
    );
}

#[test]
fn bad_choice_lists_the_valid_ones() {
    only(
        &format!("{BASE}steps:\n  - id: s\n    title: S\n    kind: actoin\n"),
        11,
        11,
        "`actoin` is not a valid kind; choose one of: action, decision, referral, information",
    );
    only(
        "carepath: 1\nid: p\ntitle: T\nstatus: drafty\n",
        4,
        9,
        "choose one of: draft, in-review, agreed, retired",
    );
}

#[test]
fn wrong_type() {
    only(
        "carepath: 1\nid: p\ntitle: T\nprinciples: Everybody counts\n",
        4,
        13,
        "`principles` in the pathway should be a list",
    );
}

#[test]
fn bad_date() {
    only(
        "carepath: 1\nid: p\ntitle: T\nreview_due: next May\n",
        4,
        13,
        "review_due must be a date like 2027-05-01",
    );
}

#[test]
fn duplicate_participant_id() {
    only(
        &format!("{BASE}  - id: hosp\n    name: H2\n    kind: gp\n"),
        8,
        9,
        "two participants have the id \"hosp\"",
    );
}

#[test]
fn duplicate_step_id() {
    only(
        &format!("{BASE}steps:\n  - id: s\n    title: A\n  - id: s\n    title: B\n"),
        11,
        9,
        "two steps have the id \"s\"",
    );
}

#[test]
fn duplicate_analysis_point_id() {
    only(
        &format!(
            "{BASE}analyses:\n  hosp:\n    causes:\n      - id: late\n        text: A\n      - id: late\n        text: B\n"
        ),
        13,
        13,
        "the id \"late\" is used twice in hosp's causes",
    );
}

#[test]
fn owner_who_is_not_a_participant() {
    only(
        &format!("{BASE}steps:\n  - id: s\n    title: S\n    owner: nobody\n{IN_REVIEW}"),
        11,
        12,
        "the owner \"nobody\" is not one of this pathway's participants (hosp)",
    );
}

#[test]
fn next_to_a_missing_step() {
    only(
        &format!("{BASE}steps:\n  - id: s\n    title: S\n    next: [gone]\n{IN_REVIEW}"),
        11,
        12,
        "there is no step with the id \"gone\"",
    );
}

#[test]
fn branch_to_a_missing_step() {
    only(
        &format!(
            "{BASE}steps:\n  - id: s\n    title: S\n    kind: decision\n    branches:\n      - when: \"Yes\"\n        next: gone\n{IN_REVIEW}"
        ),
        14,
        15,
        "there is no step with the id \"gone\"",
    );
}

#[test]
fn analysis_of_someone_who_is_not_a_participant() {
    only(
        &format!("{BASE}analyses:\n  council:\n    causes:\n      - text: A\n{IN_REVIEW}"),
        9,
        3,
        "there is an analysis for \"council\"",
    );
}

#[test]
fn monday_morning_for_someone_unknown() {
    only(
        &format!("{BASE}monday_morning:\n  - who: ward\n    change: C\n{IN_REVIEW}"),
        9,
        10,
        "\"who\" \"ward\" is not one of this pathway's participants",
    );
}

#[test]
fn sign_off_for_someone_unknown() {
    only(
        &format!(
            "{BASE}sign_off:\n  - participant: ward\n    by: a\n    at: 2026-11-20T10:02:00Z\n    digest: x\n{IN_REVIEW}"
        ),
        9,
        18,
        "the sign-off participant \"ward\" is not one of this pathway's participants",
    );
}

#[test]
fn a_draft_may_refer_to_what_is_not_there_yet() {
    let text =
        format!("{BASE}steps:\n  - id: s\n    title: S\n    owner: nobody\n    next: [later]\n");
    let (p, warnings) =
        carepath::store::read::load::load_str_with_warnings("p.yaml", &text).unwrap();
    assert_eq!(p.status.as_str(), "draft");
    assert_eq!(warnings.len(), 2);
    assert_eq!((warnings[0].line, warnings[0].column), (11, 12));
    assert!(
        warnings[1]
            .message
            .contains("no step with the id \"later\"")
    );
}

#[test]
fn several_problems_in_a_draft_still_block_when_they_are_not_references() {
    let d = errors(&format!(
        "{BASE}steps:\n  - id: s\n    title: S\n    kind: decision\n    owner: nobody\n"
    ));
    assert_eq!(
        d.len(),
        1,
        "only the decision without branches blocks: {d:#?}"
    );
}

#[test]
fn a_decision_without_branches() {
    only(
        &format!("{BASE}steps:\n  - id: s\n    title: S\n    kind: decision\n"),
        11,
        11,
        "is a decision but has no branches",
    );
}

#[test]
fn id_must_match_the_file_name() {
    only(
        "carepath: 1\nid: other\ntitle: T\n",
        2,
        5,
        "the pathway id \"other\" must match the file name \"p.yaml\"",
    );
}

#[test]
fn newer_format_version() {
    only(
        "carepath: 2\nid: p\ntitle: T\n",
        1,
        11,
        "this file is format version 2, but this carepath reads version 1",
    );
}

#[test]
fn not_a_pathway_at_all() {
    only("hello\n", 1, 1, "this is not a pathway");
}

#[test]
fn alias_bomb_is_refused_at_once() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..20 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let start = std::time::Instant::now();
    only(&text, 2, 10, "uses a YAML alias");
    assert!(
        start.elapsed().as_secs() < 2,
        "refusing the bomb must not expand it"
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let text = format!(
        "carepath: 1\nid: p\ntitle: T\nprinciples: {}\n",
        "[".repeat(10_000)
    );
    let d = errors(&text);
    assert!(d[0].message.contains("deeper than"), "{}", d[0]);
    assert_eq!(d[0].line, 4);
}

#[test]
fn more_than_one_document() {
    only(
        "carepath: 1\nid: p\ntitle: T\n---\ncarepath: 1\n",
        4,
        1,
        "more than one YAML document",
    );
}

#[test]
fn empty_file() {
    let d = errors("# nothing yet\n\n");
    assert!(
        d[0].message
            .contains("the file is empty; a pathway starts with `carepath: 1`")
    );
    assert_eq!((d[0].line, d[0].column), (0, 0));
}

#[test]
fn several_problems_are_all_reported_in_line_order() {
    let text = format!(
        "{BASE}steps:\n  - id: s\n    title: S\n    owner: nobody\n    next: [gone]\nmonday_morning:\n  - who: ward\n    change: C\n{IN_REVIEW}"
    );
    let d = errors(&text);
    assert_eq!(d.len(), 3, "{d:#?}");
    assert!(d.windows(2).all(|w| w[0].line <= w[1].line));
}

#[test]
fn escape_sequences_in_text_load_as_text() {
    let p = load_str(
        "p.yaml",
        "carepath: 1\nid: p\ntitle: \"A \\e]0;owned\\a B\"\n",
    )
    .unwrap();
    assert_eq!(
        p.title, "A \x1b]0;owned\x07 B",
        "cleaning is the screen's job, not the loader's"
    );
}

fn write(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

#[test]
fn file_over_the_size_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1024 * 1024).unwrap(); // sparse: no disk used
    let d = load_file(&path).unwrap_err();
    assert!(
        d[0].message
            .contains("9.0 MiB; carepath reads pathway files up to 8 MiB"),
        "{}",
        d[0]
    );
}

#[test]
fn binary_file() {
    let (_dir, path) = write("p.yaml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let d = load_file(&path).unwrap_err();
    assert!(d[0].message.contains("binary file"), "{}", d[0]);
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let (_dir, path) = write("p.yaml", b"carepath: 1\nid: p\ntitle: Caf\xe9 meeting\n");
    let d = load_file(&path).unwrap_err();
    assert!(d[0].message.contains("not valid UTF-8"), "{}", d[0]);
    assert_eq!((d[0].line, d[0].column), (3, 11));
}

#[test]
fn missing_file() {
    let d = load_file(std::path::Path::new("/no/such/p.yaml")).unwrap_err();
    assert!(d[0].message.contains("there is no such file"), "{}", d[0]);
    assert_eq!(d[0].file, "/no/such/p.yaml");
}

#[cfg(unix)]
#[test]
fn unreadable_file_says_to_ask_for_access() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = write("p.yaml", BASE.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        return; // running as root: permissions do not apply
    }
    let d = load_file(&path).unwrap_err();
    assert!(d[0].message.contains("permission"), "{}", d[0]);
}

#[test]
fn a_file_on_disk_loads_and_matches_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.yaml");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(BASE.as_bytes()).unwrap();
    assert_eq!(load_file(&path).unwrap().id, "p");
}

#[test]
fn a_copy_whose_id_does_not_match_its_name_loads_with_a_warning() {
    let (p, warnings) = carepath::store::read::load::load_str_with_warnings(
        "copy.yaml",
        "carepath: 1\nid: other\ntitle: T\n",
    )
    .expect("a mismatch alone does not stop the file loading");
    assert_eq!(p.id, "other");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!((warnings[0].line, warnings[0].column), (2, 5));
    assert!(
        warnings[0]
            .message
            .contains("the pathway id \"other\" must match the file name \"copy.yaml\""),
        "{}",
        warnings[0].message
    );
}
