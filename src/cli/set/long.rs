//! `set` on a long pathway, holding its text once and an outline of it
//! (see [`crate::store::read::outline`]) rather than the pathway whole, as
//! it was and as it will be.
//!
//! The change is one value: the file after it is the file before it but
//! for a few lines. The outline before is checked with the same rules as
//! a load; the value is written into the text in place; the steps whose
//! lines it touched and the rest of the file are read again, and the
//! outline after is checked. The history's summary is the difference
//! between the two versions' rest and touched steps, which is their whole
//! difference. Whatever this cannot settle (a file that does not load, a step
//! whose id is a number, a status becoming `agreed`, which needs the whole
//! pathway's digest) is left to the whole reading, with the text as it was.

use std::ops::Range;

use super::SetError;
use crate::model::{Pathway, Status, Step, signoff, validate_with};
use crate::store::persist::history;
use crate::store::read::outline::Outline;
use crate::text::yaml::edit::value_change;

/// What setting the value comes to.
pub enum Planned {
    /// The value is already so, in the same words.
    Same,
    /// The text now holds the new value.
    Changed(Edit),
    /// The text has no outline: it is short, laid out otherwise, or does
    /// not read (in pieces, so not at all). It is read whole, at once.
    Unread,
}

/// A value written into a text in place, and how to take it back.
pub struct Edit {
    /// Where the new value starts.
    pub at: usize,
    /// The value as it was written before.
    pub was: String,
    /// The length of the value now written.
    pub len: usize,
    /// The change, as the history says it.
    pub summary: (Vec<String>, usize),
}

impl Edit {
    /// Swaps the text between as it was and as it is now.
    pub fn swap(&mut self, text: &mut String) {
        let now = text[self.at..self.at + self.len].to_string();
        text.replace_range(self.at..self.at + self.len, &self.was);
        self.len = self.was.len();
        self.was = now;
    }
}

/// Sets `path` to `value` in `text`, a long pathway read from the file
/// called `name`; `None` (with `text` as it was) where the whole reading
/// must decide.
pub fn plan(
    name: &str,
    text: &mut String,
    path: &str,
    value: &str,
) -> Option<Result<Planned, SetError>> {
    if text.starts_with('\u{feff}') || !within_limits(name, text) {
        return None;
    }
    let Some(outline) = Outline::read(text) else {
        return Some(Ok(Planned::Unread));
    };
    if !loads(&outline) {
        return None;
    }
    let change = match value_change(text, path, value) {
        Ok(change) => change,
        Err(e) => return Some(Err(SetError::Refused(format!("{name}: {e}")))),
    };
    let Some((span, replacement)) = change.filter(|(span, new)| text[span.clone()] != **new) else {
        return Some(Ok(Planned::Same));
    };
    let touched = outline.touched(&span);
    let before_steps = outline.steps_in(text, touched.clone())?;
    let mut edit = Edit {
        at: span.start,
        was: text[span.clone()].to_string(),
        len: replacement.len(),
        summary: (Vec::new(), 0),
    };
    text.replace_range(span.clone(), &replacement);
    let replaced = (&span, replacement.len());
    match after(name, text, outline, replaced, touched, before_steps) {
        Some(summary) => {
            edit.summary = summary;
            Some(Ok(Planned::Changed(edit)))
        }
        None => {
            edit.swap(text);
            None
        }
    }
}

/// The summary of the change, if the text after it (`text`) loads and
/// the whole reading has nothing to add.
fn after(
    name: &str,
    text: &str,
    outline: Outline,
    (span, new_len): (&Range<usize>, usize),
    touched: Range<usize>,
    before_steps: Vec<Step>,
) -> Option<(Vec<String>, usize)> {
    if !within_limits(name, text) {
        return None;
    }
    let first = touched.start;
    let (outline, before, after_steps) = outline.changed(text, span, new_len, touched)?;
    if !loads(&outline) || signoff::becomes_agreed(&before, &outline.rest) {
        return None;
    }
    // A step named by a number is found by its place when the change is
    // said in words: among a few steps, that place is another.
    let numbered = |steps: &[Step]| steps.iter().any(|s| s.id.parse::<usize>().is_ok());
    if numbered(&before_steps) || numbered(&after_steps) {
        return None;
    }
    let after = Pathway {
        steps: after_steps,
        ..outline.rest
    };
    let before = Pathway {
        steps: before_steps,
        ..before
    };
    Some(history::summarise_from(&before, &after, first))
}

/// Whether the text is within the limits every command applies.
fn within_limits(name: &str, text: &str) -> bool {
    crate::store::read::input::check(name, text.as_bytes()).is_ok()
}

/// Whether the pathway outlined loads: the rules a load applies find
/// nothing that stops it (a draft may refer to participants or steps not
/// there yet). An id that is not the file's name does not stop `set`
/// either: it is one way to put that right.
fn loads(outline: &Outline) -> bool {
    let draft = outline.rest.status == Status::Draft;
    validate_with(&outline.rest, &outline.steps)
        .iter()
        .all(|p| p.dangling && draft)
}

#[cfg(test)]
mod tests;
