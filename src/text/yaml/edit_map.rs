//! Keys of a mapping in a file's text: renamed, removed, or added (with
//! the mapping itself when the file has none yet), keeping everything else
//! as it was written.

use saphyr_parser::ScalarStyle;

use super::edit::{Indent, Target, render, render_in_flow, resolve};
use super::find::MapPlace;
use super::tree::{ByteSpan, Node, parse};

/// The text with the key `old` of the mapping at `map_path` renamed `new`;
/// its value, comments and place stay.
pub fn rename_key(text: &str, map_path: &str, old: &str, new: &str) -> Result<String, String> {
    let root = parse(text)?;
    let map = match resolve(&root, map_path)? {
        Target::Value(node @ Node::Map { .. }, _) => node,
        _ => return Err(format!("{map_path} is not a set of named entries")),
    };
    let Node::Map { entries, .. } = map else {
        unreachable!()
    };
    if entries.iter().any(|e| e.key == new) {
        return Err(format!("{map_path} already has {new}"));
    }
    let entry = entries
        .iter()
        .find(|e| e.key == old)
        .ok_or_else(|| format!("{map_path} has no {old}"))?;
    let mut out = text.to_string();
    out.replace_range(entry.key_span.clone(), new);
    Ok(out)
}

/// The mapping at `map_path` (the whole pathway for "").
fn mapping_at<'a>(root: &'a Node, map_path: &str) -> Result<&'a Node, String> {
    if map_path.is_empty() {
        return Ok(root);
    }
    match resolve(root, map_path)? {
        Target::Value(node @ Node::Map { .. }, _) => Ok(node),
        _ => Err(format!("{map_path} is not a set of named entries")),
    }
}

/// The text without the entry `key` of the mapping at `map_path`: its key
/// line and the lines of its value, nothing else.
pub fn remove_key(text: &str, map_path: &str, key: &str) -> Result<String, String> {
    let root = parse(text)?;
    let map = mapping_at(&root, map_path)?;
    let Node::Map {
        entries,
        flow: false,
        ..
    } = map
    else {
        return Err(format!(
            "cannot remove {key} from a mapping written on one line"
        ));
    };
    let entry = entries
        .iter()
        .find(|e| e.key == key)
        .ok_or_else(|| format!("there is no {key} to remove"))?;
    let start = text[..entry.key_span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let last = entry
        .value
        .end()
        .unwrap_or(entry.key_span.end)
        .max(entry.key_span.end);
    let end = text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
    let mut out = text.to_string();
    // The first key of a list item shares its line with the dash
    // (`- id: late`): the next key moves up beside the dash instead.
    let before = &text[start..entry.key_span.start];
    if before.trim_start().starts_with('-')
        && let Some(next) = entries
            .iter()
            .map(|e| e.key_span.start)
            .filter(|at| *at > entry.key_span.start)
            .min()
    {
        out.replace_range(entry.key_span.start..next, "");
        return Ok(out);
    }
    out.replace_range(start..end, "");
    Ok(out)
}

/// The text with a new entry `key` at the end of the block mapping at
/// `map_path` (the whole pathway for ""), its value given as YAML (a
/// mapping or a list, e.g. from `serde_yaml::to_string`) and written as a
/// block under the key; everything else stays as it is.
pub fn insert_entry(text: &str, map_path: &str, key: &str, yaml: &str) -> Result<String, String> {
    let root = parse(text)?;
    let map = mapping_at(&root, map_path)?;
    let Node::Map {
        entries,
        flow: false,
        indent,
    } = map
    else {
        return Err(format!(
            "cannot add `{key}` here: the mapping is written on one line"
        ));
    };
    if entries.iter().any(|e| e.key == key) {
        return Err(format!("{map_path} already has {key}"));
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let after = map
        .end()
        .ok_or_else(|| format!("cannot add `{key}` to an empty mapping"))?;
    let at = text[after..].find('\n').map_or(text.len(), |i| after + i);
    let at = if text[..at].ends_with('\r') {
        at - 1
    } else {
        at
    };
    let pad = " ".repeat(*indent);
    let mut block = format!("{newline}{pad}{key}:");
    for line in super::indent::nest_lists(yaml)
        .trim_end_matches('\n')
        .lines()
    {
        block.push_str(newline);
        if !line.is_empty() {
            block.push_str(&format!("{pad}  {line}"));
        }
    }
    let mut out = text.to_string();
    out.insert_str(at, &block);
    Ok(out)
}

/// [`insert_entry`], making the mapping at `map_path` first when a
/// top-level one (`analyses`) is not in the file yet.
pub fn insert_entry_or_map(
    text: &str,
    map_path: &str,
    key: &str,
    yaml: &str,
) -> Result<String, String> {
    let missing = !map_path.contains('.') && mapping_at(&parse(text)?, map_path).is_err();
    if !missing {
        return insert_entry(text, map_path, key, yaml);
    }
    let mut inner = format!("{key}:\n");
    for line in super::indent::nest_lists(yaml).lines() {
        inner.push_str(&format!("  {line}\n"));
    }
    insert_entry(text, "", map_path, &inner)
}

/// A new `key: value` line at the end of a block mapping; an `id` goes
/// first instead, where people look for it (`- id: meds-late`).
pub(super) fn insert_key(
    text: &str,
    map: &MapPlace,
    key: &str,
    value: &str,
    newline: &str,
) -> Result<(ByteSpan, String), String> {
    let MapPlace {
        flow: false,
        indent,
        first_key,
        end,
    } = map
    else {
        return Err(format!(
            "cannot add `{key}` here: the mapping is written on one line"
        ));
    };
    if key == "id"
        && !value.contains('\n')
        && let Some(at) = *first_key
    {
        let rendered = render_in_flow(value, ScalarStyle::Plain);
        return Ok((
            at..at,
            format!("id: {rendered}{newline}{}", " ".repeat(*indent)),
        ));
    }
    let after = end.ok_or_else(|| format!("cannot add `{key}` to an empty mapping"))?;
    let at = text[after..].find('\n').map_or(text.len(), |i| after + i);
    let at = if text[..at].ends_with('\r') {
        at - 1
    } else {
        at
    };
    let rendered = render(
        value,
        ScalarStyle::Plain,
        Indent {
            parent: *indent,
            content: indent + 2,
        },
        newline,
    );
    Ok((
        at..at,
        format!("{newline}{}{key}: {rendered}", " ".repeat(*indent)),
    ))
}
