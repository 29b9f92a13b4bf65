//! Every difference between two versions of a pathway, as a list of
//! changes with readable paths (`steps[handover-call].owner`). What the
//! diff says in words and what a merge keeps apart when it cannot write in
//! place are both these changes.
//!
//! List items are matched by `id` where they have one, else by equal text,
//! else by similar text; a reordered item is a move, not a removal and an
//! addition.

mod lists;

use serde::Serialize;
use serde_json::Value;

use super::{Pathway, schema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Moved,
}

/// One difference, with a readable path such as `steps[handover-call].owner`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub path: String,
    /// What the change is in, for people: a step's title, a point's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// Every difference between `old` and `new`, in the order of the file.
pub fn diff(old: &Pathway, new: &Pathway) -> Vec<Change> {
    // Steps can number thousands: they are compared as typed values, and
    // everything else (small) as JSON.
    let (a, b) = (all_but_steps(old), all_but_steps(new));
    let mut out = Vec::new();
    // In the file's order. Where a local version comes from (`based_on`)
    // is not part of what it says, so it is not a difference.
    for key in schema::pathway_keys().iter().filter(|k| **k != "based_on") {
        // Steps and the meeting's records can be long lists with ids.
        match *key {
            "steps" => {
                lists::walk_by_id(
                    key,
                    &old.steps,
                    &new.steps,
                    |s| &s.id,
                    |s| &s.title,
                    &mut out,
                );
                continue;
            }
            "decisions" => {
                lists::walk_by_id(
                    key,
                    &old.decisions,
                    &new.decisions,
                    |d| &d.id,
                    |d| &d.agreed,
                    &mut out,
                );
                continue;
            }
            "questions" => {
                lists::walk_by_id(
                    key,
                    &old.questions,
                    &new.questions,
                    |q| &q.id,
                    |q| &q.text,
                    &mut out,
                );
                continue;
            }
            "actions" => {
                lists::walk_by_id(
                    key,
                    &old.actions,
                    &new.actions,
                    |a| &a.id,
                    |a| &a.what,
                    &mut out,
                );
                continue;
            }
            _ => {}
        }
        walk(key.to_string(), None, a.get(*key), b.get(*key), &mut out);
    }
    out
}

/// Everything but the steps, as JSON: small, so compared field by field.
fn all_but_steps(p: &Pathway) -> Value {
    serde_json::json!({
        "carepath": p.carepath, "id": p.id, "title": p.title, "place": p.place, "status": p.status,
        "review_due": p.review_due, "participants": p.participants, "principles": p.principles,
        "problem": p.problem, "analyses": p.analyses, "monday_morning": p.monday_morning,
        "measures": p.measures, "sign_off": p.sign_off,
    })
}

/// Compares two values at `path`, recording what differs.
fn walk(
    path: String,
    label: Option<&str>,
    old: Option<&Value>,
    new: Option<&Value>,
    out: &mut Vec<Change>,
) {
    // A missing value and `null` are the same: nothing there.
    let old = old.filter(|v| !v.is_null());
    let new = new.filter(|v| !v.is_null());
    let change = |kind, old: Option<&Value>, new: Option<&Value>| Change {
        kind,
        path: path.clone(),
        label: label.map(String::from),
        old: old.cloned(),
        new: new.cloned(),
    };
    match (old, new) {
        (None, None) => {}
        (Some(x), Some(y)) if x == y => {}
        (None, Some(Value::Array(items))) if items.is_empty() => {}
        (Some(Value::Array(items)), None) if items.is_empty() => {}
        (None, Some(y)) => out.push(change(ChangeKind::Added, None, Some(y))),
        (Some(x), None) => out.push(change(ChangeKind::Removed, Some(x), None)),
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                walk(format!("{path}.{key}"), label, x.get(key), y.get(key), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => lists::walk_list(&path, label, x, y, out),
        (Some(x), Some(y)) => out.push(change(ChangeKind::Changed, Some(x), Some(y))),
    }
}
