//! Merging the three versions of one list. Items are known by their id, or
//! without one by their text; the result follows OURS' order unless only
//! THEIRS reordered, and THEIRS' additions go after the item they follow
//! in THEIRS.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{Conflict, value};

/// What an item is known by in its list.
pub(crate) fn item_key(item: &Value) -> String {
    match item {
        Value::String(s) => format!("text:{s}"),
        Value::Object(m) => match m.get("id").and_then(Value::as_str) {
            Some(id) => format!("id:{id}"),
            None => format!("item:{item}"),
        },
        other => format!("item:{other}"),
    }
}

fn by_key(items: &[Value]) -> HashMap<String, &Value> {
    items.iter().map(|x| (item_key(x), x)).collect()
}

fn keys(items: &[Value]) -> Vec<String> {
    items.iter().map(item_key).collect()
}

/// The order of the keys both lists hold, as `list` has them.
fn common_order(list: &[String], other: &HashSet<&String>) -> Vec<String> {
    list.iter().filter(|k| other.contains(k)).cloned().collect()
}

pub(super) fn merge_list(
    path: &str,
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let (bk, ok, tk) = (keys(base), keys(ours), keys(theirs));
    let (bm, om, tm) = (by_key(base), by_key(ours), by_key(theirs));

    // Which items the result holds, merged.
    let mut merged: HashMap<String, Value> = HashMap::new();
    let mut all: Vec<&String> = bk.iter().chain(&ok).chain(&tk).collect();
    all.sort();
    all.dedup();
    for k in all {
        let item_path = format!(
            "{path}[{}]",
            k.split_once(':').map_or(k.as_str(), |(_, v)| v)
        );
        if let Some(v) = value(
            item_path,
            bm.get(k).copied(),
            om.get(k).copied(),
            tm.get(k).copied(),
            conflicts,
        ) {
            merged.insert(k.clone(), v);
        }
    }

    // The order: OURS', unless only THEIRS reordered what all three hold.
    let in_all: HashSet<&String> = bk
        .iter()
        .filter(|k| om.contains_key(*k) && tm.contains_key(*k))
        .collect();
    let (b_order, o_order, t_order) = (
        common_order(&bk, &in_all),
        common_order(&ok, &in_all),
        common_order(&tk, &in_all),
    );
    let primary: &[String] = if o_order == b_order && t_order != b_order {
        &tk
    } else {
        &ok
    };
    let secondary: &[String] = if std::ptr::eq(primary, tk.as_slice()) {
        &ok
    } else {
        &tk
    };

    let mut order: Vec<String> = primary
        .iter()
        .filter(|k| merged.contains_key(*k))
        .cloned()
        .collect();
    let mut placed: HashSet<String> = order.iter().cloned().collect();
    // Items only the other side has go after the item they follow there.
    for (i, k) in secondary.iter().enumerate() {
        if !merged.contains_key(k) || !placed.insert(k.clone()) {
            continue;
        }
        let after = secondary[..i]
            .iter()
            .rev()
            .find_map(|p| order.iter().position(|q| q == p));
        order.insert(after.map_or(0, |a| a + 1), k.clone());
    }
    order
        .into_iter()
        .filter_map(|k| merged.remove(&k))
        .collect()
}
