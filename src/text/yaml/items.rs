//! Where the items of one of a document's top-level lists are, found
//! while the parser goes by, without building a tree of the document: a
//! pathway of thousands of steps is read for the places of its steps at
//! the cost of a parse, not of a copy of every value in it.

use saphyr_parser::{Event, Parser};

use super::tree::{ByteSpan, CharToByte, scalar_span};

/// The list under the top-level key `key`: whether it is written on one
/// line, and for each item the first and last byte of its content (from
/// its first scalar to the end of its last), as [`super::tree::Node`]
/// would place them. `None` where the document has no list there.
pub(super) struct TopList {
    pub flow: bool,
    pub items: Vec<Option<ByteSpan>>,
}

/// An open mapping or list, and for a mapping whether a key comes next.
struct Open {
    map: bool,
    key_next: bool,
}

/// Finds the top-level list `key` in `text`; errors as [`super::tree::parse`]
/// gives them, as the whole document is read.
pub(super) fn top_list(text: &str, key: &str) -> Result<Result<TopList, String>, String> {
    let chars = CharToByte::new(text);
    let mut open: Vec<Open> = Vec::new();
    let mut root_is_map = None;
    // The key just read at the top level, and whether it is `key`.
    let mut at_key = false;
    let mut found: Option<Result<TopList, String>> = None;
    // Inside the list: depth of its items, and the item being read.
    let mut in_list = false;
    let mut item: Option<Option<ByteSpan>> = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| e.to_string())?;
        let starts = matches!(
            event,
            Event::Scalar(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Alias(_)
        );
        if !starts && !matches!(event, Event::MappingEnd | Event::SequenceEnd) {
            continue;
        }
        if let Event::Alias(_) = event {
            return Err("aliases are not supported".into());
        }
        let start = chars.byte(span.start.index());
        let end = chars.byte(span.end.index());
        // A node begins: as a key, or as a value.
        let is_key = open.last().is_some_and(|o| o.map && o.key_next);
        if starts && is_key && !matches!(event, Event::Scalar(..)) {
            return Err("only text keys are supported".into());
        }
        let depth = open.len();
        if starts && depth == 0 {
            root_is_map = Some(matches!(event, Event::MappingStart(..)));
        }
        // The value of `key` at the top level.
        if starts && depth == 1 && !is_key && at_key && found.is_none() {
            found = Some(match &event {
                Event::SequenceStart(..) => {
                    in_list = true;
                    Ok(TopList {
                        flow: text[start..].starts_with('['),
                        items: Vec::new(),
                    })
                }
                Event::Scalar(value, ..) if value.is_empty() => {
                    Err(format!("there is no list {key}"))
                }
                _ => Err(format!("{key} is not a list")),
            });
        }
        if starts && depth == 1 && is_key {
            at_key = matches!(&event, Event::Scalar(v, ..) if v == key);
        }
        // An item of the list begins, and its scalars place it.
        if in_list && starts && depth == 2 {
            item = Some(None);
        }
        if in_list && let (Some(place), Event::Scalar(_, style, ..)) = (item.as_mut(), &event) {
            let at = scalar_span(text, *style, start, end);
            *place = Some(place.as_ref().map_or(at.clone(), |p| p.start..at.end));
        }
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => open.push(Open {
                map: matches!(event, Event::MappingStart(..)),
                key_next: true,
            }),
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop();
                if in_list && open.len() == 1 {
                    in_list = false;
                }
            }
            _ => {}
        }
        // A node ended: the next node of a mapping is its other half; an
        // item of the list is complete.
        let ended = matches!(
            event,
            Event::Scalar(..) | Event::MappingEnd | Event::SequenceEnd
        );
        if ended {
            if let Some(o) = open.last_mut()
                && o.map
            {
                o.key_next = !o.key_next;
            }
            if open.len() == 2
                && let (Some(Ok(list)), Some(place)) = (found.as_mut(), item.take())
            {
                list.items.push(place);
            }
        }
    }
    match (root_is_map, found) {
        (None, _) => Err("the document is empty".into()),
        (Some(true), Some(list)) => Ok(list),
        (Some(_), _) => Ok(Err(format!("there is no list {key}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::yaml::tree::{Node, parse};

    /// The places the tree gives the items of the list `key`.
    fn by_tree(text: &str, key: &str) -> (bool, Vec<Option<ByteSpan>>) {
        let root = parse(text).unwrap_or_else(|e| panic!("{e}"));
        let Some(Node::Seq { items, flow, .. }) = root.get(key) else {
            panic!("no list {key}");
        };
        fn first(n: &Node) -> Option<usize> {
            match n {
                Node::Scalar { span, .. } => Some(span.start),
                Node::Map { entries, .. } => entries.first().map(|e| e.key_span.start),
                Node::Seq { items, .. } => items.first().and_then(first),
            }
        }
        let places = items.iter().map(|i| Some(first(i)?..i.end()?)).collect();
        (*flow, places)
    }

    #[test]
    fn items_are_placed_as_the_tree_places_them() {
        let text = "# head\nid: p\nsteps:\n  - id: a  # c\n    title: \"A \\\"q\\\"\"\n    next: [b, c]\n\n  # about b\n  - id: b\n    notes: |\n      Māori 看护\n      two\n\n  - - x\n    - y\n  - plain\n  - id: e\n    red_flags: []\nsteps_after: [1]\nlist: [a, {b: c}]\n";
        for key in ["steps", "list"] {
            let list = top_list(text, key)
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((list.flow, list.items), by_tree(text, key), "{key}");
        }
        // Dashes not indented under their key, as programs write YAML.
        let text = "steps:\n- id: a\n  title: A\n- id: b\n  next:\n  - a\nmeasures: []\n";
        let list = top_list(text, "steps")
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((list.flow, list.items), by_tree(text, "steps"));
    }

    #[test]
    fn a_missing_list_or_a_value_that_is_not_one_is_said() {
        let text = "id: p\ntitle: T\nsteps:\nmeasures: {a: b}\n";
        let said = |key| top_list(text, key).ok().and_then(Result::err);
        assert_eq!(said("steps").as_deref(), Some("there is no list steps"));
        assert_eq!(said("measures").as_deref(), Some("measures is not a list"));
        assert_eq!(said("title").as_deref(), Some("title is not a list"));
        assert_eq!(said("actions").as_deref(), Some("there is no list actions"));
        assert!(top_list("a: *x\n", "a").is_err());
        assert!(top_list("? [a]\n: b\n", "a").is_err());
        assert!(top_list("", "a").is_err());
    }
}
