//! Reading a merge written into OURS' text back, item by item. A merge
//! that only changed things inside the items of the pathway's lists (the
//! usual case: people edit steps) changed nothing outside those items'
//! lines; each such item is read back alone, as the list of one item its
//! lines are, and must be the merge's item. The rest of the file is OURS'
//! text as it was, which read as OURS, and OURS outside those items is the
//! merge. A long pathway is then not parsed a fourth time for the few
//! items that changed.
//!
//! Anything else (an item added, removed or moved, a change outside the
//! lists, an item whose lines no longer sit inside its list) is read back
//! whole by the caller.

use serde::de::DeserializeOwned;

use super::edits::Placed;
use crate::model::Pathway;
use crate::text::yaml::steps_list::keeps_trailing_lines;

/// Whether the item at `placed` in `text`, in the pathway's list `list`,
/// reads as the merge's item of that place.
pub(super) fn item_reads_back(list: &str, placed: &Placed, text: &str, merged: &Pathway) -> bool {
    let Some(lines) = text.get(placed.lines.clone()) else {
        return false;
    };
    if !stays_in_its_list(lines, placed.dash) {
        return false;
    }
    let i = placed.index;
    match list {
        "participants" => reads_as(lines, merged.participants.get(i)),
        "principles" => reads_as(lines, merged.principles.get(i)),
        "steps" => reads_as(lines, merged.steps.get(i)),
        "monday_morning" => reads_as(lines, merged.monday_morning.get(i)),
        "measures" => reads_as(lines, merged.measures.get(i)),
        "decisions" => reads_as(lines, merged.decisions.get(i)),
        "questions" => reads_as(lines, merged.questions.get(i)),
        "actions" => reads_as(lines, merged.actions.get(i)),
        "sign_off" => reads_as(lines, merged.sign_off.get(i)),
        _ => false,
    }
}

/// Whether `lines` are one block list item whose `- ` is at column `dash`
/// and nothing of which reaches left of the item's content, so they read
/// the same alone as in the file: the list, and what follows it, are
/// untouched.
fn stays_in_its_list(lines: &str, dash: usize) -> bool {
    let mut rows = lines.split_inclusive('\n');
    let Some(first) = rows.next() else {
        return false;
    };
    let indent = |row: &str| row.len() - row.trim_start_matches(' ').len();
    let after_dash = first.get(dash..).unwrap_or("");
    if indent(first) != dash
        || !(after_dash.starts_with("- ") || matches!(after_dash, "-\n" | "-\r\n" | "-"))
    {
        return false;
    }
    lines.ends_with('\n')
        && !keeps_trailing_lines(lines)
        && rows.all(|row| row.trim_matches([' ', '\r', '\n']).is_empty() || indent(row) > dash)
}

/// Whether `lines`, read as a list, are one item equal to `want`.
fn reads_as<T: DeserializeOwned + PartialEq>(lines: &str, want: Option<&T>) -> bool {
    let Some(want) = want else {
        return false;
    };
    matches!(serde_yaml::from_str::<Vec<T>>(lines).as_deref(), Ok([got]) if got == want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_read_alone_only_when_its_lines_stay_inside_its_list() {
        assert!(stays_in_its_list("  - id: a\n    title: A\n\n    # c\n", 2));
        assert!(stays_in_its_list("- id: a\n  title: A\n", 0));
        assert!(stays_in_its_list("  -\n    id: a\n", 2));
        // A line at the dash's column or left of it belongs to what follows.
        assert!(!stays_in_its_list("  - id: a\n  - id: b\n", 2));
        assert!(!stays_in_its_list("  - id: a\nmeasures: []\n", 2));
        assert!(!stays_in_its_list("  - id: a\n# about what follows\n", 2));
        assert!(!stays_in_its_list("    - id: a\n", 2));
        assert!(!stays_in_its_list("  - id: a", 2));
        assert!(!stays_in_its_list("", 0));
        // A block scalar keeping its trailing lines would take the blank
        // lines after the item.
        assert!(!stays_in_its_list("  - id: a\n    title: |+\n      A\n", 2));
        assert!(!stays_in_its_list(
            "  - id: a\n    title: >2+\n      A\n",
            2
        ));
        assert!(stays_in_its_list("  - id: a\n    title: |\n      A\n", 2));
    }

    #[test]
    fn an_item_reads_back_as_the_merges_item_or_not_at_all() {
        let merged: Pathway = serde_yaml::from_str(
            "carepath: 1\nid: p\ntitle: T\nsteps:\n  - id: a\n    title: A\n  - id: b\n    title: B\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let text = "steps:\n  - id: a\n    title: A\n  - id: b\n    title: B  # kept\n";
        let at = |index: usize, lines: std::ops::Range<usize>| Placed {
            index,
            lines,
            dash: 2,
        };
        let b = text.find("  - id: b").unwrap_or(0)..text.len();
        assert!(item_reads_back("steps", &at(1, b.clone()), text, &merged));
        // Another place, another list, a list the merge does not have.
        assert!(!item_reads_back("steps", &at(0, b.clone()), text, &merged));
        assert!(!item_reads_back(
            "measures",
            &at(1, b.clone()),
            text,
            &merged
        ));
        assert!(!item_reads_back("analyses", &at(1, b), text, &merged));
    }
}
