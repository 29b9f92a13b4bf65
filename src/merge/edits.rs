//! The edits that turn OURS' text into the merge, and how each is written.
//! Edits inside the items of a list are grouped by item and made in each
//! item's own lines: a pathway of thousands of steps is read once for all
//! the steps that changed, not once for every change.

use crate::model::Change;
use crate::text::yaml::edit::insert_entry;
use crate::text::yaml::edit_list::item_spans;

/// The address an item's own lines have for the edits made in them: they
/// read as a list of that one item.
pub(super) const ITEM: &str = "0";

/// One change to OURS' text.
#[derive(Clone)]
pub(super) enum Edit {
    /// An edit as the app makes it.
    Change(Change),
    /// A new entry of a mapping whose value is a block (an analysis).
    Entry {
        map_path: String,
        key: String,
        yaml: String,
    },
    /// Edits inside items of the list at `path`, each item's addressed
    /// from [`ITEM`].
    InItems {
        path: String,
        items: Vec<(usize, Vec<Edit>)>,
    },
}

/// `path` with the leading [`ITEM`] replaced by `to`.
fn rebase(path: &str, to: &str) -> String {
    match path.strip_prefix(ITEM) {
        Some("") => to.to_string(),
        Some(rest) if rest.starts_with('.') => format!("{to}{rest}"),
        _ => path.to_string(),
    }
}

/// Where an item edited in its own lines is in the text that came of
/// it, and the column of its `- ` before the edit: enough to read the item
/// back alone (see `readback`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    /// The item's place in its list.
    pub index: usize,
    pub lines: std::ops::Range<usize>,
    pub dash: usize,
}

impl Edit {
    pub(super) fn write(&self, text: &str) -> Result<String, String> {
        self.write_placed(text, None).map(|(text, _)| text)
    }

    /// As [`Edit::write`], and, for edits made inside the items of a block
    /// list, where each edited item now is. `steps`: how many steps the
    /// text holds, where that is known, so edited steps can be found
    /// without reading the whole text (see `spans`).
    pub(super) fn write_placed(
        &self,
        text: &str,
        steps: Option<usize>,
    ) -> Result<(String, Option<Vec<Placed>>), String> {
        if let (Edit::InItems { path, items }, Some(count)) = (self, steps)
            && path == "steps"
            && let Some(spans) = super::spans::of_steps(text, count, items.iter().map(|(i, _)| *i))
        {
            return in_items(text, &spans, items).map(|(text, at)| (text, Some(at)));
        }
        match self {
            Edit::Change(c) => c.write(text).map(|text| (text, None)),
            Edit::Entry {
                map_path,
                key,
                yaml,
            } => insert_entry(text, map_path, key, yaml).map(|text| (text, None)),
            Edit::InItems { path, items } => match item_spans(text, path) {
                Ok(spans) => in_items(text, &spans, items).map(|(text, at)| (text, Some(at))),
                // A list on one line: each edit in the whole text.
                Err(_) => items
                    .iter()
                    .try_fold(text.to_string(), |text, (i, edits)| {
                        let to = format!("{path}.{i}");
                        edits.iter().try_fold(text, |t, e| e.rebased(&to).write(&t))
                    })
                    .map(|text| (text, None)),
            },
        }
    }

    /// The edit with its addresses moved from [`ITEM`] to `to`.
    fn rebased(&self, to: &str) -> Edit {
        let re = |p: &String| rebase(p, to);
        match self {
            Edit::Change(c) => Edit::Change(match c {
                Change::Set { path, value } => Change::Set {
                    path: re(path),
                    value: value.clone(),
                },
                Change::Insert { path, index, yaml } => Change::Insert {
                    path: re(path),
                    index: *index,
                    yaml: yaml.clone(),
                },
                Change::Remove { path, index } => Change::Remove {
                    path: re(path),
                    index: *index,
                },
                Change::Move { path, from, to } => Change::Move {
                    path: re(path),
                    from: *from,
                    to: *to,
                },
                Change::RenameKey { map_path, old, new } => Change::RenameKey {
                    map_path: re(map_path),
                    old: old.clone(),
                    new: new.clone(),
                },
                Change::RemoveKey { map_path, key } => Change::RemoveKey {
                    map_path: re(map_path),
                    key: key.clone(),
                },
                other => other.clone(),
            }),
            Edit::Entry {
                map_path,
                key,
                yaml,
            } => Edit::Entry {
                map_path: re(map_path),
                key: key.clone(),
                yaml: yaml.clone(),
            },
            // The items' own edits are addressed in their own lines.
            Edit::InItems { path, items } => Edit::InItems {
                path: re(path),
                items: items.clone(),
            },
        }
    }
}

/// Each item's edits made in its own lines, and the text put together
/// again in one pass, first item first (a long file is not moved once for
/// every item that changed), with where each edited item now is.
fn in_items(
    text: &str,
    spans: &[std::ops::Range<usize>],
    items: &[(usize, Vec<Edit>)],
) -> Result<(String, Vec<Placed>), String> {
    let mut order: Vec<&(usize, Vec<Edit>)> = items.iter().collect();
    order.sort_by_key(|(i, _)| *i);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut done = 0;
    let mut placed = Vec::with_capacity(order.len());
    for (i, edits) in order {
        let span = spans
            .get(*i)
            .ok_or_else(|| format!("the list has no item {i}"))?;
        if span.start < done {
            return Err(format!("item {i} overlaps the item before it"));
        }
        let lines = edits
            .iter()
            .try_fold(text[span.clone()].to_string(), |t, e| e.write(&t))?;
        out.push_str(&text[done..span.start]);
        let start = out.len();
        out.push_str(&lines);
        placed.push(Placed {
            index: *i,
            lines: start..out.len(),
            dash: text[span.clone()].len() - text[span.clone()].trim_start_matches(' ').len(),
        });
        done = span.end;
    }
    out.push_str(&text[done..]);
    Ok((out, placed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "steps:\n  - id: a\n    title: A  # first\n\n  # about b\n  - id: b\n    title: B\n    next: [a]\n";

    fn set(path: &str, value: &str) -> Edit {
        Edit::Change(Change::Set {
            path: path.into(),
            value: value.into(),
        })
    }

    #[test]
    fn edits_inside_items_are_made_in_their_own_lines() {
        let edit = Edit::InItems {
            path: "steps".into(),
            items: vec![
                (0, vec![set("0.title", "First")]),
                (
                    1,
                    vec![
                        set("0.id", "c"),
                        Edit::Change(Change::Insert {
                            path: "0.red_flags".into(),
                            index: 0,
                            yaml: "Falls\n".into(),
                        }),
                    ],
                ),
            ],
        };
        assert_eq!(
            edit.write(TEXT).unwrap(),
            "steps:\n  - id: a\n    title: First  # first\n\n  # about b\n  - id: c\n    title: B\n    next: [a]\n    red_flags:\n      - Falls\n"
        );
        // In a list on one line, each edit is made in the whole text.
        let edit = Edit::InItems {
            path: "steps.1.next".into(),
            items: vec![(0, vec![set("0", "b")])],
        };
        assert!(edit.write(TEXT).unwrap().contains("next: [b]"));
    }
}
