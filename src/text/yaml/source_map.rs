//! Where each value of a YAML document is, so that problems found in the
//! typed model can be reported at a line and column.
//!
//! Built from the event stream of `saphyr-parser` (the parser the text
//! layer uses for spans too), iteratively (never
//! recursively, so deep nesting cannot overflow the stack). The same pass
//! refuses what carepath files never need and an attacker could abuse:
//! aliases (the "billion laughs" bomb), absurd nesting, several documents.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser};

use super::tree::{Growing, Node};
use crate::model::FieldPath;

/// Nesting deeper than this is refused; real pathways use about six levels.
pub const MAX_DEPTH: usize = 32;

/// 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl From<Marker> for Location {
    fn from(m: Marker) -> Self {
        Location {
            line: m.line(),
            column: m.col() + 1,
        }
    }
}

/// Why a document could not be mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapError {
    pub at: Location,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct SourceMap {
    values: HashMap<FieldPath, Location>,
    keys: HashMap<FieldPath, Location>,
}

/// One open collection while walking the events.
enum Frame {
    Map {
        path: FieldPath,
        key: Option<String>,
    },
    Seq {
        path: FieldPath,
        next: usize,
    },
}

impl SourceMap {
    /// Where the value at `path` starts.
    pub fn value(&self, path: &FieldPath) -> Option<Location> {
        self.values.get(path).copied()
    }

    /// Where the key of the mapping entry at `path` is.
    pub fn key(&self, path: &FieldPath) -> Option<Location> {
        self.keys.get(path).copied()
    }

    /// The location of `path`, or of its nearest ancestor that has one.
    pub fn nearest(&self, path: &FieldPath) -> Option<Location> {
        let mut p = path.clone();
        loop {
            if let Some(at) = self.value(&p) {
                return Some(at);
            }
            p = p.parent()?;
        }
    }

    pub fn build(text: &str) -> Result<SourceMap, MapError> {
        Self::build_growing(text, None)
    }

    /// As [`SourceMap::build`], and the document as a tree of nodes
    /// ([`super::tree`]) from the same pass over the parser's events, for
    /// explaining what a typed reading refused without parsing again.
    /// The tree is `None` where it cannot be made (a key that is not text).
    pub fn build_with_tree(text: &str) -> Result<(SourceMap, Option<Node>), MapError> {
        let mut tree = Some(Growing::new(text));
        let map = Self::build_growing(text, Some(&mut tree))?;
        Ok((map, tree.and_then(|t| t.finish().ok())))
    }

    fn build_growing(
        text: &str,
        mut tree: Option<&mut Option<Growing<'_>>>,
    ) -> Result<SourceMap, MapError> {
        let mut map = SourceMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        let mut documents = 0;
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| MapError {
                at: (*e.marker()).into(),
                message: if e.info().contains("recursion limit") {
                    too_deep()
                } else {
                    e.info().to_string()
                },
            })?;
            if let Some(slot) = tree.as_deref_mut()
                && let Some(growing) = slot.as_mut()
                && growing.event(&event, span).is_err()
            {
                *slot = None;
            }
            let at = Location::from(span.start);
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(MapError {
                            at,
                            message: "this file holds more than one YAML document (a second `---`); a pathway file holds one pathway".into(),
                        });
                    }
                }
                Event::Alias(_) => {
                    return Err(MapError {
                        at,
                        message: "this file uses a YAML alias (`*name`); carepath files don't use anchors and aliases, so write the text out in full".into(),
                    });
                }
                Event::Scalar(value, ..) => {
                    if let Some(path) = map.place(&mut stack, at, Some(value.into_owned())) {
                        map.values.insert(path, at);
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(MapError {
                            at,
                            message: too_deep(),
                        });
                    }
                    let path = map.place(&mut stack, at, None).unwrap_or_default();
                    map.values.insert(path.clone(), at);
                    stack.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map { path, key: None }
                    } else {
                        Frame::Seq { path, next: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        Ok(map)
    }

    /// Places a node in its parent. For a scalar in key position, records
    /// the key and returns `None`; otherwise returns the node's path.
    fn place(
        &mut self,
        stack: &mut [Frame],
        at: Location,
        scalar: Option<String>,
    ) -> Option<FieldPath> {
        match stack.last_mut() {
            None => Some(FieldPath::root()),
            Some(Frame::Seq { path, next }) => {
                let p = path.clone().index(*next);
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key }) => match key.take() {
                Some(k) => Some(path.clone().key(k)),
                None => {
                    // A key. Complex (non-scalar) keys get an index-free
                    // placeholder; pathways never use them.
                    let k = scalar.unwrap_or_else(|| "?".into());
                    let p = path.clone().key(k.clone());
                    self.keys.insert(p, at);
                    *key = Some(k);
                    None
                }
            },
        }
    }
}

fn too_deep() -> String {
    format!(
        "the nesting here is deeper than {MAX_DEPTH} levels, far deeper than any pathway needs; is the indentation right?"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_and_values() {
        let map = SourceMap::build("a: 1\nsteps:\n  - id: x\n    title: T\n  - id: y\n").unwrap();
        assert_eq!(
            map.value(&path!["a"]),
            Some(Location { line: 1, column: 4 })
        );
        assert_eq!(
            map.value(&path!["steps", 1, "id"]),
            Some(Location { line: 5, column: 9 })
        );
        assert_eq!(
            map.key(&path!["steps", 0, "title"]),
            Some(Location { line: 4, column: 5 })
        );
        assert_eq!(
            map.nearest(&path!["steps", 0, "owner"]),
            map.value(&path!["steps", 0])
        );
    }

    #[test]
    fn refuses_aliases_with_their_place() {
        let e = SourceMap::build("a: &x hi\nb: *x\n").unwrap_err();
        assert_eq!(e.at, Location { line: 2, column: 4 });
        assert!(e.message.contains("alias"));
    }

    #[test]
    fn refuses_deep_nesting_without_recursion() {
        let text = "[".repeat(100_000);
        let e = SourceMap::build(&text).unwrap_err();
        assert!(e.message.contains("deeper than"), "{}", e.message);
    }
}
