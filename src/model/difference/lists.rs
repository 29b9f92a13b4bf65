//! Matching the items of two versions of a list: by `id`, by equal text,
//! then by similar text; what is left was added or removed, and matched
//! items that changed their relative order were moved.

use serde_json::Value;

use super::{Change, ChangeKind, walk};
use crate::model::meeting::list_key;
use crate::model::schema;
use crate::model::similar::{THRESHOLD, Vocabulary, score};

/// How an item is named in a path: its id, else its place.
fn key(item: &Value, index: usize) -> String {
    list_key(item).map_or_else(|| index.to_string(), String::from)
}

/// The words that name an item, for people and for matching items that
/// have no id: the one label key its kind has ([`schema::LABEL_KEYS`]).
fn label(item: &Value) -> Option<&str> {
    schema::label_of(item)
}

/// The label of an item added or removed whole: a text item is shown as
/// the change itself, so it is labelled by what holds it.
fn whole_label(item: &Value, parent: Option<&str>) -> Option<String> {
    match item {
        Value::String(_) => parent.map(String::from),
        _ => label(item).or(parent).map(String::from),
    }
}

/// Pairs of (old index, new index).
fn pairs(old: &[Value], new: &[Value]) -> Vec<(usize, usize)> {
    let mut taken_old = vec![false; old.len()];
    let mut taken_new = vec![false; new.len()];
    let mut out = Vec::new();
    let pair =
        |i: usize, j: usize, out: &mut Vec<(usize, usize)>, to: &mut [bool], tn: &mut [bool]| {
            to[i] = true;
            tn[j] = true;
            out.push((i, j));
        };
    // By id, through an index of the new ids (lists can be long).
    let by_id: std::collections::HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .filter_map(|(j, y)| Some((list_key(y)?, j)))
        .collect();
    for (i, x) in old.iter().enumerate() {
        let Some(id) = list_key(x) else {
            continue;
        };
        if let Some(&j) = by_id.get(id) {
            pair(i, j, &mut out, &mut taken_old, &mut taken_new);
        }
    }
    // By equal text, then by the same item unchanged.
    for (i, x) in old.iter().enumerate() {
        if taken_old[i] || list_key(x).is_some() {
            continue;
        }
        let found = new.iter().enumerate().position(|(j, y)| {
            !taken_new[j]
                && list_key(y).is_none()
                && (y == x || (label(x).is_some() && label(x) == label(y)))
        });
        if let Some(j) = found {
            pair(i, j, &mut out, &mut taken_old, &mut taken_new);
        }
    }
    // By similar text, best first.
    let mut vocab = Vocabulary::default();
    let old_terms: Vec<Vec<u32>> = old
        .iter()
        .map(|x| vocab.terms(label(x).unwrap_or("")))
        .collect();
    let new_terms: Vec<Vec<u32>> = new
        .iter()
        .map(|y| vocab.terms(label(y).unwrap_or("")))
        .collect();
    let mut similar = Vec::new();
    for (i, x) in old.iter().enumerate() {
        if taken_old[i] || list_key(x).is_some() {
            continue;
        }
        for (j, y) in new.iter().enumerate() {
            if taken_new[j] || list_key(y).is_some() {
                continue;
            }
            let s = score(&old_terms[i], &new_terms[j]);
            if s >= THRESHOLD {
                similar.push((i, j, s));
            }
        }
    }
    similar.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    for (i, j, _) in similar {
        if !taken_old[i] && !taken_new[j] {
            pair(i, j, &mut out, &mut taken_old, &mut taken_new);
        }
    }
    out.sort();
    out
}

/// The matched pairs that keep their relative order (the longest run of
/// them in order, found in n log n); the others moved.
fn in_order(pairs: &[(usize, usize)]) -> Vec<bool> {
    let n = pairs.len();
    // tails[k]: the pair ending the best run of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        let at = tails.partition_point(|&t| pairs[t].1 < pairs[i].1);
        if at > 0 {
            prev[i] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; n];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = (prev[i] != usize::MAX).then_some(prev[i]);
    }
    keep
}

pub(super) fn walk_list(
    path: &str,
    parent_label: Option<&str>,
    old: &[Value],
    new: &[Value],
    out: &mut Vec<Change>,
) {
    let pairs = pairs(old, new);
    let keep = in_order(&pairs);
    let mut matched_old = vec![false; old.len()];
    let mut matched_new = vec![false; new.len()];
    for &(i, j) in &pairs {
        matched_old[i] = true;
        matched_new[j] = true;
    }
    for (i, x) in old.iter().enumerate() {
        if !matched_old[i] {
            out.push(Change {
                kind: ChangeKind::Removed,
                path: format!("{path}[{}]", key(x, i)),
                label: whole_label(x, parent_label),
                old: Some(x.clone()),
                new: None,
            });
        }
    }
    for (n, &(i, j)) in pairs.iter().enumerate() {
        // Most items of a long list are untouched: nothing to say or build.
        if keep[n] && old[i] == new[j] {
            continue;
        }
        let item_path = format!("{path}[{}]", key(&new[j], j));
        let item_label = label(&new[j]).or(parent_label);
        if !keep[n] {
            out.push(Change {
                kind: ChangeKind::Moved,
                path: item_path.clone(),
                label: item_label.map(String::from),
                old: Some(Value::from(i)),
                new: Some(Value::from(j)),
            });
        }
        match (&old[i], &new[j]) {
            (Value::Object(_), Value::Object(_)) => {
                walk(item_path, item_label, Some(&old[i]), Some(&new[j]), out)
            }
            (x, y) if x != y => out.push(Change {
                kind: ChangeKind::Changed,
                path: item_path,
                label: parent_label.map(String::from),
                old: Some(x.clone()),
                new: Some(y.clone()),
            }),
            _ => {}
        }
    }
    for (j, y) in new.iter().enumerate() {
        if !matched_new[j] {
            out.push(Change {
                kind: ChangeKind::Added,
                path: format!("{path}[{}]", key(y, j)),
                label: whole_label(y, parent_label),
                old: None,
                new: Some(y.clone()),
            });
        }
    }
}

/// A long list of items with ids (steps), compared as typed values: only
/// the items that differ are turned into JSON and walked.
pub(super) fn walk_by_id<T: serde::Serialize + PartialEq>(
    path: &str,
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    title: impl Fn(&T) -> &str,
    out: &mut Vec<Change>,
) {
    if old == new {
        return;
    }
    let json = |x: &T| serde_json::to_value(x).unwrap_or(Value::Null);
    let index: std::collections::HashMap<&str, usize> =
        new.iter().enumerate().map(|(j, y)| (id(y), j)).collect();
    let pairs: Vec<(usize, usize)> = old
        .iter()
        .enumerate()
        .filter_map(|(i, x)| Some((i, *index.get(id(x))?)))
        .collect();
    let keep = in_order(&pairs);
    let mut matched_old = vec![false; old.len()];
    let mut matched_new = vec![false; new.len()];
    for &(i, j) in &pairs {
        matched_old[i] = true;
        matched_new[j] = true;
    }
    for (_, x) in old.iter().enumerate().filter(|(i, _)| !matched_old[*i]) {
        out.push(Change {
            kind: ChangeKind::Removed,
            path: format!("{path}[{}]", id(x)),
            label: Some(title(x).to_string()),
            old: Some(json(x)),
            new: None,
        });
    }
    for (n, &(i, j)) in pairs.iter().enumerate() {
        if keep[n] && old[i] == new[j] {
            continue;
        }
        let item_path = format!("{path}[{}]", id(&new[j]));
        if !keep[n] {
            out.push(Change {
                kind: ChangeKind::Moved,
                path: item_path.clone(),
                label: Some(title(&new[j]).to_string()),
                old: Some(Value::from(i)),
                new: Some(Value::from(j)),
            });
        }
        if old[i] != new[j] {
            walk(
                item_path,
                Some(title(&new[j])),
                Some(&json(&old[i])),
                Some(&json(&new[j])),
                out,
            );
        }
    }
    for (_, y) in new.iter().enumerate().filter(|(j, _)| !matched_new[*j]) {
        out.push(Change {
            kind: ChangeKind::Added,
            path: format!("{path}[{}]", id(y)),
            label: Some(title(y).to_string()),
            old: None,
            new: Some(json(y)),
        });
    }
}
