//! Writing a merge into a file without rewriting the file. Where the merge
//! cannot be written in place (its read-back would differ, or a change has
//! no place in the file's layout), the file is not re-serialised: it stays
//! as it is, and every difference between it and the merge is recorded as
//! a conflict, with both values, for people to decide. Both versions are
//! kept; nothing is replaced by a plain rewrite or by nothing.

use serde_json::Value;

use super::Conflict;
use crate::model::difference::{ChangeKind, diff};
use crate::model::{Pathway, blocking};

/// What a merge became in a file's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// The file's text with the merge written in; comments and layout kept
    /// wherever the content stays.
    InPlace(String),
    /// The file's text as it was. `conflicts` hold, for each difference,
    /// the file's value as "ours" and the merge's as "theirs"; `why` says
    /// why it could not be written in place.
    Apart {
        why: String,
        conflicts: Vec<Conflict>,
    },
}

/// `merged` written into `text`, which reads as `in_file`.
pub fn write_into(text: &str, in_file: &Pathway, merged: &Pathway) -> Written {
    match super::write::into_ours(text, in_file, merged) {
        Ok(text) => Written::InPlace(text),
        Err(why) => Written::Apart {
            why,
            conflicts: differences(in_file, merged),
        },
    }
}

/// As [`write_into`], from the trees the merge built (see
/// [`super::merge_trees_taking_ours`]), so they are not built again. The
/// file's pathway is asked of `in_file` only where the merge cannot be
/// written in place: a long one need not be held while the merge is
/// written.
pub fn write_into_trees(
    text: &str,
    in_file: impl FnOnce() -> Result<Pathway, String>,
    merged: &Pathway,
    trees: super::Trees,
) -> Result<Written, String> {
    Ok(match super::write::into_ours_trees(text, trees, merged) {
        Ok(text) => Written::InPlace(text),
        Err(why) => Written::Apart {
            why,
            conflicts: differences(&in_file()?, merged),
        },
    })
}

/// As [`write_into`], and the result must also load as a pathway (a step
/// may lead to one the other side removed): where it would not, the file
/// stays as it is and the differences are conflicts, so an app never swaps
/// a session's edits for a file it cannot open.
pub fn write_loadable(text: &str, in_file: &Pathway, merged: &Pathway) -> Written {
    match write_into(text, in_file, merged) {
        // `into_ours` has read the text back as `merged`, so what is left
        // of loading it is the pathway's rules.
        Written::InPlace(out) => match blocking(merged).as_slice() {
            [] => Written::InPlace(out),
            problems => Written::Apart {
                why: problems
                    .iter()
                    .map(|p| format!("{}: {}", p.path, p.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                conflicts: differences(in_file, merged),
            },
        },
        apart => apart,
    }
}

/// Every difference from `in_file` to `merged` as a conflict: the file's
/// value against the merge's. A move is named with the places, as it has
/// no value of its own.
pub fn differences(in_file: &Pathway, merged: &Pathway) -> Vec<Conflict> {
    diff(in_file, merged)
        .into_iter()
        .map(|c| match c.kind {
            ChangeKind::Moved => Conflict {
                path: format!("{} (place)", c.path),
                base: None,
                ours: c.old.map(|v| place(&v)),
                theirs: c.new.map(|v| place(&v)),
            },
            _ => Conflict {
                path: c.path,
                base: None,
                ours: c.old,
                theirs: c.new,
            },
        })
        .collect()
}

/// A place in a list as people count it, from 1.
fn place(index: &Value) -> Value {
    Value::from(index.as_u64().map_or(0, |i| i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# kept\ncarepath: 1\nid: p\ntitle: Old\nsteps:\n  - id: a\n    title: A\n  - id: b\n    title: B\n";

    #[test]
    fn what_cannot_be_written_in_place_is_kept_as_conflicts_not_rewritten() {
        let file: Pathway = serde_yaml::from_str(TEXT).unwrap();
        let mut merged = file.clone();
        merged.title = "New".into();
        merged.steps.swap(0, 1);
        // A text that does not read as `file`: nothing can be written in place.
        let Written::Apart { conflicts, .. } = write_into("carepath: 1\n", &file, &merged) else {
            panic!("written in place");
        };
        let paths: Vec<&str> = conflicts.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["title", "steps[a] (place)"]);
        assert_eq!(conflicts[0].theirs, Some(Value::from("New")));
        assert_eq!(
            (conflicts[1].ours.clone(), conflicts[1].theirs.clone()),
            (Some(Value::from(1)), Some(Value::from(2)))
        );
        assert_eq!(
            write_into(TEXT, &file, &merged),
            Written::InPlace(
                "# kept\ncarepath: 1\nid: p\ntitle: New\nsteps:\n  - id: b\n    title: B\n  - id: a\n    title: A\n".into()
            )
        );
    }
}
