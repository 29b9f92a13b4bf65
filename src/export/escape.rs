//! Pathway text made safe for HTML and XML: control characters and bidi
//! overrides replaced (as on the terminal, see [`crate::text`]), then the
//! five markup characters escaped. A title holding `<script>` shows as
//! text.

use std::fmt::Write;

/// One line of text for an element or attribute.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push(&mut out, &crate::text::clean(s));
    out
}

/// Text that may span lines: line breaks kept, everything else as [`esc`].
pub fn esc_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (n, line) in crate::text::clean_lines(s).iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        push(&mut out, line);
    }
    out
}

fn push(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => {
                let _ = write!(out, "{c}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_become_text() {
        assert_eq!(
            esc("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(esc("a\u{202E}b\x1b"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(esc_lines("a\n<b>"), "a\n&lt;b&gt;");
    }
}
