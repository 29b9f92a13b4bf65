//! A YAML document as a tree of nodes that know where they are in the
//! text, so that one value can be replaced without touching anything else:
//! comments, blank lines, quoting and key order all stay as people wrote
//! them.

use saphyr_parser::{Event, Parser, ScalarStyle};

/// Byte offsets into the text, end exclusive.
pub type ByteSpan = std::ops::Range<usize>;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Scalar {
        value: String,
        style: ScalarStyle,
        /// The scalar as written: quotes included; for a block scalar, from
        /// the `|` or `>` to the end of its last line of content.
        span: ByteSpan,
        /// Inside `[...]` or `{...}`, where a value must stay on one line
        /// and `,[]{}` need quotes.
        in_flow: bool,
    },
    Map {
        entries: Vec<Entry>,
        flow: bool,
        /// Column of the keys, for a block mapping.
        indent: usize,
    },
    Seq {
        items: Vec<Node>,
        flow: bool,
        indent: usize,
        /// Where the list starts: its `[`, for a flow list.
        start: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: ByteSpan,
    pub value: Node,
}

impl Node {
    /// The entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map { entries, .. } => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The last byte this node covers, for inserting after it.
    pub fn end(&self) -> Option<usize> {
        match self {
            Node::Scalar { span, .. } => Some(span.end),
            Node::Map { entries, .. } => entries
                .last()
                .and_then(|e| e.value.end().or(Some(e.key_span.end))),
            Node::Seq { items, .. } => items.last().and_then(Node::end),
        }
    }
}

/// Parses `text` into a tree. Errors are the parser's own words; files are
/// checked by the loader first, so they are rare here.
pub fn parse(text: &str) -> Result<Node, String> {
    let mut tree = Growing::new(text);
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| e.to_string())?;
        tree.event(&event, span)?;
    }
    tree.finish()
}

/// A tree built one parser event at a time, so a pass over the events made
/// for another purpose (the source map) can build it too.
pub struct Growing<'t> {
    text: &'t str,
    chars: std::borrow::Cow<'t, CharToByte>,
    stack: Vec<Builder>,
    root: Option<Node>,
    /// The node grown is inside `[...]` or `{...}` begun before it.
    in_flow: bool,
}

impl<'t> Growing<'t> {
    pub fn new(text: &'t str) -> Self {
        Growing {
            text,
            chars: std::borrow::Cow::Owned(CharToByte::new(text)),
            stack: Vec::new(),
            root: None,
            in_flow: false,
        }
    }

    /// A tree of one node of `text` and what it holds, from the node's
    /// first event on: a pass that looks for one value grows only the
    /// parts where it may be.
    pub(super) fn node_of(text: &'t str, chars: &'t CharToByte, in_flow: bool) -> Self {
        Growing {
            text,
            chars: std::borrow::Cow::Borrowed(chars),
            stack: Vec::new(),
            root: None,
            in_flow,
        }
    }

    /// Whether the node is whole: every event of it is in.
    pub(super) fn is_whole(&self) -> bool {
        self.root.is_some()
    }

    /// Takes in the next event of `text`'s parse.
    pub fn event(&mut self, event: &Event<'_>, span: saphyr_parser::Span) -> Result<(), String> {
        let text = self.text;
        let start = self.chars.byte(span.start.index());
        let end = self.chars.byte(span.end.index());
        let stack = &mut self.stack;
        let node = match event {
            Event::Scalar(value, style, ..) => Some(Node::Scalar {
                span: scalar_span(text, *style, start, end),
                value: value.to_string(),
                style: *style,
                in_flow: self.in_flow || stack.iter().any(Builder::is_flow),
            }),
            Event::MappingStart(..) => {
                let flow = text[start..].starts_with('{');
                stack.push(Builder::Map {
                    entries: Vec::new(),
                    key: None,
                    flow,
                    indent: span.start.col(),
                });
                None
            }
            Event::SequenceStart(..) => {
                let flow = text[start..].starts_with('[');
                stack.push(Builder::Seq {
                    items: Vec::new(),
                    flow,
                    indent: if flow {
                        span.start.col()
                    } else {
                        dash_column(text, start)
                    },
                    start,
                });
                None
            }
            Event::MappingEnd | Event::SequenceEnd => stack.pop().map(Builder::finish),
            Event::Alias(_) => return Err("aliases are not supported".into()),
            _ => None,
        };
        if let Some(node) = node {
            match stack.last_mut() {
                Some(b) => b.add(node)?,
                None => self.root = Some(node),
            }
        }
        Ok(())
    }

    /// The whole tree, once every event is in.
    pub fn finish(self) -> Result<Node, String> {
        self.root.ok_or_else(|| "the document is empty".to_string())
    }
}

enum Builder {
    Map {
        entries: Vec<Entry>,
        key: Option<(String, ByteSpan)>,
        flow: bool,
        indent: usize,
    },
    Seq {
        items: Vec<Node>,
        flow: bool,
        indent: usize,
        start: usize,
    },
}

impl Builder {
    fn is_flow(&self) -> bool {
        match self {
            Builder::Map { flow, .. } | Builder::Seq { flow, .. } => *flow,
        }
    }

    fn add(&mut self, node: Node) -> Result<(), String> {
        match self {
            Builder::Seq { items, .. } => items.push(node),
            Builder::Map { entries, key, .. } => match key.take() {
                Some((k, key_span)) => entries.push(Entry {
                    key: k,
                    key_span,
                    value: node,
                }),
                None => match node {
                    Node::Scalar { value, span, .. } => *key = Some((value, span)),
                    _ => return Err("only text keys are supported".into()),
                },
            },
        }
        Ok(())
    }

    fn finish(self) -> Node {
        match self {
            Builder::Map {
                entries,
                flow,
                indent,
                ..
            } => Node::Map {
                entries,
                flow,
                indent,
            },
            Builder::Seq {
                items,
                flow,
                indent,
                start,
            } => Node::Seq {
                items,
                flow,
                indent,
                start,
            },
        }
    }
}

/// The column of the `-` that starts a block list whose first item begins
/// at `start`: the parser places a list whose dashes are not indented
/// (`key:` then `- item` in the same column, as programs write YAML) at
/// its first item's content, not at its dash.
pub(super) fn dash_column(text: &str, start: usize) -> usize {
    let line = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let column = |at: usize| text[line..at].chars().count();
    if text[start..].starts_with('-') {
        return column(start);
    }
    text[line..start]
        .rfind('-')
        .map_or_else(|| column(start), |at| column(line + at))
}

/// The exact extent of a scalar as written. The parser's span is right for
/// plain and single-quoted scalars; a double-quoted one is measured to its
/// closing quote, and a block scalar runs from its indicator to the end of
/// its last non-blank line (trailing blank lines belong to what follows).
pub(super) fn scalar_span(text: &str, style: ScalarStyle, start: usize, end: usize) -> ByteSpan {
    match style {
        ScalarStyle::DoubleQuoted => {
            let bytes = text.as_bytes();
            let mut i = start + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return start..i + 1,
                    _ => i += 1,
                }
            }
            start..end
        }
        ScalarStyle::Literal | ScalarStyle::Folded => {
            let indicator = text[..start].rfind(['|', '>']).unwrap_or(start);
            let body = &text[indicator..end.min(text.len())];
            // The last line with any text, whole (its trailing spaces are
            // text too); blank lines after it are not the scalar's.
            let mut last = 0;
            let mut at = 0;
            for line in body.split_inclusive('\n') {
                let content = line.trim_end_matches(['\n', '\r']);
                if !content.trim().is_empty() {
                    last = at + content.len();
                }
                at += line.len();
            }
            indicator..indicator + last
        }
        _ => start..end,
    }
}

/// Converts the parser's character positions to byte offsets.
///
/// Most pathway text is ASCII, where a character's place is its byte's: only
/// the characters of more than one byte are kept, with how many bytes more
/// than characters the text holds after each, so a long file costs no table
/// the size of itself.
#[derive(Clone)]
pub(super) struct CharToByte {
    /// (character index, extra bytes up to and including it) for each
    /// character longer than one byte, in order.
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CharToByte {
    pub(super) fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.chars().enumerate() {
                if c.len_utf8() > 1 {
                    extra += c.len_utf8() - 1;
                    wide.push((i, extra));
                }
            }
        }
        CharToByte {
            wide,
            len: text.len(),
        }
    }

    pub(super) fn byte(&self, char_index: usize) -> usize {
        let before = self.wide.partition_point(|&(i, _)| i < char_index);
        let extra = before.checked_sub(1).map_or(0, |k| self.wide[k].1);
        (char_index + extra).min(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# head\ntitle: Plain value  # c\nq: \"quoted: \\\"x\\\"\" # c2\ns: 'single'\nblock: |\n  line one\n  line two\n\nnext: Māori 看护\nsteps:\n  - id: x\n    title: T\n";

    fn span_text(node: &Node) -> &str {
        match node {
            Node::Scalar { span, .. } => &TEXT[span.clone()],
            _ => "",
        }
    }

    #[test]
    fn characters_are_placed_at_their_bytes() {
        for text in [TEXT, "", "abc", "é", "aé看b🙂c"] {
            let chars = CharToByte::new(text);
            let want: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len(), text.len()])
                .collect();
            let got: Vec<usize> = (0..want.len()).map(|i| chars.byte(i)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn scalars_know_exactly_where_they_are() {
        let root = parse(TEXT).unwrap();
        assert_eq!(span_text(root.get("title").unwrap()), "Plain value");
        assert_eq!(span_text(root.get("q").unwrap()), "\"quoted: \\\"x\\\"\"");
        assert_eq!(span_text(root.get("s").unwrap()), "'single'");
        assert_eq!(
            span_text(root.get("block").unwrap()),
            "|\n  line one\n  line two"
        );
        assert_eq!(span_text(root.get("next").unwrap()), "Māori 看护");
        let Node::Seq { items, indent, .. } = root.get("steps").unwrap() else {
            panic!()
        };
        assert_eq!(*indent, 2);
        assert_eq!(span_text(items[0].get("title").unwrap()), "T");
    }

    #[test]
    fn a_list_whose_dashes_are_not_indented_is_known_at_its_dashes() {
        let root =
            parse("principles:\n- Everybody counts\n- Conflict\nsteps:\n- id: a\n  title: A\n")
                .unwrap();
        for key in ["principles", "steps"] {
            let Node::Seq { indent, .. } = root.get(key).unwrap() else {
                panic!("{key} is a list");
            };
            assert_eq!(*indent, 0, "{key}");
        }
    }
}
