//! Changing one value of a pathway file and nothing else: the new value is
//! spliced into the original text at the old value's place, in the old
//! value's style (plain, quoted or block), so comments, blank lines, key
//! order and the rest of the layout stay byte for byte as people wrote them
//! and `git diff` shows only the lines of the value.

use saphyr_parser::ScalarStyle;

use super::edit_map::insert_key;
pub use super::edit_map::{insert_entry, insert_entry_or_map, remove_key, rename_key};
use super::find::{Place, find};
use super::tree::{ByteSpan, Node};

/// Where a dotted path such as `steps.plan-early.title` leads.
pub(super) enum Target<'a> {
    /// An existing value, with where its key (or list dash) starts: block
    /// scalars are indented relative to that.
    Value(&'a Node, usize),
    /// A key that the mapping does not have yet.
    NewKey { map: &'a Node, key: String },
}

/// Finds `path` in the tree: mapping keys by name, list items by their
/// `id` or, where they have none, by index.
pub(super) fn resolve<'a>(root: &'a Node, path: &str) -> Result<Target<'a>, String> {
    let segments = segments(path)?;
    resolve_from(root, &segments, 0, 0)
}

/// The parts of a dotted path, or why it is not one.
pub(super) fn segments(path: &str) -> Result<Vec<&str>, String> {
    let segments: Vec<&str> = path.split('.').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(format!(
            "\"{path}\" is not a path; write it like steps.plan-early.title"
        ));
    }
    Ok(segments)
}

/// [`resolve`] from `node`, the place `segments[..done]` leads to, whose
/// key (or list dash, for `usize::MAX`) starts at `parent_at`.
pub(super) fn resolve_from<'a>(
    node: &'a Node,
    segments: &[&str],
    done: usize,
    parent_at: usize,
) -> Result<Target<'a>, String> {
    let mut node = node;
    let mut parent_at = parent_at;
    for (n, seg) in segments.iter().enumerate().skip(done) {
        let so_far = segments[..n].join(".");
        let here = if so_far.is_empty() {
            "the pathway".to_string()
        } else {
            so_far.clone()
        };
        node = match node {
            Node::Map { entries, .. } => match entries.iter().find(|e| e.key == *seg) {
                Some(e) => {
                    parent_at = e.key_span.start;
                    &e.value
                }
                None if n + 1 == segments.len() => {
                    return Ok(Target::NewKey {
                        map: node,
                        key: seg.to_string(),
                    });
                }
                None => return Err(format!("{here} has no `{seg}`")),
            },
            Node::Seq { items, .. } => {
                let by_id = items
                    .iter()
                    .find(|item| item.get("id").and_then(Node::as_str) == Some(seg));
                match by_id.or_else(|| seg.parse::<usize>().ok().and_then(|i| items.get(i))) {
                    Some(item) => {
                        parent_at = usize::MAX; // worked out from the dash below
                        item
                    }
                    None => {
                        let ids: Vec<&str> = items
                            .iter()
                            .filter_map(|i| i.get("id").and_then(Node::as_str))
                            .collect();
                        let known = if ids.is_empty() {
                            format!("items are numbered 0 to {}", items.len().saturating_sub(1))
                        } else {
                            ids_here(seg, &ids)
                        };
                        return Err(format!("{here} has no item \"{seg}\"; {known}"));
                    }
                }
            }
            Node::Scalar { .. } => {
                return Err(format!("{here} is a single value; it has no `{seg}`"));
            }
        };
    }
    Ok(Target::Value(node, parent_at))
}

/// How many ids a "no such item" message lists: enough to see the
/// pattern, few enough to read in a terminal when a list is long.
const IDS_LISTED: usize = 20;

/// The ids a mistyped one could have meant: the closest first, when one is
/// close, then the first few, and how many more there are.
fn ids_here(typo: &str, ids: &[&str]) -> String {
    let guess = ids
        .iter()
        .map(|id| (strsim::levenshtein(typo, id), *id))
        .filter(|(d, id)| *d <= 2.max(id.len() / 4))
        .min_by_key(|(d, id)| (*d, id.len().abs_diff(typo.len())))
        .map(|(_, id)| format!("did you mean \"{id}\"? "))
        .unwrap_or_default();
    let listed = ids[..ids.len().min(IDS_LISTED)].join(", ");
    let more = match ids.len().saturating_sub(IDS_LISTED) {
        0 => String::new(),
        n => format!(", and {n} more"),
    };
    format!("{guess}ids here: {listed}{more}")
}

/// The column where the value's parent starts: its key, or the `-` of its
/// list item.
fn parent_column(text: &str, parent_at: usize, value_start: usize) -> usize {
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    if parent_at != usize::MAX {
        return text[line_start(parent_at)..parent_at].chars().count();
    }
    let start = line_start(value_start);
    text[start..value_start].rfind('-').map_or_else(
        || line_indent(text, value_start),
        |i| text[start..start + i].chars().count(),
    )
}

/// The text of the file with the value at `path` set to `value`.
pub fn set_value(text: &str, path: &str, value: &str) -> Result<String, String> {
    let Some((span, replacement)) = value_change(text, path, value)? else {
        return Ok(text.to_string());
    };
    let mut out = String::with_capacity(text.len() + replacement.len());
    out.push_str(&text[..span.start]);
    out.push_str(&replacement);
    out.push_str(&text[span.end..]);
    Ok(out)
}

/// What [`set_value`] changes: the bytes of `text` it replaces and what
/// it writes there; `None` when the value already is `value`. A caller
/// holding a long file changes it in place with this, rather than
/// holding two copies.
pub fn value_change(
    text: &str,
    path: &str,
    value: &str,
) -> Result<Option<(ByteSpan, String)>, String> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let (span, replacement) = match find(text, path)? {
        // The same value again: nothing to write, not even a change of style.
        Place::Scalar { value: old, .. } if old == value => return Ok(None),
        Place::Scalar {
            in_flow: true,
            style,
            span,
            ..
        } => (span, render_in_flow(value, style)),
        Place::Scalar {
            style,
            span,
            value: old,
            parent_at,
            ..
        } => {
            let parent = parent_column(text, parent_at, span.start);
            let indent = block_indent(text, &span, style).unwrap_or(parent + 2);
            // An empty value is quoted only because it is empty ('' for a
            // field not filled in yet): what fills it is written plain.
            let style = if old.is_empty() {
                ScalarStyle::Plain
            } else {
                style
            };
            let rendered = render(
                value,
                style,
                Indent {
                    parent,
                    content: indent,
                },
                newline,
            );
            (span, rendered)
        }
        Place::Map => {
            return Err(format!(
                "{path} holds several values; set one of them, like {path}.text"
            ));
        }
        Place::Seq => {
            return Err(format!("{path} is a list; set one item, like {path}.0"));
        }
        Place::NewKey { map, key } => insert_key(text, &map, &key, value, newline)?,
    };
    Ok(Some(keep_line_comment(text, span, replacement)))
}

/// A comment on the line where a value starts belongs to the value's line,
/// not to its text. When the new value is a block, that comment goes on the
/// block's header line (`detail: |  # note`), where YAML allows it; a block
/// being replaced keeps its header's comment.
fn keep_line_comment(text: &str, span: ByteSpan, replacement: String) -> (ByteSpan, String) {
    let Some((header, body)) = replacement.split_once('\n') else {
        return (span, replacement);
    };
    let header = header.trim_end_matches('\r');
    let newline = if replacement.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let old = &text[span.clone()];
    let comment_in_old = old
        .lines()
        .next()
        .and_then(|first| first.find(" #").map(|i| first[i..].trim_end().to_string()));
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let line_end = if text[..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    let rest = &text[span.end..line_end];
    let (span, comment) = if old.contains('\n') {
        (span, comment_in_old)
    } else if rest.trim_start().starts_with('#') {
        (span.start..line_end, Some(rest.to_string()))
    } else {
        (span, None)
    };
    match comment {
        Some(c) => (span, format!("{header}{c}{newline}{body}")),
        None => (span, replacement),
    }
}

/// The column of the first non-space character of the line holding `at`.
pub(super) fn line_indent(text: &str, at: usize) -> usize {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..].chars().take_while(|c| *c == ' ').count()
}

/// The indentation of a block scalar's content lines.
fn block_indent(text: &str, span: &ByteSpan, style: ScalarStyle) -> Option<usize> {
    if !matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
        return None;
    }
    let body = &text[span.clone()];
    body.lines()
        .skip(1)
        .find(|l| !l.trim().is_empty())
        .map(|l| l.chars().take_while(|c| *c == ' ').count())
}

/// `value` written in `style` where it can be, so an edit looks like the
/// value it replaces; text with line breaks becomes a literal block.
/// Where a block scalar's parent starts and where its content goes.
#[derive(Clone, Copy)]
pub(super) struct Indent {
    pub(super) parent: usize,
    pub(super) content: usize,
}

pub(super) fn render(value: &str, style: ScalarStyle, indent: Indent, newline: &str) -> String {
    if value.contains('\n') {
        return if block_safe(value) {
            literal_block(value, indent, newline)
        } else {
            double_quoted(value)
        };
    }
    match style {
        ScalarStyle::SingleQuoted if !has_control(value) => single_quoted(value),
        ScalarStyle::DoubleQuoted => double_quoted(value),
        ScalarStyle::Literal | ScalarStyle::Folded if block_safe(value) => {
            literal_block(value, indent, newline)
        }
        _ if plain_safe(value) => value.to_string(),
        _ if !has_control(value) => single_quoted(value),
        _ => double_quoted(value),
    }
}

/// A value inside `[...]` or `{...}`: one line, quoted unless plain is safe
/// there too.
pub(super) fn render_in_flow(value: &str, style: ScalarStyle) -> String {
    let flow_safe = plain_safe(value) && !value.contains([',', '[', ']', '{', '}']);
    match style {
        ScalarStyle::Plain if flow_safe => value.to_string(),
        ScalarStyle::SingleQuoted | ScalarStyle::Plain if !has_control(value) => {
            single_quoted(value)
        }
        _ => double_quoted(value),
    }
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` reads back as the same text when written without quotes.
fn plain_safe(s: &str) -> bool {
    let first = s.chars().next();
    !s.is_empty()
        && s.trim() == s
        && !has_control(s)
        && !matches!(
            first,
            Some(
                '-' | '?'
                    | ':'
                    | ','
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '#'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '\''
                    | '"'
                    | '%'
                    | '@'
                    | '`'
            )
        )
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !matches!(s, "~" | "null" | "Null" | "NULL")
}

/// Whether a literal block can hold `value` exactly: a line of nothing but
/// spaces would be read as indentation, not text.
fn block_safe(value: &str) -> bool {
    !has_control(&value.replace('\n', ""))
        && value
            .split('\n')
            .all(|l| l.is_empty() || !l.trim().is_empty())
}

/// A literal block (`|`) with the content indented by `indent`, chomped so
/// it reads back exactly: `|-` without a final line break, `|` with one,
/// `|+` with more.
fn literal_block(value: &str, indent: Indent, newline: &str) -> String {
    let body = value.trim_end_matches('\n');
    let trailing = value.len() - body.len();
    let header = match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let content = indent.content.max(indent.parent + 1);
    let pad = " ".repeat(content);
    // Text that starts with a space needs its indentation stated, relative
    // to the parent, or the space would be taken for indentation.
    let needs_indicator = body
        .split('\n')
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.starts_with(' '));
    let mut out = String::from(header);
    if needs_indicator {
        out.push_str(&(content - indent.parent).clamp(1, 9).to_string());
    }
    for line in body.split('\n') {
        out.push_str(newline);
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    for _ in 1..trailing {
        out.push_str(newline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_id_is_answered_with_the_closest_and_a_few_others() {
        let ids: Vec<String> = (0..10_000).map(|i| format!("s{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let said = ids_here("s5O", &ids);
        assert!(
            said.starts_with("did you mean \"s50\"? ids here: s0, s1,"),
            "{said}"
        );
        assert!(said.ends_with("s19, and 9980 more"), "{said}");
        assert_eq!(ids_here("zzz", &["plan", "call"]), "ids here: plan, call");
    }

    #[test]
    fn plain_values_stay_plain_and_risky_ones_are_quoted() {
        let at = Indent {
            parent: 0,
            content: 2,
        };
        assert_eq!(
            render("Handover call", ScalarStyle::Plain, at, "\n"),
            "Handover call"
        );
        assert_eq!(
            render("Step 1: assess", ScalarStyle::Plain, at, "\n"),
            "'Step 1: assess'"
        );
        assert_eq!(render("null", ScalarStyle::Plain, at, "\n"), "'null'");
        assert_eq!(
            render("it's", ScalarStyle::SingleQuoted, at, "\n"),
            "'it''s'"
        );
        assert_eq!(
            render("a \"b\"", ScalarStyle::DoubleQuoted, at, "\n"),
            "\"a \\\"b\\\"\""
        );
    }

    #[test]
    fn text_with_line_breaks_becomes_a_block() {
        assert_eq!(
            literal_block(
                "one\ntwo\n",
                Indent {
                    parent: 2,
                    content: 4
                },
                "\n"
            ),
            "|\n    one\n    two"
        );
        assert_eq!(
            literal_block(
                "one\n\ntwo",
                Indent {
                    parent: 0,
                    content: 2
                },
                "\n"
            ),
            "|-\n  one\n\n  two"
        );
        assert_eq!(
            literal_block(
                " lead",
                Indent {
                    parent: 4,
                    content: 6
                },
                "\n"
            ),
            "|-2\n       lead"
        );
    }
}
