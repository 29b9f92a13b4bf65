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

    /// A paragraph of free text; line breaks in it are kept.
    pub fn para(&mut self, text: &str, style: Style) -> &mut Self {
        for line in text.lines() {
            self.blocks.push(Block::Para {
                prefix: Vec::new(),
                text: clean(line).into_owned(),
                style,
            });
        }
        if text.is_empty() {
            self.blank();
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
                    let indent: usize = prefix.iter().map(|(s, _)| s.width()).sum();
                    let avail = width.saturating_sub(indent).max(4);
                    for (i, l) in wrap(text, avail).into_iter().enumerate() {
                        let mut spans: Vec<Span<'static>> = if i == 0 {
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

/// Wraps one line of text at spaces to at most `width` columns; words longer
/// than a line are broken between grapheme clusters, never inside one.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split_word_bounds() {
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
