//! Where a pathway's top-level block list of steps is in its text, and
//! where each of its items starts, found from the lines alone: a long
//! pathway is read in pieces from these places, `set` outlines it by them,
//! and a merge finds the steps it edits by them, each without parsing the
//! whole text.

/// Where the top-level block list `steps` is.
pub struct StepsList {
    /// The start of the line `steps:`.
    pub key_line: usize,
    /// The start of each item's first line (its dash).
    pub items: Vec<usize>,
    /// The end of the list's last line: the start of the first line after
    /// it that is none of its own, or the end of the text.
    pub end: usize,
}

impl StepsList {
    /// Where item `i`'s lines end: where the next item starts, or the list ends.
    pub fn item_end(&self, i: usize) -> usize {
        self.items.get(i + 1).copied().unwrap_or(self.end)
    }
}

/// The list under a line `steps:` at the start of a line, when it is a
/// block list whose lines are all its own: blank, comments, items at one
/// column, or lines right of it; and what follows starts at the line's
/// start. `None` otherwise.
pub fn steps_list(text: &str) -> Option<StepsList> {
    let key_line = if text.starts_with("steps:") {
        0
    } else {
        text.find("\nsteps:")? + 1
    };
    let (_, key) = lines_from(text, key_line).next()?;
    let after_key = key["steps:".len()..].trim_end_matches('\r');
    let after_key = after_key.trim_start_matches(' ');
    if !(after_key.is_empty() || (after_key.starts_with('#') && key.contains(" #"))) {
        return None;
    }
    let body = key_line + key.len() + 1;
    let mut dash = None;
    let mut items = Vec::new();
    let mut end = text.len();
    for (start, line) in lines_from(text, body) {
        let blank = line.bytes().all(|b| b == b' ' || b == b'\r');
        let comment = line.trim_start_matches(' ').starts_with('#');
        if blank || comment {
            continue;
        }
        let column = indent(line);
        let after = line[column..].trim_end_matches('\r');
        let is_item = after == "-" || after.starts_with("- ");
        match dash {
            None if is_item => dash = Some(column),
            None => return None,
            Some(d) if column == d && is_item => {}
            Some(d) if column > d => continue,
            Some(_) => {
                // What follows the list: a key of the top-level mapping,
                // at the line's start.
                if matches!(line.as_bytes()[0], b' ' | b'\t' | b'-' | b'#') {
                    return None;
                }
                end = start;
                break;
            }
        }
        items.push(start);
    }
    let list = &text[*items.first()?..end];
    (!keeps_trailing_lines(list)).then_some(StepsList {
        key_line,
        items,
        end,
    })
}

/// A line's indent: the spaces it starts with.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The lines of `text` from `at`, each with its start, without its `\n`.
fn lines_from(text: &str, at: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = at;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let len = rest.find('\n').unwrap_or(rest.len());
        let line = (start, &rest[..len]);
        start += (len + 1).min(rest.len());
        Some(line)
    })
}

/// Whether `lines` may hold a block scalar that keeps its trailing blank
/// lines (`|+`, `>2+`): read alone, a run ending in one would not have the
/// blank lines the file gives it.
pub fn keeps_trailing_lines(lines: &str) -> bool {
    let b = lines.as_bytes();
    b.iter().enumerate().any(|(i, c)| {
        matches!(c, b'|' | b'>')
            && match b.get(i + 1) {
                Some(b'+') => true,
                Some(d) if d.is_ascii_digit() => b.get(i + 2) == Some(&b'+'),
                _ => false,
            }
    })
}
