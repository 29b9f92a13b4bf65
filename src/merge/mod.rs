//! Three-way merge of pathway versions: what OURS and THEIRS each changed
//! since BASE, combined. List items are matched the way the diff matches
//! them (by id, else by their text), so two people adding steps both keep
//! theirs, and one moving an item while the other edits it keeps both.
//! Where both changed one value differently, or one deleted what the other
//! edited, that is a conflict: OURS is kept and the conflict names the
//! path and the three values, so nothing is lost.

mod align;
pub mod apart;
mod lists;
pub mod record;
pub mod write;

use serde::Serialize;
use serde_json::Value;

use crate::model::Pathway;

/// Both sides changed one value differently, or one deleted what the
/// other changed.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Conflict {
    pub path: String,
    pub base: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MergeResult {
    pub merged: Pathway,
    pub conflicts: Vec<Conflict>,
}

/// Merges what `ours` and `theirs` changed since `base`.
pub fn merge(base: &Pathway, ours: &Pathway, theirs: &Pathway) -> Result<MergeResult, String> {
    let json = |p: &Pathway| serde_json::to_value(p).map_err(|e| e.to_string());
    let (b, o, t) = (json(base)?, json(ours)?, json(theirs)?);
    let mut conflicts = Vec::new();
    let merged =
        value(String::new(), Some(&b), Some(&o), Some(&t), &mut conflicts).unwrap_or(Value::Null);
    let merged: Pathway = serde_json::from_value(merged)
        .map_err(|e| format!("the merged pathway does not hold together: {e}"))?;
    Ok(MergeResult { merged, conflicts })
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The merge of one value; `None` is "not there" (deleted, or never added).
pub(crate) fn value(
    path: String,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    let norm = |v: Option<&Value>| v.filter(|v| !v.is_null()).cloned();
    let (b, o, t) = (norm(base), norm(ours), norm(theirs));
    if o == t {
        return o;
    }
    if b == o {
        return t;
    }
    if b == t {
        return o;
    }
    match (&b, &o, &t) {
        (_, Some(Value::Object(om)), Some(Value::Object(tm))) => {
            let empty = serde_json::Map::new();
            let bm = match &b {
                Some(Value::Object(m)) => m,
                _ => &empty,
            };
            Some(Value::Object(merge_map(&path, bm, om, tm, conflicts)))
        }
        (_, Some(Value::Array(oa)), Some(Value::Array(ta))) => {
            let empty = Vec::new();
            let ba = match &b {
                Some(Value::Array(a)) => a,
                _ => &empty,
            };
            Some(Value::Array(lists::merge_list(
                &path, ba, oa, ta, conflicts,
            )))
        }
        _ => {
            conflicts.push(Conflict {
                path,
                base: b,
                ours: o.clone(),
                theirs: t,
            });
            o
        }
    }
}

type Map = serde_json::Map<String, Value>;

/// Keys `side` renamed, its entry otherwise unchanged, while `other` kept
/// the old key: an analysis whose participant's id was renamed is the same
/// analysis, so the other side's edits to it go under the new key.
fn renames<'a>(base: &'a Map, side: &'a Map, other: &'a Map) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for (old, was) in base {
        if side.contains_key(old) || !other.contains_key(old) {
            continue;
        }
        let new = side.iter().find(|(k, v)| {
            *v == was
                && !base.contains_key(*k)
                && !other.contains_key(*k)
                && !out.iter().any(|(_, n)| n == k)
        });
        if let Some((new, _)) = new {
            out.push((old, new));
        }
    }
    out
}

fn merge_map(path: &str, bm: &Map, om: &Map, tm: &Map, conflicts: &mut Vec<Conflict>) -> Map {
    let ours_renamed = renames(bm, om, tm);
    let theirs_renamed = renames(bm, tm, om);
    let renamed_from = |key: &str| {
        ours_renamed
            .iter()
            .chain(&theirs_renamed)
            .find(|(_, new)| *new == key)
            .map(|(old, _)| *old)
    };
    let is_old = |key: &str| {
        ours_renamed
            .iter()
            .chain(&theirs_renamed)
            .any(|(old, _)| *old == key)
    };
    let mut keys: Vec<&String> = om.keys().chain(tm.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Map::new();
    for k in keys {
        if is_old(k) {
            continue;
        }
        let old = renamed_from(k).unwrap_or(k);
        let merged = value(
            join(path, k),
            bm.get(old),
            om.get(k).or_else(|| om.get(old)),
            tm.get(k).or_else(|| tm.get(old)),
            conflicts,
        );
        if let Some(v) = merged {
            out.insert(k.clone(), v);
        }
    }
    out
}
