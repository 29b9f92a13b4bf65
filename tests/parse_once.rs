//! How often a pathway's text is parsed when it is loaded: once for a
//! file without problems; a file with problems gets one more pass, over
//! the parser's events only, to find where each problem is. Its own test
//! executable, since the count is for the whole process.

use std::sync::atomic::Ordering;

use carepath::store::read::load::{PARSES, load_file_with_warnings, load_str};

fn parses(load: impl FnOnce()) -> usize {
    let before = PARSES.load(Ordering::SeqCst);
    load();
    PARSES.load(Ordering::SeqCst) - before
}

#[test]
fn a_file_is_parsed_once_a_load() {
    let example = std::path::Path::new("pathways/discharge-to-care-home.yaml");
    assert_eq!(
        parses(|| {
            load_file_with_warnings(example).unwrap();
        }),
        1
    );

    let text = std::fs::read_to_string(example).unwrap();
    let typo = text.replacen("title:", "titel:", 1);
    let mut diagnostics = Vec::new();
    assert_eq!(
        parses(|| diagnostics = load_str("discharge-to-care-home.yaml", &typo).unwrap_err()),
        2
    );
    // The problem is still told at its line, with its place in words.
    assert!(diagnostics[0].line > 0, "{diagnostics:?}");
    assert!(
        diagnostics[0].message.contains("did you mean `title`"),
        "{diagnostics:?}"
    );
}
