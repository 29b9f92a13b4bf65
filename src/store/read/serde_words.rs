//! Telling what kind of mistake serde met from the words of its message:
//! only for files read without their tree (a file too large to map, or a
//! reading of the tree that stops elsewhere); everything else is told
//! from the mistake as data (see [`super::messages`]).

use super::messages::{
    NOT_A_PATHWAY, capitalise, date_field, keys_of, last_field, place_name, unknown_key,
};
use crate::model::{FieldPath, schema};

/// The typed reading's message `raw` about the value at `at`, in words.
pub(super) fn describe_typed(at: &FieldPath, raw: &str) -> String {
    let raw = raw.split(" at line ").next().unwrap_or(raw);
    // yaml_serde puts its own copy of the path first.
    let (_, msg) = split_path(raw);
    describe_at(at, msg)
}

/// A serde error message (yaml_serde's `Display`, location stripped or
/// not) as a sentence naming the place in the pathway, for files read
/// without a record of the path.
pub fn describe_serde_error(raw: &str) -> String {
    let raw = raw.split(" at line ").next().unwrap_or(raw);
    let (path, msg) = split_path(raw);
    describe_at(&FieldPath::parse(path), msg)
}

/// The message `msg` of serde, about the value at `at`, in words: for
/// files read without their tree, the kind of mistake is read from the
/// words.
fn describe_at(at: &FieldPath, msg: &str) -> String {
    let place = place_name(at);
    let field = last_field(at);
    let field = field.as_str();
    let root = at.segments().is_empty();

    if let Some(rest) = msg.strip_prefix("unknown field `") {
        // The key itself may hold backticks: it ends where serde's own
        // words begin.
        let end = rest
            .find("`, expected")
            .or_else(|| rest.find("`, there are no fields"))
            .or_else(|| rest.rfind('`'))
            .unwrap_or(rest.len());
        let key = &rest[..end];
        let allowed: Vec<String> = match schema::keys_at(&keys_of(at)) {
            [] => ticked(rest.get(end + 1..).unwrap_or("")),
            known => known.iter().map(|k| k.to_string()).collect(),
        };
        return unknown_key(key, &place, &allowed);
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return format!("{} is missing its `{key}`", capitalise(&place));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (value, allowed) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = ticked(allowed);
        let what = if field.is_empty() { "value" } else { field };
        return format!(
            "`{value}` is not a valid {what}; choose one of: {}",
            allowed.join(", ")
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if root {
            return NOT_A_PATHWAY.into();
        }
        return format!(
            "`{field}` in {place} should be {}, but it is {}",
            kind_name(expected),
            kind_name(found)
        );
    }
    if let Some(told) = date_field(field) {
        return told(&place);
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "`{field}` in {place} should be {}, not {}",
            kind_name(expected),
            kind_name(found)
        );
    }
    if msg.contains("recursion limit") || msg.contains("repetition limit") {
        return "this file nests or repeats far more than any pathway does, so carepath will not read it".into();
    }
    if root {
        msg.to_string()
    } else {
        format!("{place}: {msg}")
    }
}

/// yaml_serde puts the path before the message: `steps[0].kind: unknown…`.
fn split_path(raw: &str) -> (&str, &str) {
    match raw.split_once(": ") {
        Some((p, m)) if !p.contains(' ') && !p.is_empty() => (p, m),
        _ => ("", raw),
    }
}

fn ticked(list: &str) -> Vec<String> {
    list.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

fn kind_name(serde: &str) -> String {
    let s = serde.trim();
    if s.starts_with("a sequence") || s == "sequence" {
        "a list (lines starting with `- `)".into()
    } else if s.starts_with("struct") || s.starts_with("a map") || s == "map" {
        "a set of `key: value` lines".into()
    } else if s.starts_with("a string") || s.starts_with("string") {
        s.replacen("a string", "text", 1)
            .replacen("string", "text", 1)
    } else if s.starts_with("u32") || s.starts_with("integer") {
        s.replacen("u32", "a whole number", 1)
    } else if s.starts_with("unit") {
        "empty".into()
    } else {
        s.to_string()
    }
}
