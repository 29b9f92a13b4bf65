//! The limits every command applies to a file before parsing it, in one
//! place: its size, no NUL bytes, UTF-8, and how deeply it nests.
//!
//! A YAML parser given ever deeper nesting can take time that grows far
//! faster than the file (200 KB of `[` took 30 s), so the nesting is
//! measured first, by a streaming pass that stops at the first level too
//! deep, in time linear in the file.

use saphyr_parser::{Event, Parser};

use crate::store::read::load::Diagnostic;
use crate::store::safe_open::limits;
use crate::text::yaml::source_map::{Location, MAX_DEPTH};

/// The largest file any command reads as a pathway.
pub const MAX_BYTES: u64 = limits::PATHWAY;

/// The text of `bytes`, a file called `file`, if it is within the limits
/// and can be YAML text at all; else what is wrong, where.
pub fn check<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    check_capped(file, bytes, MAX_BYTES)
}

/// [`check`] with a smaller size limit, for files that are never large
/// (`people.yaml`, presence).
pub fn check_capped<'a>(file: &str, bytes: &'a [u8], cap: u64) -> Result<&'a str, Diagnostic> {
    if bytes.len() as u64 > cap {
        return Err(Diagnostic::whole_file(
            file,
            too_big(bytes.len() as u64, cap),
        ));
    }
    if bytes.contains(&0) {
        return Err(Diagnostic::whole_file(
            file,
            "this looks like a binary file, not a pathway: it contains NUL bytes",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(bytes, e.valid_up_to());
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: "this file is not valid UTF-8 text; save it as UTF-8 from your editor".into(),
        }
    })?;
    if !might_be_deep_or_aliased(text) {
        return Ok(text);
    }
    shape(text).map_err(|(at, message)| Diagnostic {
        file: file.to_string(),
        line: at.line,
        column: at.column,
        message,
    })?;
    Ok(text)
}

/// A quick look at the bytes, far cheaper than a YAML parser, that can
/// clear a file of deep nesting and aliases, and never clears one that
/// has them. It does not try to read quotes (which a file can use to
/// mislead a guess): a file whose flow nesting may be more than a few
/// levels (see [`flow_depth_at_most`]), or with many steps of indentation
/// or `- ` at the start of lines, or any `*`, is not cleared and gets the
/// exact, slower check. Block nesting needs a new step of indentation or
/// a `- ` / `? ` for at least every second level, so half the limit in
/// steps is the most a cleared file can hide.
fn might_be_deep_or_aliased(text: &str) -> bool {
    if text.contains('*') {
        return true;
    }
    let brackets = flow_depth_at_most(text);
    if brackets > MAX_DEPTH / 2 {
        return true;
    }
    let mut indents: Vec<usize> = Vec::new();
    for line in text.lines() {
        // Spaces and tabs are single bytes, so the indent is found by byte.
        let Some(indent) = line.bytes().position(|b| b != b' ' && b != b'\t') else {
            continue;
        };
        let rest = &line[indent..];
        while indents.last().is_some_and(|&i| i >= indent) {
            indents.pop();
        }
        indents.push(indent);
        let mut steps = 0;
        let mut r = rest;
        while let Some(next) = ["- ", "-\t", "? ", "?\t"]
            .iter()
            .find_map(|p| r.strip_prefix(p))
        {
            steps += 1;
            r = next.trim_start_matches([' ', '\t']);
        }
        if indents.len() + steps + brackets > MAX_DEPTH / 2 {
            return true;
        }
    }
    false
}

/// A bound on how deeply flow collections (`[…]`, `{…}`) nest, without
/// reading quotes. A line with no quote, comment, tag, anchor, alias or
/// escape character (`"` `'` `#` `!` `&` `*` `\`) whose brackets close in
/// order on the line leaves nothing open: in a flow collection a bracket
/// can only be hidden by those characters, so its brackets are either all
/// real or all text. Such a line adds only its own deepest point; every
/// other line adds each bracket it opens. So the usual `next: [a, b]`
/// lines of a long pathway do not add up, while any nesting a file could
/// hide behind quotes still counts in full.
fn flow_depth_at_most(text: &str) -> usize {
    let (mut open_elsewhere, mut deepest_on_a_line) = (0, 0);
    // Room for the brackets open on a line, used again for every line.
    let mut open = Vec::new();
    // Line ends and brackets are single bytes that never occur inside a
    // longer character, so the text is read by byte.
    for line in text.as_bytes().split(|&b| b == b'\n' || b == b'\r') {
        if !line.iter().any(|b| matches!(b, b'[' | b'{' | b']' | b'}')) {
            continue;
        }
        match closed_on_the_line(line, &mut open) {
            Some(depth) => deepest_on_a_line = deepest_on_a_line.max(depth),
            None => {
                open_elsewhere += line.iter().filter(|b| matches!(b, b'[' | b'{')).count();
            }
        }
    }
    open_elsewhere + deepest_on_a_line
}

/// The deepest nesting of `line`'s brackets, if they all close in order on
/// it and nothing on it could make a bracket text.
fn closed_on_the_line(line: &[u8], open: &mut Vec<u8>) -> Option<usize> {
    open.clear();
    let mut deepest = 0;
    for &b in line {
        match b {
            b'"' | b'\'' | b'#' | b'!' | b'&' | b'*' | b'\\' => return None,
            b'[' | b'{' => {
                open.push(b);
                deepest = deepest.max(open.len());
            }
            b']' if open.pop() != Some(b'[') => return None,
            b'}' if open.pop() != Some(b'{') => return None,
            _ => {}
        }
    }
    open.is_empty().then_some(deepest)
}

/// Refuses nesting deeper than [`MAX_DEPTH`], YAML aliases (which can
/// multiply a small file into a huge one) and malformed YAML, stopping at
/// the first.
pub fn shape(text: &str) -> Result<(), (Location, String)> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    loop {
        let (event, span) = match parser.next_event() {
            None => return Ok(()),
            Some(Ok(e)) => e,
            Some(Err(e)) if e.info().contains("recursion limit") => {
                return Err(((*e.marker()).into(), too_deep()));
            }
            // A file the quick look could not clear and that does not
            // parse is refused here, so no other parser is given the rest.
            Some(Err(e)) => {
                return Err((
                    (*e.marker()).into(),
                    crate::store::read::messages::file_problem(e.info()),
                ));
            }
        };
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Alias(_) => {
                return Err((
                    span.start.into(),
                    "this file uses a YAML alias (`*name`); carepath files don't use anchors and aliases, so write the text out in full".into(),
                ));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err((span.start.into(), too_deep()));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
}

fn too_deep() -> String {
    format!(
        "the nesting here is deeper than {MAX_DEPTH} levels, far deeper than any pathway needs; is the indentation right?"
    )
}

/// What a file over the limit is told.
pub fn too_big(len: u64, cap: u64) -> String {
    let what = if cap == MAX_BYTES {
        "pathway files"
    } else {
        "files like this"
    };
    if cap >= 1024 * 1024 {
        format!(
            "this file is {:.1} MiB; carepath reads {what} up to {} MiB",
            len as f64 / (1024.0 * 1024.0),
            cap / (1024 * 1024)
        )
    } else {
        format!(
            "this file is {} KiB; carepath reads {what} up to {} KiB",
            len.div_ceil(1024),
            cap / 1024
        )
    }
}

/// 1-based line and column of byte `offset`.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_at_its_place() {
        let text = format!("title: {}", "[".repeat(200_000));
        let d = check("p.yaml", text.as_bytes()).unwrap_err();
        assert!(d.message.contains("deeper than 32"), "{}", d.message);
        assert_eq!(d.line, 1);
    }

    #[test]
    fn the_quick_look_clears_real_pathways_and_flags_the_rest() {
        // Pathways written in block style are cleared at once (one with
        // many `[a, b]` lists, as the meeting's example has, gets the exact
        // check instead, which it passes).
        for name in [
            "discharge-to-care-home",
            "integrated-copd-clinic",
            "personalised-care-at-home",
            "care-home-medication-review",
        ] {
            let text = std::fs::read_to_string(format!("pathways/{name}.yaml")).unwrap();
            assert!(!might_be_deep_or_aliased(&text), "{name}");
        }
        assert!(might_be_deep_or_aliased(&"[".repeat(20)));
        assert!(might_be_deep_or_aliased("a: *x\n"));
        let stairs: String = (0..20)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i * 2)))
            .collect();
        assert!(might_be_deep_or_aliased(&stairs));
        // Brackets in quotes are counted too: quotes are not read.
        assert!(might_be_deep_or_aliased(
            "title: \"[[[[[[[[[[[[[[[[[[[[\"\n"
        ));
        assert!(!might_be_deep_or_aliased("title: \"[draft]\"\nsteps: []\n"));
    }

    #[test]
    fn flow_lists_closed_on_their_lines_do_not_add_up() {
        let long: String = (0..5000)
            .map(|i| format!("  next: [s{i}, s{}]\n", i + 1))
            .collect();
        assert!(!might_be_deep_or_aliased(&long));
        assert!(check("p.yaml", long.as_bytes()).is_ok());
        // Lines that close only as raw text, with a bracket that quotes,
        // a comment or a tag may make text, still count every bracket.
        for hidden in ["[\"]\", ", "[ # ]\n", "[ !t] ", "['] ", "{\"}\": "] {
            let text = format!("a: {}1\n", hidden.repeat(40));
            assert!(might_be_deep_or_aliased(&text), "{hidden}");
            assert!(check("p.yaml", text.as_bytes()).is_err(), "{hidden}");
        }
        // Opened on one line, closed on another: counted.
        let across = format!("a: {}\n{}\n", "[".repeat(20), "]".repeat(20));
        assert!(might_be_deep_or_aliased(&across));
        // Deep on one line: its depth counts.
        let deep_line = format!("a: {}{}\n", "[".repeat(20), "]".repeat(20));
        assert!(might_be_deep_or_aliased(&deep_line));
        assert!(!might_be_deep_or_aliased("a: [[1], {b: [2]}]\nc: [3]\n"));
    }

    #[test]
    fn block_nesting_counts_too() {
        let text = "- ".repeat(40) + "x\n";
        assert!(check("p.yaml", text.as_bytes()).is_err());
        let ok = "- ".repeat(10) + "x\n";
        assert!(check("p.yaml", ok.as_bytes()).is_ok());
    }

    #[test]
    fn size_nul_and_encoding_are_checked_first() {
        assert!(
            check_capped("people.yaml", &[b'a'; 2048], 1024)
                .unwrap_err()
                .message
                .contains("up to 1 KiB")
        );
        assert!(
            check("p.yaml", b"a: \0")
                .unwrap_err()
                .message
                .contains("NUL")
        );
        let d = check("p.yaml", b"a: 1\nb: \xff\n").unwrap_err();
        assert_eq!((d.line, d.column), (2, 4));
    }

    #[test]
    fn aliases_and_malformed_yaml_are_refused_when_checked() {
        assert!(check("p.yaml", b"a: &x [1]\nb: *x\n").is_err());
        // Many brackets: not cleared by the quick look, so parsed here.
        let unclosed = format!("a: {}\n", "[".repeat(20));
        let d = check("p.yaml", unclosed.as_bytes()).unwrap_err();
        assert!(d.message.contains("malformed"), "{}", d.message);
        // Cleared by the quick look: left to the parser that follows.
        assert!(check("p.yaml", b"a: [1\n").is_ok());
    }
}
