//! Where the edited steps of OURS are in its text, found from its lines
//! rather than by reading the whole text: a long pathway is otherwise
//! parsed once more, whole, for the places of the few steps the merge
//! changed.
//!
//! The steps' list is split at its items' dashes as a long pathway is
//! split to be read in pieces (see [`steps_list`]), and
//! only where that finds as many items as OURS has steps: a dash inside a
//! quoted value would make one more. Each edited item's lines are then
//! read alone, as the only item of a list, and must be one item; its
//! lines are where the whole reading would place them, as they read the
//! same alone as in the file. Anything else is left to the whole reading.

use std::ops::Range;

use crate::text::yaml::edit_list::item_spans;
use crate::text::yaml::steps_list::steps_list;

/// The lines of the items `wanted` of the steps of `text`, which holds
/// `count` steps; the other items' are empty. `None` where they are not
/// found this way.
pub(super) fn of_steps(
    text: &str,
    count: usize,
    wanted: impl Iterator<Item = usize>,
) -> Option<Vec<Range<usize>>> {
    let list = steps_list(text)?;
    let (starts, end) = (list.items, list.end);
    if starts.len() != count {
        return None;
    }
    let mut spans = vec![0..0; count];
    for i in wanted {
        let start = *starts.get(i)?;
        let stop = starts.get(i + 1).copied().unwrap_or(end);
        let alone = format!("steps:\n{}", text.get(start..stop)?);
        let span = match item_spans(&alone, "steps").ok()?.as_slice() {
            [span] => span.clone(),
            _ => return None,
        };
        let shift = |at: usize| (at + start).checked_sub("steps:\n".len());
        *spans.get_mut(i)? = shift(span.start)?..shift(span.end)?;
    }
    Some(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pathway whose steps are laid out several ways.
    const TEXT: &str = "carepath: 1\nid: p\ntitle: T\nsteps:\n  - id: a\n    title: A  # first\n\n  # about b\n  - id: b\n    detail: |\n      Kept.\n\n    next: [a]\n  -\n    id: c\n    title: \"C\"\n# after\nmeasures: []\n";

    #[test]
    fn edited_steps_are_where_the_whole_reading_places_them() {
        let whole = item_spans(TEXT, "steps").unwrap_or_else(|e| panic!("{e}"));
        let found = of_steps(TEXT, 3, 0..3).unwrap_or_else(|| panic!("not found"));
        assert_eq!(found, whole);
        let some = of_steps(TEXT, 3, [1].into_iter()).unwrap_or_else(|| panic!("not found"));
        assert_eq!(some, [0..0, whole[1].clone(), 0..0]);
    }

    #[test]
    fn steps_that_may_not_split_at_their_dashes_are_left_to_the_whole_reading() {
        // A dash inside a quoted value: one item more than the steps.
        let quoted = TEXT.replace("title: A  # first\n", "title: \"A\n  - id: x\"\n");
        assert_eq!(of_steps(&quoted, 3, 0..3), None);
        // Another count of steps, a list on one line, no steps.
        assert_eq!(of_steps(TEXT, 2, 0..2), None);
        assert_eq!(of_steps("steps: [{id: a}]\n", 1, 0..1), None);
        assert_eq!(of_steps("carepath: 1\n", 0, 0..0), None);
    }
}
