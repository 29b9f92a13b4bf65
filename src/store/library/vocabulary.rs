//! `vocabulary.yaml` in the library: the words this library's partners use
//! for the same thing, added to the vocabulary built into carepath when
//! suggesting which points of two analyses are one. Optional.
//!
//! ```yaml
//! # the word both sides' wording is reduced to: the words that mean it
//! red-bag: [red bag, hospital transfer pack, grab bag]
//! virtual-ward: [hospital at home, h@h]
//! ```
//!
//! It sits beside the pathways (not in `.carepath/`), so that it travels
//! with them in git.

use std::path::Path;

use indexmap::IndexMap;

pub const FILE: &str = "vocabulary.yaml";

/// Larger files are refused unread: a vocabulary is a page or two.
const MAX_BYTES: u64 = 1024 * 1024;

/// The library's own groups of words, in file order; none when the file
/// is not there. A problem is said with the file, line and column.
pub fn load(library: &Path) -> Result<Vec<(String, Vec<String>)>, String> {
    let path = library.join(FILE);
    // Not a link, not a pipe, never more than the cap.
    let read = crate::store::safe_open::Folder::open(library).and_then(|f| f.read(FILE, MAX_BYTES));
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let name = path.display().to_string();
    let text = crate::store::read::input::check_capped(&name, &bytes, MAX_BYTES)
        .map_err(|d| d.to_string())?;
    parse(&name, text)
}

/// Reads the text of a vocabulary file called `name`.
pub fn parse(name: &str, text: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    if text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    }) {
        return Ok(Vec::new());
    }
    let groups: IndexMap<String, Vec<String>> = serde_yaml::from_str(text).map_err(|e| {
        let place = e
            .location()
            .map(|l| format!(":{}:{}", l.line(), l.column()))
            .unwrap_or_default();
        format!(
            "{name}{place}: each line of the vocabulary is a word and the list of words that mean it, e.g. `red-bag: [red bag, transfer pack]`"
        )
    })?;
    Ok(groups.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_means_no_words_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Vec::new());
    }

    #[test]
    fn groups_are_read_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE),
            "# ours\nred-bag: [red bag, transfer pack]\nvirtual-ward:\n  - hospital at home\n",
        )
        .unwrap();
        let groups = load(dir.path()).unwrap();
        assert_eq!(groups[0].0, "red-bag");
        assert_eq!(groups[0].1, vec!["red bag", "transfer pack"]);
        assert_eq!(groups[1].1, vec!["hospital at home"]);
    }

    #[test]
    fn a_malformed_file_says_where_and_how_it_should_look() {
        let e = parse("v.yaml", "red-bag: [red bag\nother: x\n").unwrap_err();
        assert!(e.starts_with("v.yaml:"), "{e}");
        assert!(e.contains("red-bag: [red bag, transfer pack]"), "{e}");
    }
}
