//! Finding the one value a dotted path leads to in a single pass over the
//! parser's events, without a tree of the whole file: a pathway of
//! thousands of steps has one value changed while only the mappings on the
//! way to it (and, in a list, one item at a time) are held.
//!
//! Whatever this pass is not sure of (a path that leads nowhere, an alias,
//! several documents, text that does not parse) it leaves to the tree
//! ([`super::tree::parse`] and [`super::edit::resolve`]), so every answer
//! and every message stays what the tree gives.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::edit::{Target, resolve, resolve_from, segments};
use super::tree::{ByteSpan, CharToByte, Growing, Node, parse, scalar_span};

/// Where a path leads, with what a change there needs to know.
#[derive(Debug, PartialEq)]
pub(super) enum Place {
    /// An existing single value, with where its key (or, for
    /// `usize::MAX`, its list dash) starts.
    Scalar {
        value: String,
        style: ScalarStyle,
        span: ByteSpan,
        in_flow: bool,
        parent_at: usize,
    },
    /// Several named values.
    Map,
    /// A list.
    Seq,
    /// A key the mapping does not have yet.
    NewKey { map: MapPlace, key: String },
}

/// What adding a key to a mapping needs to know of it.
#[derive(Debug, PartialEq)]
pub(super) struct MapPlace {
    /// Written on one line, as `{a: 1}`.
    pub(super) flow: bool,
    /// Column of the keys.
    pub(super) indent: usize,
    /// Where the first key starts.
    pub(super) first_key: Option<usize>,
    /// The last byte it covers, as [`Node::end`].
    pub(super) end: Option<usize>,
}

impl MapPlace {
    /// A mapping of a tree; `None` for any other node.
    fn of(node: &Node) -> Option<MapPlace> {
        match node {
            Node::Map {
                entries,
                flow,
                indent,
            } => Some(MapPlace {
                flow: *flow,
                indent: *indent,
                first_key: entries.first().map(|e| e.key_span.start),
                end: node.end(),
            }),
            _ => None,
        }
    }
}

impl Place {
    fn of(target: Target<'_>) -> Place {
        match target {
            Target::Value(
                Node::Scalar {
                    value,
                    style,
                    span,
                    in_flow,
                },
                parent_at,
            ) => Place::Scalar {
                value: value.clone(),
                style: *style,
                span: span.clone(),
                in_flow: *in_flow,
                parent_at,
            },
            Target::Value(Node::Map { .. }, _) => Place::Map,
            Target::Value(Node::Seq { .. }, _) => Place::Seq,
            Target::NewKey { map, key } => match MapPlace::of(map) {
                Some(map) => Place::NewKey { map, key },
                None => Place::Map,
            },
        }
    }
}

/// Where `path` leads in `text`, or why it leads nowhere, in the words of
/// [`resolve`].
pub(super) fn find(text: &str, path: &str) -> Result<Place, String> {
    if let Some(place) = stream(text, path) {
        return Ok(place);
    }
    let root = parse(text)?;
    resolve(&root, path).map(Place::of)
}

/// A mapping or list open in the pass, and what is known of it so far.
struct Frame {
    map: bool,
    flow: bool,
    /// For a mapping or list the path goes through: how many parts of the
    /// path lead to it.
    on_path: Option<usize>,
    /// A mapping's next event is a key.
    expect_key: bool,
    /// The key of the value to come, with where it starts and ends, and
    /// whether it is the path's next part.
    key: Option<(usize, usize, bool)>,
    /// The last byte covered so far, as [`Node::end`] counts it.
    end: Option<usize>,
    indent: usize,
    first_key: Option<usize>,
    /// The path's key was met in this mapping.
    found: bool,
    /// For a list on the path: the items so far.
    index: usize,
}

/// What the pass is doing.
enum Doing<'t> {
    Looking,
    /// Growing one item of the list the path goes through.
    Item(Growing<'t>),
    /// Found; the rest of the text is only read to the end, so text the
    /// tree would refuse is still refused.
    Done(Place),
}

/// The pass itself; `None` where the tree should answer.
fn stream(text: &str, path: &str) -> Option<Place> {
    let segments = segments(path).ok()?;
    let chars = CharToByte::new(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut doing = Doing::Looking;
    // An item of the list the path goes through that is picked by its
    // number, kept in case no item has that id.
    let mut by_index: Option<Node> = None;
    let mut documents = 0;
    for next in Parser::new_from_str(text) {
        let (event, span) = next.ok()?;
        match event {
            Event::Alias(_) => return None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {
                continue;
            }
            _ => {}
        }
        if matches!(doing, Doing::Looking) && starts_item(&event, &stack) {
            let in_flow = stack.iter().any(|f| f.flow);
            doing = Doing::Item(Growing::node_of(text, &chars, in_flow));
        }
        match &mut doing {
            Doing::Done(_) => continue,
            Doing::Item(growing) => {
                growing.event(&event, span).ok()?;
                if growing.is_whole() {
                    let Doing::Item(growing) = std::mem::replace(&mut doing, Doing::Looking) else {
                        return None;
                    };
                    let item = growing.finish().ok()?;
                    let frame = stack.last_mut()?;
                    let depth = frame.on_path?;
                    let seg = segments[depth];
                    frame.end = item.end();
                    frame.index += 1;
                    if item.get("id").and_then(Node::as_str) == Some(seg) {
                        doing = Doing::Done(item_place(&item, &segments, depth)?);
                    } else if by_index.is_none()
                        && seg.parse::<usize>().ok() == Some(frame.index - 1)
                    {
                        by_index = Some(item);
                    }
                }
                continue;
            }
            Doing::Looking => {}
        }
        let start = chars.byte(span.start.index());
        let end = chars.byte(span.end.index());
        match event {
            Event::Scalar(value, style, ..) => {
                let span = scalar_span(text, style, start, end);
                if let Some(place) = scalar(&mut stack, &segments, &value, style, span)? {
                    doing = Doing::Done(place);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let map = matches!(event, Event::MappingStart(..));
                let flow = text[start..].starts_with(if map { '{' } else { '[' });
                match opening(&mut stack, &segments, map)? {
                    Opening::Target(place) => {
                        doing = Doing::Done(place);
                        stack.push(Frame::new(map, flow, None, 0));
                    }
                    Opening::Skip => stack.push(Frame::new(map, flow, None, 0)),
                    Opening::OnPath(depth) => {
                        let indent = indent_of(text, map, flow, span, start);
                        stack.push(Frame::new(map, flow, Some(depth), indent));
                    }
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let frame = stack.pop()?;
                if let Some(depth) = frame.on_path
                    && let Some(place) = closing(&frame, depth, &segments, by_index.take())?
                {
                    doing = Doing::Done(place);
                }
                if let Some(parent) = stack.last_mut() {
                    parent.take_child(frame.end);
                }
            }
            _ => {}
        }
    }
    match doing {
        Doing::Done(place) => Some(place),
        _ => None,
    }
}

/// The column of a mapping's keys or a list's dashes, as the tree has it.
fn indent_of(text: &str, map: bool, flow: bool, span: Span, start: usize) -> usize {
    if map || flow {
        span.start.col()
    } else {
        super::tree::dash_column(text, start)
    }
}

impl Frame {
    fn new(map: bool, flow: bool, on_path: Option<usize>, indent: usize) -> Frame {
        Frame {
            map,
            flow,
            on_path,
            expect_key: true,
            key: None,
            end: None,
            indent,
            first_key: None,
            found: false,
            index: 0,
        }
    }

    /// A value (or list item) of this one has ended at `end`.
    fn take_child(&mut self, end: Option<usize>) {
        if self.map {
            let key_end = self.key.take().map(|(_, e, _)| e);
            self.end = end.or(key_end);
            self.expect_key = true;
        } else {
            self.end = end;
            self.index += 1;
        }
    }
}

/// What a mapping or list that opens is to the path.
enum Opening {
    /// The value the path leads to.
    Target(Place),
    /// One the path does not go through.
    Skip,
    /// One the path goes through, after this many of its parts.
    OnPath(usize),
}

/// Whether `event` begins an item of a list the path goes through.
fn starts_item(event: &Event<'_>, stack: &[Frame]) -> bool {
    matches!(
        event,
        Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..)
    ) && stack.last().is_some_and(|f| !f.map && f.on_path.is_some())
}

fn opening(stack: &mut [Frame], segments: &[&str], map: bool) -> Option<Opening> {
    let Some(parent) = stack.last_mut() else {
        return Some(Opening::OnPath(0));
    };
    if parent.map && parent.expect_key {
        // Only text keys are read; the tree says so.
        return None;
    }
    let Some(depth) = parent.on_path else {
        return Some(Opening::Skip);
    };
    if !parent.map {
        // Items of a list on the path are grown whole ([`starts_item`]).
        return None;
    }
    match parent.key {
        Some((_, _, true)) if depth + 1 == segments.len() => {
            Some(Opening::Target(if map { Place::Map } else { Place::Seq }))
        }
        Some((_, _, true)) => Some(Opening::OnPath(depth + 1)),
        _ => Some(Opening::Skip),
    }
}

/// Takes in a single value; the place found, if it is the one.
fn scalar(
    stack: &mut [Frame],
    segments: &[&str],
    value: &str,
    style: ScalarStyle,
    span: ByteSpan,
) -> Option<Option<Place>> {
    let in_flow = stack.iter().any(|f| f.flow);
    let Some(parent) = stack.last_mut() else {
        // A document that is one value: the tree says what is wrong.
        return None;
    };
    if parent.map && parent.expect_key {
        let on_path = parent
            .on_path
            .is_some_and(|depth| !parent.found && segments[depth] == value);
        parent.found |= on_path;
        parent.first_key.get_or_insert(span.start);
        parent.key = Some((span.start, span.end, on_path));
        parent.expect_key = false;
        return Some(None);
    }
    let found = match (parent.on_path, parent.key) {
        (Some(depth), Some((key_at, _, true))) if parent.map => {
            if depth + 1 < segments.len() {
                // A single value where the path goes on: the tree says so.
                return None;
            }
            Some(Place::Scalar {
                value: value.to_string(),
                style,
                span: span.clone(),
                in_flow,
                parent_at: key_at,
            })
        }
        (Some(_), _) if !parent.map => {
            // Items of a list on the path are grown whole ([`starts_item`]).
            return None;
        }
        _ => None,
    };
    parent.take_child(Some(span.end));
    Some(found)
}

/// A mapping or list the path goes through has ended: where the path
/// leads, if it is known now. `None` where the tree should answer.
fn closing(
    frame: &Frame,
    depth: usize,
    segments: &[&str],
    by_index: Option<Node>,
) -> Option<Option<Place>> {
    if frame.map {
        if frame.found || depth + 1 != segments.len() {
            return None;
        }
        return Some(Some(Place::NewKey {
            map: MapPlace {
                flow: frame.flow,
                indent: frame.indent,
                first_key: frame.first_key,
                end: frame.end,
            },
            key: segments[depth].to_string(),
        }));
    }
    let item = by_index?;
    Some(Some(item_place(&item, segments, depth)?))
}

/// Where the rest of the path leads inside the list item it picked.
fn item_place(item: &Node, segments: &[&str], depth: usize) -> Option<Place> {
    resolve_from(item, segments, depth + 1, usize::MAX)
        .ok()
        .map(Place::of)
}

#[cfg(test)]
mod tests;
