//! Adding, removing and moving list items in the original text: a new item
//! takes its neighbours' indentation and style, a removed item takes only
//! its own lines, and a moved item carries its lines (and any comments
//! inside it) with it. Everything else stays byte for byte.

use super::tree::{Node, parse};

/// Where the list at `path` is, and its items.
struct List<'a> {
    items: &'a [Node],
    flow: bool,
    /// Column of the `- ` of a block list.
    indent: usize,
    /// Where a flow list's `[` is.
    start: usize,
}

/// Finds the list at a dotted path (list items by id or number).
fn list<'a>(root: &'a Node, path: &str) -> Result<Option<List<'a>>, String> {
    let mut node = root;
    for seg in path.split('.') {
        node = match node {
            Node::Map { .. } => match node.get(seg) {
                Some(n) => n,
                None => return Ok(None),
            },
            Node::Seq { items, .. } => items
                .iter()
                .find(|i| i.get("id").and_then(Node::as_str) == Some(seg))
                .or_else(|| seg.parse::<usize>().ok().and_then(|i| items.get(i)))
                .ok_or_else(|| format!("{path} cannot be found in the file"))?,
            Node::Scalar { value, .. } if value.is_empty() => return Ok(None),
            Node::Scalar { .. } => return Err(format!("{path} is not a list")),
        };
    }
    match node {
        Node::Seq {
            items,
            flow,
            indent,
            start,
        } => Ok(Some(List {
            items,
            flow: *flow,
            indent: *indent,
            start: *start,
        })),
        Node::Scalar { value, .. } if value.is_empty() => Ok(None),
        _ => Err(format!("{path} is not a list")),
    }
}

/// The first byte of a node's text.
fn first_byte(node: &Node) -> Option<usize> {
    match node {
        Node::Scalar { span, .. } => Some(span.start),
        Node::Map { entries, .. } => entries.first().map(|e| e.key_span.start),
        Node::Seq { items, .. } => items.first().and_then(first_byte),
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding `at`, past its line break.
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The lines of a block list item: from the line of its `- ` to the end of
/// its last line of content (blank lines and comments after it belong to
/// what follows).
fn item_lines(text: &str, item: &Node) -> Option<std::ops::Range<usize>> {
    let start = line_start(text, first_byte(item)?);
    let last = item.end()?;
    Some(start..line_end(text, last.saturating_sub(1).max(start)))
}

/// The lines of each item of the block list at `path`, so that edits
/// inside one item can be made in its lines alone (a long list is then
/// read once, not once an edit). A list written on one line has none.
pub fn item_spans(text: &str, path: &str) -> Result<Vec<std::ops::Range<usize>>, String> {
    if !path.contains('.') {
        // A list of the pathway's own (its steps) is found without a tree.
        let list = super::items::top_list(text, path)??;
        if list.flow {
            return Err(format!("{path} is written on one line"));
        }
        return list
            .items
            .into_iter()
            .map(|at| {
                let at = at.ok_or_else(|| "an empty item".to_string())?;
                let start = line_start(text, at.start);
                Ok(start..line_end(text, at.end.saturating_sub(1).max(start)))
            })
            .collect();
    }
    let root = parse(text)?;
    let list = list(&root, path)?
        .ok_or_else(|| format!("{path} cannot be found in the file as a list"))?;
    if list.flow {
        return Err(format!("{path} is written on one line"));
    }
    list.items
        .iter()
        .map(|i| item_lines(text, i).ok_or_else(|| "an empty item".to_string()))
        .collect()
}

/// `item` (already YAML, e.g. from `serde_yaml::to_string`) written as a
/// block list item at column `indent`.
fn block_item(yaml: &str, indent: usize, newline: &str) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (i, line) in super::indent::nest_lists(yaml)
        .trim_end_matches('\n')
        .lines()
        .enumerate()
    {
        if i == 0 {
            out.push_str(&format!("{pad}- {line}"));
        } else if line.is_empty() {
            // Keep blank lines inside block text blank.
        } else {
            out.push_str(&format!("{pad}  {line}"));
        }
        out.push_str(newline);
    }
    out
}

fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Inserts `item` into the list at `path` so that it becomes item `index`
/// (`index` = length appends). `item` is the item as YAML. A list that is
/// not there yet is created under its key.
pub fn insert_item(text: &str, path: &str, index: usize, item: &str) -> Result<String, String> {
    let root = parse(text)?;
    let newline = newline_of(text);
    let Some(list) = list(&root, path)? else {
        return create_list(text, &root, path, item, newline);
    };
    if list.flow {
        return insert_flow(text, &list, index, item.trim_end());
    }
    let (at, indent) = match (
        index.checked_sub(1).and_then(|i| list.items.get(i)),
        list.items.first(),
    ) {
        (Some(before), _) => (
            item_lines(text, before).ok_or("an empty item")?.end,
            list.indent,
        ),
        (None, Some(first)) => (
            item_lines(text, first).ok_or("an empty item")?.start,
            list.indent,
        ),
        (None, None) => return Err(format!("{path} is empty; cannot tell how to lay it out")),
    };
    let mut out = text.to_string();
    if at == text.len() && !text.ends_with('\n') {
        out.push_str(newline);
        out.push_str(&block_item(item, indent, newline));
        return Ok(out);
    }
    out.insert_str(at, &block_item(item, indent, newline));
    Ok(out)
}

/// A list that does not exist yet becomes `key:` with one block item, at
/// the end of its parent mapping.
fn create_list(
    text: &str,
    root: &Node,
    path: &str,
    item: &str,
    newline: &str,
) -> Result<String, String> {
    let (parent_path, key) = path.rsplit_once('.').map_or(("", path), |(p, k)| (p, k));
    let mut parent = root;
    if !parent_path.is_empty() {
        for seg in parent_path.split('.') {
            parent = match parent {
                Node::Map { .. } => parent.get(seg),
                Node::Seq { items, .. } => items
                    .iter()
                    .find(|i| i.get("id").and_then(Node::as_str) == Some(seg))
                    .or_else(|| seg.parse::<usize>().ok().and_then(|i| items.get(i))),
                _ => None,
            }
            .ok_or_else(|| format!("{parent_path} cannot be found in the file"))?;
        }
    }
    let Node::Map {
        entries,
        flow: false,
        indent,
    } = parent
    else {
        return Err(format!("cannot add {key} there"));
    };
    // An empty value (`key:` with nothing) is replaced in place.
    if let Some(e) = entries.iter().find(|e| e.key == key) {
        let at = line_end(text, e.key_span.end);
        let mut out = text[..at].trim_end_matches(['\n', '\r']).to_string();
        out.push_str(newline);
        out.push_str(&block_item(item, indent + 2, newline));
        out.push_str(&text[at..]);
        return Ok(out);
    }
    let last = parent.end().ok_or("an empty mapping")?;
    let at = line_end(text, last.saturating_sub(1));
    let mut block = String::new();
    if at == text.len() && !text.ends_with('\n') {
        block.push_str(newline);
    }
    block.push_str(&format!("{}{key}:{newline}", " ".repeat(*indent)));
    block.push_str(&block_item(item, indent + 2, newline));
    let mut out = text.to_string();
    out.insert_str(at, &block);
    Ok(out)
}

/// `[a, b]` with one more item, written plain where that is safe.
fn insert_flow(text: &str, list: &List, index: usize, item: &str) -> Result<String, String> {
    let value = if item.contains([',', '[', ']', '{', '}', '#', ':', '\n']) {
        format!("'{}'", item.trim_matches(['\'', '"']).replace('\'', "''"))
    } else {
        item.to_string()
    };
    let spans: Vec<std::ops::Range<usize>> = list
        .items
        .iter()
        .map(|i| match i {
            Node::Scalar { span, .. } => Ok(span.clone()),
            _ => Err("only lists of single values can be extended in place".to_string()),
        })
        .collect::<Result<_, _>>()?;
    let mut out = text.to_string();
    match (
        index.checked_sub(1).and_then(|i| spans.get(i)),
        spans.first(),
    ) {
        (Some(before), _) => out.insert_str(before.end, &format!(", {value}")),
        (None, Some(first)) => out.insert_str(first.start, &format!("{value}, ")),
        (None, None) => {
            let close = text[list.start..]
                .find(']')
                .map(|i| list.start + i)
                .ok_or("a list without its ]")?;
            out.replace_range(list.start + 1..close, &value);
        }
    }
    Ok(out)
}

/// Removes item `index` from the list at `path`.
pub fn remove_item(text: &str, path: &str, index: usize) -> Result<String, String> {
    let root = parse(text)?;
    let list = list(&root, path)?
        .ok_or_else(|| format!("{path} cannot be found in the file as a list"))?;
    let item = list
        .items
        .get(index)
        .ok_or_else(|| format!("{path} has no item {index}"))?;
    let mut out = text.to_string();
    if list.flow {
        let Node::Scalar { span, .. } = item else {
            return Err("only lists of single values can be changed in place".into());
        };
        // Take the item and the comma and space that join it to its neighbour.
        let after = &text[span.end..];
        let range = if let Some(gap) = after.find(',').filter(|g| after[..*g].trim().is_empty()) {
            let rest = &after[gap + 1..];
            span.start..span.end + gap + 1 + (rest.len() - rest.trim_start().len())
        } else {
            let before = &text[..span.start];
            let comma = before
                .rfind(',')
                .filter(|c| before[c + 1..].trim().is_empty())
                .unwrap_or(span.start);
            comma..span.end
        };
        out.replace_range(range, "");
        return Ok(out);
    }
    let lines = item_lines(text, item).ok_or("an empty item")?;
    out.replace_range(lines, "");
    Ok(out)
}

/// Moves item `from` of the list at `path` to position `to`, with its
/// lines as they are.
pub fn move_item(text: &str, path: &str, from: usize, to: usize) -> Result<String, String> {
    let root = parse(text)?;
    let list = list(&root, path)?
        .ok_or_else(|| format!("{path} cannot be found in the file as a list"))?;
    let len = list.items.len();
    if from >= len || to >= len {
        return Err(format!("{path} has {len} items"));
    }
    if from == to {
        return Ok(text.to_string());
    }
    if list.flow {
        let spans: Vec<_> = list
            .items
            .iter()
            .map(|i| match i {
                Node::Scalar { span, .. } => Ok(span.clone()),
                _ => Err("only lists of single values can be reordered in place".to_string()),
            })
            .collect::<Result<_, _>>()?;
        let mut words: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        let w = words.remove(from);
        words.insert(to, w);
        let mut out = text.to_string();
        // Replace from the last so earlier offsets stay right.
        for (span, word) in spans.iter().zip(words).rev() {
            out.replace_range(span.clone(), word);
        }
        return Ok(out);
    }
    let ranges: Vec<_> = list
        .items
        .iter()
        .map(|i| item_lines(text, i).ok_or("an empty item"))
        .collect::<Result<_, _>>()?;
    let chunk = text[ranges[from].clone()].to_string();
    let mut out = text.to_string();
    if to < from {
        out.replace_range(ranges[from].clone(), "");
        out.insert_str(ranges[to].start, &chunk);
    } else {
        let at = ranges[to].end;
        out.insert_str(at, &chunk);
        out.replace_range(ranges[from].clone(), "");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "steps:\n  - id: a\n    title: A  # first\n\n  # about b\n  - id: b\n    title: B\n    next: [a, c]\n  - id: c\n    title: C\nmeasures:\n  - text: M\n";

    #[test]
    fn a_new_item_takes_its_neighbours_indentation() {
        let out = insert_item(TEXT, "steps", 1, "id: n\ntitle: New\n").unwrap();
        assert!(
            out.contains("    title: A  # first\n  - id: n\n    title: New\n\n  # about b\n"),
            "{out}"
        );
        let out = insert_item(TEXT, "steps", 3, "id: n\ntitle: New\n").unwrap();
        assert!(
            out.contains("    title: C\n  - id: n\n    title: New\nmeasures:"),
            "{out}"
        );
    }

    #[test]
    fn removing_takes_only_the_items_lines() {
        let out = remove_item(TEXT, "steps", 0).unwrap();
        assert!(
            out.starts_with("steps:\n\n  # about b\n  - id: b\n"),
            "{out}"
        );
        let out = remove_item(TEXT, "steps.b.next", 0).unwrap();
        assert!(out.contains("next: [c]"), "{out}");
        let out = remove_item(TEXT, "steps.b.next", 1).unwrap();
        assert!(out.contains("next: [a]"), "{out}");
    }

    #[test]
    fn moving_carries_the_lines() {
        let out = move_item(TEXT, "steps", 2, 0).unwrap();
        assert!(
            out.starts_with("steps:\n  - id: c\n    title: C\n  - id: a\n"),
            "{out}"
        );
        let out = move_item(TEXT, "steps", 0, 2).unwrap();
        assert!(
            out.contains("  - id: c\n    title: C\n  - id: a\n    title: A  # first\nmeasures:"),
            "{out}"
        );
        let out = move_item(TEXT, "steps.b.next", 0, 1).unwrap();
        assert!(out.contains("next: [c, a]"), "{out}");
    }

    #[test]
    fn flow_lists_and_missing_lists_grow() {
        let out = insert_item(TEXT, "steps.b.next", 2, "d").unwrap();
        assert!(out.contains("next: [a, c, d]"));
        let out = insert_item(TEXT, "steps.c.red_flags", 0, "Sudden falls\n").unwrap();
        assert!(
            out.contains("    title: C\n    red_flags:\n      - Sudden falls\nmeasures:"),
            "{out}"
        );
    }
}
