//! Three-way merge of pathway versions: what OURS and THEIRS each changed
//! since BASE, combined. List items are matched the way the diff matches
//! them (by id, else by their text), so two people adding steps both keep
//! theirs, and one moving an item while the other edits it keeps both.
//! Where both changed one value differently, or one deleted what the other
//! edited, that is a conflict: OURS is kept and the conflict names the
//! path and the three values, so nothing is lost.

pub(crate) mod align;
pub mod apart;
mod edits;
mod lists;
mod readback;
pub mod record;
mod spans;
mod steps;
pub mod write;

use serde::{Deserialize, Serialize};
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
    let (conflicts, mut trees) = merge_trees(base.clone(), ours, theirs.clone())?;
    let merged = trees.pathway()?;
    Ok(MergeResult { merged, conflicts })
}

/// Whether the three versions hold the same steps in the same places
/// (each id once): their steps are then merged as typed steps, each with
/// itself in the other versions, and a step that none of them changed is
/// OURS' in the merge whatever BASE and THEIRS hold of it beyond its id.
pub fn steps_stay_in_place(base: &Pathway, ours: &Pathway, theirs: &Pathway) -> bool {
    steps::same_places(&base.steps, &ours.steps, &theirs.steps)
}

/// The JSON trees of OURS and of the merge, as the merge built them: a
/// merge written into OURS' text is found from them, and a long
/// pathway's trees cost more than its merge to build again.
pub struct Trees {
    pub ours: Value,
    pub merged: Value,
    /// Where the steps were merged as typed steps (see `steps`), they
    /// are here, and the trees hold marks in their place.
    pub steps: Option<steps::MergedSteps>,
}

impl Trees {
    /// The merge's tree read as a pathway (the merged steps are taken
    /// into it, where they were merged apart).
    pub fn pathway(&mut self) -> Result<Pathway, String> {
        let hold = |e: serde_json::Error| format!("the merged pathway does not hold together: {e}");
        let Some(merged_steps) = self.steps.as_mut() else {
            return Pathway::deserialize(&self.merged).map_err(hold);
        };
        let mut rest = self.merged.clone();
        if let Value::Object(m) = &mut rest {
            m.remove("steps");
        }
        let mut p = Pathway::deserialize(&rest).map_err(hold)?;
        p.steps = std::mem::take(&mut merged_steps.steps);
        Ok(p)
    }
}

/// The conflicts of the merge and the trees of OURS and of the merge (for
/// [`apart::write_into_trees`]); the caller reads the merge as a pathway
/// with [`Trees::pathway`] once it has let go of BASE and THEIRS, as a
/// long pathway's trees are several times its file. BASE and THEIRS are
/// taken, so each is let go of as soon as its tree is made.
pub fn merge_trees(
    mut base: Pathway,
    ours: &Pathway,
    mut theirs: Pathway,
) -> Result<(Vec<Conflict>, Trees), String> {
    let merged_steps = steps::merge(&mut base, ours, &mut theirs);
    merge_rest(base, ours, theirs, merged_steps)
}

/// [`merge_trees`], taking OURS too: where the steps stay in their places,
/// OURS' steps that the merge keeps are moved into it, not copied (OURS
/// is then let go of; its text is what a caller keeps of it).
pub fn merge_trees_taking_ours(
    mut base: Pathway,
    mut ours: Pathway,
    mut theirs: Pathway,
) -> Result<(Vec<Conflict>, Trees), String> {
    let merged_steps = steps::merge_taking_ours(&mut base, &mut ours, &mut theirs);
    merge_rest(base, &ours, theirs, merged_steps)
}

/// The merge of all but the steps, where `merged_steps` are merged
/// already (OURS' steps may then be gone), and of everything otherwise.
fn merge_rest(
    base: Pathway,
    ours: &Pathway,
    theirs: Pathway,
    merged_steps: Option<steps::MergedSteps>,
) -> Result<(Vec<Conflict>, Trees), String> {
    // Steps that stay in their places are merged as typed steps, and the
    // rest of the pathway as JSON, with a mark where the steps are.
    if let Some(mut merged_steps) = merged_steps {
        let b = steps::rest_as_json(&base, steps::IN_BASE)?;
        drop(base);
        let t = steps::rest_as_json(&theirs, steps::IN_THEIRS)?;
        drop(theirs);
        let o = steps::rest_as_json(ours, steps::IN_OURS)?;
        let mut conflicts = Vec::new();
        let mut merged = value(String::new(), Some(&b), Some(&o), Some(&t), &mut conflicts)
            .unwrap_or(Value::Null);
        // The marks differ, so the merge of the rest holds a conflict where
        // the steps' conflicts go.
        let at = conflicts.iter().position(|c| {
            c.path == "steps" && c.base.as_ref().and_then(Value::as_str) == Some(steps::IN_BASE)
        });
        if let (Some(at), Value::Object(m)) = (at, &mut merged) {
            conflicts.splice(at..=at, std::mem::take(&mut merged_steps.conflicts));
            m.insert("steps".into(), Value::from(steps::IN_MERGE));
            let trees = Trees {
                ours: o,
                merged,
                steps: Some(merged_steps),
            };
            return Ok((conflicts, trees));
        }
        return Err("the merge lost its steps on the way".into());
    }
    let json = |p: &Pathway| serde_json::to_value(p).map_err(|e| e.to_string());
    let b = json(&base)?;
    drop(base);
    let t = json(&theirs)?;
    drop(theirs);
    let o = json(ours)?;
    let mut conflicts = Vec::new();
    let merged =
        value(String::new(), Some(&b), Some(&o), Some(&t), &mut conflicts).unwrap_or(Value::Null);
    let trees = Trees {
        ours: o,
        merged,
        steps: None,
    };
    Ok((conflicts, trees))
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
    // Compared where they lie; only what the merge keeps is copied, once
    // (a long list's items are not copied at every level they sit under).
    fn norm(v: Option<&Value>) -> Option<&Value> {
        v.filter(|v| !v.is_null())
    }
    let (b, o, t) = (norm(base), norm(ours), norm(theirs));
    if o == t {
        return o.cloned();
    }
    if b == o {
        return t.cloned();
    }
    if b == t {
        return o.cloned();
    }
    match (b, o, t) {
        (_, Some(Value::Object(om)), Some(Value::Object(tm))) => {
            let empty = serde_json::Map::new();
            let bm = match b {
                Some(Value::Object(m)) => m,
                _ => &empty,
            };
            Some(Value::Object(merge_map(&path, bm, om, tm, conflicts)))
        }
        (_, Some(Value::Array(oa)), Some(Value::Array(ta))) => {
            let empty = Vec::new();
            let ba = match b {
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
                base: b.cloned(),
                ours: o.cloned(),
                theirs: t.cloned(),
            });
            o.cloned()
        }
    }
}

type Map = serde_json::Map<String, Value>;

/// Whether two values are one entry, perhaps edited: equal, or mappings
/// whose lists share at least half their items (found as the merge finds
/// them).
pub(crate) fn resembles(a: &Value, b: &Value) -> bool {
    if a == b {
        return true;
    }
    let (Value::Object(am), Value::Object(bm)) = (a, b) else {
        return false;
    };
    let empty = Vec::new();
    let items = |m: &'_ Map, k: &str| -> Vec<Value> {
        m.get(k).and_then(Value::as_array).unwrap_or(&empty).clone()
    };
    let (mut shared, mut total) = (0, 0);
    let mut keys: Vec<&String> = am.keys().chain(bm.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let (x, y) = (items(am, k), items(bm, k));
        shared += align::align(&x, &y).iter().flatten().count();
        total += x.len().max(y.len());
    }
    total > 0 && shared * 2 >= total
}

/// Keys `side` renamed: an entry of the base gone from `side`, and a new
/// key there holding it, the same or edited. An analysis whose
/// participant's id was renamed is the same analysis, so the other side's
/// edits to it go under the new key.
pub(crate) fn renames<'a>(base: &'a Map, side: &'a Map) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    let new: Vec<(&String, &Value)> = side
        .iter()
        .filter(|(k, v)| !base.contains_key(*k) && !v.is_null())
        .collect();
    if new.is_empty() {
        return out;
    }
    for exact in [true, false] {
        for (old, was) in base {
            if side.get(old).is_some_and(|v| !v.is_null()) || out.iter().any(|(o, _)| o == old) {
                continue;
            }
            let found = new.iter().find(|(k, v)| {
                !out.iter().any(|(_, n)| n == k)
                    && if exact { *v == was } else { resembles(was, v) }
            });
            if let Some((k, _)) = found {
                out.push((old, k));
            }
        }
    }
    out
}

fn renamed<'a>(renames: &[(&'a str, &'a str)], old: &str) -> Option<&'a str> {
    renames.iter().find(|(o, _)| *o == old).map(|(_, n)| *n)
}

/// A side's version of the entry that was `old` in the base, under
/// whatever key that side gave it.
fn version<'a>(side: &'a Map, renames: &[(&str, &str)], old: &str) -> Option<&'a Value> {
    renamed(renames, old).map_or_else(|| side.get(old), |new| side.get(new))
}

fn merge_map(path: &str, bm: &Map, om: &Map, tm: &Map, conflicts: &mut Vec<Conflict>) -> Map {
    let (ours_r, theirs_r) = (renames(bm, om), renames(bm, tm));
    let mut keys: Vec<&String> = om.keys().chain(tm.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Map::new();
    for k in keys {
        // A renamed entry is merged once, under its new key (ours', where
        // both renamed it).
        let old = ours_r
            .iter()
            .chain(&theirs_r)
            .find(|(_, new)| new == k)
            .map_or(k.as_str(), |(old, _)| *old);
        let ours_key = renamed(&ours_r, old);
        let theirs_key = renamed(&theirs_r, old);
        let under = ours_key.or(theirs_key).unwrap_or(old);
        if under != k {
            continue;
        }
        if let (Some(o), Some(t)) = (ours_key, theirs_key)
            && o != t
        {
            conflicts.push(Conflict {
                path: format!("{} (renamed)", join(path, old)),
                base: Some(Value::from(old)),
                ours: Some(Value::from(o)),
                theirs: Some(Value::from(t)),
            });
        }
        let merged = value(
            join(path, k),
            bm.get(old),
            version(om, &ours_r, old),
            version(tm, &theirs_r, old),
            conflicts,
        );
        if let Some(v) = merged {
            out.insert(k.clone(), v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn merge_values(b: Value, o: Value, t: Value) -> (Option<Value>, Vec<Conflict>) {
        let mut c = Vec::new();
        let m = value(String::new(), Some(&b), Some(&o), Some(&t), &mut c);
        (m, c)
    }

    #[test]
    fn an_entry_renamed_on_one_side_takes_the_other_sides_edits() {
        let b = json!({"analyses": {"oakview": {"causes": [{"text": "Late", "weight": "high"}]}}});
        let o =
            json!({"analyses": {"oakview-home": {"causes": [{"text": "Late", "weight": "high"}]}}});
        let t = json!({"analyses": {"oakview": {"causes": [{"text": "Late", "weight": "low"}]}}});
        let want =
            json!({"analyses": {"oakview-home": {"causes": [{"text": "Late", "weight": "low"}]}}});
        assert_eq!(
            merge_values(b.clone(), o.clone(), t.clone()),
            (Some(want.clone()), vec![])
        );
        assert_eq!(merge_values(b, t, o), (Some(want), vec![]));
    }

    #[test]
    fn an_entry_renamed_two_ways_is_one_entry_and_a_conflict() {
        let b = json!({"a": {"x": 1}, "z": 2});
        let o = json!({"a1": {"x": 1}, "z": 2});
        let t = json!({"a2": {"x": 1}, "z": 3});
        let (m, c) = merge_values(b, o, t);
        assert_eq!(m, Some(json!({"a1": {"x": 1}, "z": 3})));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].path, "a (renamed)");
    }
}
