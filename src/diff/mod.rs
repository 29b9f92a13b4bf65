//! The structural difference between two versions of a pathway, in the
//! pathway's own terms: "step *Handover call*: owner changed from hospital
//! to oakview", not "line 214 changed". Pure: two pathways in, changes out.
//!
//! List items are matched by `id` where they have one, else by equal text,
//! else by similar text; a reordered item is a move, not a removal and an
//! addition. The differences themselves are found in the model
//! ([`crate::model::difference`]), where the merge finds them too; here
//! they are said in words.

use serde_json::Value;

pub use crate::model::difference::{Change, ChangeKind, diff};
use crate::model::{Pathway, schema};

/// Whether two texts of one pathway differ only in layout and comments.
pub fn layout_only(old_text: &str, new_text: &str, old: &Pathway, new: &Pathway) -> bool {
    old_text != new_text && old == new
}

/// A change as a sentence, naming what changed by its path (for scripts
/// and readers of the YAML: `carepath diff`).
pub fn describe(c: &Change) -> String {
    let what = c
        .label
        .as_deref()
        .map_or_else(|| c.path.clone(), |l| format!("{} ({})", c.path, l));
    sentence(c, what)
}

/// A change as a sentence for people, saying what changed in words
/// ("Oakview's cause 5, 'Agency night staff…'") rather than by its path;
/// names come from `p` (the version the change leads to) where it has
/// them.
pub fn describe_in(c: &Change, p: Option<&Pathway>) -> String {
    describe_in_from(c, p, 0)
}

/// [`describe_in`] where `p`'s steps are the pathway's from place
/// `first_step` on.
pub fn describe_in_from(c: &Change, p: Option<&Pathway>, first_step: usize) -> String {
    let what = crate::model::words::describe_from(p, &c.path, first_step);
    let mut chars = what.chars();
    let what = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => what,
    };
    sentence(c, what)
}

fn sentence(c: &Change, what: String) -> String {
    let show = |v: &Option<Value>| match v {
        Some(Value::String(s)) => format!("\"{}\"", crate::text::clean(s)),
        Some(v @ Value::Object(_)) => schema::label_of(v).map_or_else(
            || "an item".to_string(),
            |s| format!("\"{}\"", crate::text::clean(s)),
        ),
        Some(v) => crate::text::clean(&v.to_string()).into_owned(),
        None => "nothing".into(),
    };
    match c.kind {
        ChangeKind::Added => format!("{what}: added {}", show(&c.new)),
        ChangeKind::Removed => format!("{what}: removed {}", show(&c.old)),
        ChangeKind::Changed => format!("{what}: changed from {} to {}", show(&c.old), show(&c.new)),
        ChangeKind::Moved => format!(
            "{what}: moved from place {} to place {}",
            c.old.as_ref().and_then(Value::as_u64).map_or(0, |i| i + 1),
            c.new.as_ref().and_then(Value::as_u64).map_or(0, |i| i + 1)
        ),
    }
}

/// How `changes` touch the step `id`: `Added` when the whole step is new,
/// `Changed` when anything in it changed, `None` when nothing did. What a
/// local version's screens and published pages mark a step with.
pub fn step_change(changes: &[Change], id: &str) -> Option<ChangeKind> {
    let whole = format!("steps[{id}]");
    let mut found = None;
    for c in changes {
        if c.path == whole && c.kind == ChangeKind::Added {
            return Some(ChangeKind::Added);
        }
        if c.path.starts_with(&whole) {
            found = Some(ChangeKind::Changed);
        }
    }
    found
}
