//! The limits every command applies to a file before parsing it, in one
//! place: its size, no NUL bytes, UTF-8, and how deeply it nests.
//!
//! A YAML parser given ever deeper nesting can take time that grows far
//! faster than the file (200 KB of `[` took 30 s), so the nesting is
//! measured first, by a streaming pass that stops at the first level too
//! deep, in time linear in the file.

use yaml_rust2::parser::{Event, Parser};

use super::load::Diagnostic;
use super::safe_open::limits;
use super::source_map::{Location, MAX_DEPTH};

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
/// clear a file of deep nesting and aliases: it counts brackets outside
/// quotes and comments, and steps of indentation and `- ` at the start of
/// lines. It may think a file deeper than it is (a bracket in plain
/// text, a sequence at its key's indentation), never shallower than half;
/// a file it cannot clear gets the exact, slower check.
fn might_be_deep_or_aliased(text: &str) -> bool {
    if text.contains('*') {
        return true;
    }
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if flow == 0 && !rest.is_empty() && !rest.starts_with('#') {
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut dashes = 0;
        let mut r = rest;
        while let Some(next) = r.strip_prefix("- ").or_else(|| r.strip_prefix("-\t")) {
            dashes += 1;
            r = next.trim_start();
        }
        let (mut single, mut double, mut escaped) = (false, false, false);
        let mut prev_space = true;
        for b in rest.bytes() {
            match b {
                _ if escaped => escaped = false,
                b'\\' if double => escaped = true,
                b'"' if !single => double = !double,
                b'\'' if !double => single = !single,
                b'#' if !single && !double && prev_space => break,
                b'[' | b'{' if !single && !double => flow += 1,
                b']' | b'}' if !single && !double => flow = flow.saturating_sub(1),
                _ => {}
            }
            prev_space = b == b' ' || b == b'\t';
        }
        if flow + indents.len() + dashes > MAX_DEPTH / 2 {
            return true;
        }
    }
    false
}

/// Refuses nesting deeper than [`MAX_DEPTH`] and YAML aliases (which can
/// multiply a small file into a huge one), stopping at the first. Other
/// syntax errors are left for the parser that follows to report in full.
pub fn shape(text: &str) -> Result<(), (Location, String)> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(e) => e,
            Err(e) if e.info().contains("recursion limit") => {
                return Err(((*e.marker()).into(), too_deep()));
            }
            Err(_) => return Ok(()),
        };
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Alias(_) => {
                return Err((
                    mark.into(),
                    "this file uses a YAML alias (`*name`); carepath files don't use anchors and aliases, so write the text out in full".into(),
                ));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err((mark.into(), too_deep()));
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
        for entry in std::fs::read_dir("pathways").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert!(!might_be_deep_or_aliased(&text));
        }
        assert!(might_be_deep_or_aliased(&"[".repeat(20)));
        assert!(might_be_deep_or_aliased("a: *x\n"));
        let stairs: String = (0..20)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i * 2)))
            .collect();
        assert!(might_be_deep_or_aliased(&stairs));
        assert!(!might_be_deep_or_aliased(
            "title: \"[[[[[[[[[[[[[[[[[[[[\"\n"
        ));
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
    fn aliases_are_refused_and_syntax_errors_left_to_the_parser() {
        assert!(check("p.yaml", b"a: &x [1]\nb: *x\n").is_err());
        assert!(check("p.yaml", b"a: [1\n").is_ok());
    }
}
