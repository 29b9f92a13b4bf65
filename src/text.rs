//! Making untrusted text safe to show.
//!
//! Pathway text, file names and user names come from files other people
//! wrote. Control characters and escape sequences in them could retitle the
//! terminal, clear the screen or reorder text (bidi overrides), so every
//! string bound for the screen passes through [`clean`] first.

use std::borrow::Cow;

pub mod yaml;

/// What a removed control character is shown as.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether `c` must never reach the terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c,
            '\u{061C}'              // Arabic letter mark
            | '\u{200E}' | '\u{200F}' // LRM, RLM
            | '\u{202A}'..='\u{202E}' // LRE, RLE, PDF, LRO, RLO
            | '\u{2066}'..='\u{2069}' // LRI, RLI, FSI, PDI
            | '\u{2028}' | '\u{2029}' // line/paragraph separators
            | '\u{FEFF}'              // zero-width no-break space / BOM
        )
}

/// One line of text for the screen: every control character, including
/// newlines and tabs, is replaced; tabs become a space.
///
/// ```
/// use carepath::text::clean;
/// // A title that tries to rename the terminal window shows as text.
/// assert_eq!(clean("Ward 7\x1b]0;owned\x07"), "Ward 7\u{FFFD}]0;owned\u{FFFD}");
/// assert_eq!(clean("Tūhono Whānau"), "Tūhono Whānau");
/// ```
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_unsafe(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// Multi-line text for the screen: split into lines, each cleaned.
pub fn clean_lines(s: &str) -> Vec<Cow<'_, str>> {
    s.lines()
        .map(|l| clean(l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        let s = clean("a\x1b]0;owned\x07b\x1b[2J");
        assert!(!s.contains('\x1b'));
        assert!(!s.contains('\x07'));
        assert_eq!(s, "a\u{FFFD}]0;owned\u{FFFD}b\u{FFFD}[2J");
    }

    #[test]
    fn c1_and_bidi_controls_are_replaced() {
        let s = clean("x\u{9b}31m\u{202E}evil\u{2066}");
        assert_eq!(s, "x\u{FFFD}31m\u{FFFD}evil\u{FFFD}");
    }

    #[test]
    fn plain_and_wide_text_is_untouched() {
        let s = "Māori — 看护 🏥 café";
        assert!(matches!(clean(s), Cow::Borrowed(_)));
    }

    #[test]
    fn tabs_and_newlines_become_spaces_in_one_line() {
        assert_eq!(clean("a\tb\nc"), "a b c");
        assert_eq!(clean_lines("a\r\nb\x1b"), vec!["a", "b\u{FFFD}"]);
    }
}
