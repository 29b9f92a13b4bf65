//! A small document builder for the reading panes: headings, paragraphs and
//! bullets, wrapped to the pane's width by display width (so CJK text and
//! emoji are never split), with every string cleaned on the way in.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::clean;

/// A block of a document before wrapping.
enum Block {
    Heading(String, Style),
    /// `prefix` is shown on the first line, the rest are indented to match.
    Para {
        prefix: Vec<(String, Style)>,
        text: String,
        style: Style,
    },
    Blank,
}

/// Build a document, then [`Doc::lines`] to wrap it to a width.
#[derive(Default)]
pub struct Doc {
    blocks: Vec<Block>,
}

impl Doc {
    pub fn new() -> Doc {
        Doc::default()
    }

    pub fn heading(&mut self, text: &str, style: Style) -> &mut Self {
        self.blocks
            .push(Block::Heading(clean(text).into_owned(), style));
        self
    }

    /// Free text, read the way Markdown reads it: lines of one paragraph
    /// flow together, a blank line starts a new paragraph, and list items
    /// and indented lines keep their own line.
    pub fn para(&mut self, text: &str, style: Style) -> &mut Self {
        for line in reflow(text) {
            if line.is_empty() {
                self.blank();
            } else {
                self.blocks.push(Block::Para {
                    prefix: Vec::new(),
                    text: clean(&line).into_owned(),
                    style,
                });
            }
        }
        self
    }

    /// One item with a marker or label before it, e.g. `• ` or `[high] `.
    pub fn item(&mut self, prefix: &[(&str, Style)], text: &str, style: Style) -> &mut Self {
        let mut lines = text.lines();
        let first = lines.next().unwrap_or("");
        self.blocks.push(Block::Para {
            prefix: prefix
                .iter()
                .map(|(s, st)| (clean(s).into_owned(), *st))
                .collect(),
            text: clean(first).into_owned(),
            style,
        });
        let indent: usize = prefix.iter().map(|(s, _)| s.width()).sum();
        for line in lines {
            self.blocks.push(Block::Para {
                prefix: vec![(" ".repeat(indent), Style::new())],
                text: clean(line).into_owned(),
                style,
            });
        }
        self
    }

    pub fn blank(&mut self) -> &mut Self {
        self.blocks.push(Block::Blank);
        self
    }

    /// The document wrapped to `width` columns.
    pub fn lines(&self, width: u16) -> Vec<Line<'static>> {
        let width = usize::from(width.max(4));
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Heading(text, style) => {
                    for l in wrap(text, width) {
                        out.push(Line::from(Span::styled(l, *style)));
                    }
                }
                Block::Blank => out.push(Line::default()),
                Block::Para {
                    prefix,
                    text,
                    style,
                } => {
                    let mut indent: usize = prefix.iter().map(|(s, _)| s.width()).sum();
                    // A long label (a name and a date) would leave the text
                    // a narrow column (under forty columns, about six
                    // words): the label goes on its own line and the text
                    // (with the item's later lines) under it, indented two
                    // columns.
                    let mut label = !is_blank_indent(prefix);
                    if indent > width / 3 && width.saturating_sub(indent) < NARROW {
                        if label && !text.is_empty() {
                            let said: String = prefix.iter().map(|(s, _)| s.as_str()).collect();
                            let style = prefix.first().map_or(Style::new(), |(_, st)| *st);
                            for l in wrap(said.trim_end(), width) {
                                out.push(Line::from(Span::styled(l, style)));
                            }
                        }
                        if !text.is_empty() {
                            label = false;
                            indent = 2;
                        }
                    }
                    let avail = width.saturating_sub(indent).max(4);
                    for (i, l) in wrap(text, avail).into_iter().enumerate() {
                        let mut spans: Vec<Span<'static>> = if i == 0 && label {
                            prefix
                                .iter()
                                .map(|(s, st)| Span::styled(s.clone(), *st))
                                .collect()
                        } else {
                            vec![Span::raw(" ".repeat(indent))]
                        };
                        spans.push(Span::styled(l, *style));
                        out.push(Line::from(spans));
                    }
                }
            }
        }
        out
    }
}

/// Fewer columns than this beside a long label make a column too narrow to
/// read; the label then goes above its text.
const NARROW: usize = 40;

/// Whether a prefix is only the indent of an item's later lines.
fn is_blank_indent(prefix: &[(String, Style)]) -> bool {
    prefix.iter().all(|(s, _)| s.trim().is_empty())
}

/// The lines of `text` with soft line breaks joined: what a Markdown reader
/// shows as one paragraph becomes one line, to be wrapped to the screen.
fn reflow(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        let starts_block = trimmed.is_empty()
            || line.starts_with([' ', '\t'])
            || trimmed.starts_with(['-', '*', '+', '#', '>'])
            || trimmed
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        match out.last_mut() {
            Some(last) if joining && !starts_block => {
                last.push(' ');
                last.push_str(trimmed);
            }
            _ => out.push(line.to_string()),
        }
        joining = !trimmed.is_empty();
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Wraps one line of text at spaces to at most `width` columns; words longer
/// than a line are broken between grapheme clusters, never inside one.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in words(text) {
        let w = word.width();
        if line_width + w <= width {
            line.push_str(word);
            line_width += w;
            continue;
        }
        if word.trim().is_empty() {
            // A space at the end of a line is where the line breaks.
            lines.push(std::mem::take(&mut line));
            line_width = 0;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line_width = 0;
        }
        for g in word.graphemes(true) {
            let gw = g.width();
            if line_width + gw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push_str(g);
            line_width += gw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Words with the spaces between them as their own pieces, so that lines
/// break only at spaces (never after a bracket or a hyphen).
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let space = rest.starts_with(' ');
        let end = rest
            .find(|c: char| (c == ' ') != space)
            .unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// `text` whole over as many lines as it takes: its own lines kept, each
/// cleaned and wrapped to `width`; the first line starts after `first`
/// and the rest under it, indented by `first`'s width.
pub fn wrap_after(first: &str, text: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(first.width());
    let room = width.saturating_sub(indent.len()).max(8);
    let mut out = Vec::new();
    for line in crate::text::clean_lines(text) {
        for part in wrap(&line, room) {
            let lead = if out.is_empty() { first } else { &indent };
            out.push(format!("{lead}{part}"));
        }
    }
    if out.is_empty() {
        out.push(first.to_string());
    }
    out
}

/// `text` cut to `width` columns with `…` when it does not fit.
pub fn truncate(text: &str, width: usize) -> String {
    let text = clean(text);
    if text.width() <= width {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in text.graphemes(true) {
        let gw = g.width();
        if w + gw + 1 > width {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let lines = wrap("Medicines not ready when transport arrives", 16);
        assert_eq!(
            lines,
            vec!["Medicines not", "ready when", "transport", "arrives"]
        );
        assert!(lines.iter().all(|l| l.width() <= 16));
    }

    #[test]
    fn wide_characters_are_never_split() {
        let lines = wrap("看护看护看护看护", 5);
        assert!(lines.iter().all(|l| l.width() <= 5), "{lines:?}");
        assert_eq!(lines.concat(), "看护看护看护看护");
    }

    #[test]
    fn long_words_break_and_empty_text_is_one_line() {
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), vec![""]);
    }

    #[test]
    fn paragraphs_flow_and_lists_keep_their_lines() {
        let text =
            "The nurse decides,\nafter the call.\n\n- first\n- second\n1. numbered\nstill the item";
        assert_eq!(
            reflow(text),
            vec![
                "The nurse decides, after the call.",
                "",
                "- first",
                "- second",
                "1. numbered still the item"
            ]
        );
    }

    #[test]
    fn a_long_label_goes_above_its_text_so_the_text_keeps_the_width() {
        let mut d = Doc::new();
        d.item(
            &[(
                "Dr Bartholomew Okonkwo-Fitzgerald (2026-11-24): ",
                Style::new(),
            )],
            "Yes, the district nurse rings the care home the day before.\nAnd the GP is told.",
            Style::new(),
        );
        let text: Vec<String> = d
            .lines(40)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text,
            vec![
                "Dr Bartholomew Okonkwo-Fitzgerald",
                "(2026-11-24):",
                "  Yes, the district nurse rings the care",
                "  home the day before.",
                "  And the GP is told.",
            ]
        );
        // A short label keeps its text beside it.
        let mut d = Doc::new();
        d.item(&[("• ", Style::new())], "first", Style::new());
        let first: String = d.lines(40)[0]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(first, "• first");
    }

    #[test]
    fn lines_break_at_spaces_only() {
        assert_eq!(
            wrap("Oakview Care Home (care home)", 20),
            vec!["Oakview Care Home", "(care home)"]
        );
    }

    #[test]
    fn truncation_marks_what_is_cut() {
        assert_eq!(truncate("Riverside General", 10), "Riverside…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("看护看护", 4), "看…");
    }

    #[test]
    fn documents_clean_their_text() {
        let mut d = Doc::new();
        d.para("title\x1b]0;owned\x07", Style::new());
        let text: String = d.lines(80)[0]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert!(!text.contains('\x1b') && !text.contains('\x07'));
    }
}
