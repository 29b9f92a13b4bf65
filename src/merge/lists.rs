//! Merging the three versions of one list. Each item of OURS and of THEIRS
//! is first found in BASE (by id, else by what it says: see `align`), so
//! two edits to one item are one item, merged field by field. Items only
//! one side added are kept; the same item added on both sides (the same
//! id, or the same content) is one. The result follows OURS' order unless
//! only THEIRS reordered, and THEIRS' additions go after the item they
//! follow in THEIRS.

use std::collections::HashMap;

use serde_json::Value;

use super::align::{align, text};
use super::{Conflict, value};

/// What an item added by one side is known by, to find the same addition
/// on the other side.
fn added_key(item: &Value) -> String {
    match crate::model::meeting::list_key(item) {
        Some(id) => format!("id:{id}"),
        None => item.to_string(),
    }
}

/// One item of the result: its versions in base, ours and theirs.
type Slot<'a> = [Option<&'a Value>; 3];

/// The items of the three versions, each once, and for ours and theirs
/// the slot of each of their items.
fn slots<'a>(
    base: &'a [Value],
    ours: &'a [Value],
    theirs: &'a [Value],
) -> (Vec<Slot<'a>>, Vec<usize>, Vec<usize>) {
    let mut slots: Vec<Slot> = base.iter().map(|b| [Some(b), None, None]).collect();
    let mut added: HashMap<String, Vec<usize>> = HashMap::new();
    let mut ours_slots = Vec::with_capacity(ours.len());
    for (item, of) in ours.iter().zip(align(base, ours)) {
        let s = of.unwrap_or_else(|| {
            slots.push([None; 3]);
            added
                .entry(added_key(item))
                .or_default()
                .push(slots.len() - 1);
            slots.len() - 1
        });
        slots[s][1] = Some(item);
        ours_slots.push(s);
    }
    // The n-th addition of a key in theirs is the n-th of it in ours.
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut theirs_slots = Vec::with_capacity(theirs.len());
    for (item, of) in theirs.iter().zip(align(base, theirs)) {
        let s = of.unwrap_or_else(|| {
            let key = added_key(item);
            let n = used.entry(key.clone()).or_default();
            match added.get(&key).and_then(|v| v.get(*n)) {
                Some(&s) => {
                    *n += 1;
                    s
                }
                None => {
                    slots.push([None; 3]);
                    slots.len() - 1
                }
            }
        });
        slots[s][2] = Some(item);
        theirs_slots.push(s);
    }
    (slots, ours_slots, theirs_slots)
}

/// The order of the result, as slots: OURS' order unless only THEIRS
/// reordered what all three hold; items only the other side has go after
/// the item they follow there.
fn order(
    slots: &[Slot],
    present: &[bool],
    base_len: usize,
    ours: &[usize],
    theirs: &[usize],
) -> Vec<usize> {
    let in_all = |s: &usize| *s < base_len && slots[*s][1].is_some() && slots[*s][2].is_some();
    let b_order: Vec<usize> = (0..base_len).filter(in_all).collect();
    let o_order: Vec<usize> = ours.iter().copied().filter(in_all).collect();
    let t_order: Vec<usize> = theirs.iter().copied().filter(in_all).collect();
    let (primary, secondary) = if o_order == b_order && t_order != b_order {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut order: Vec<usize> = primary.iter().copied().filter(|s| present[*s]).collect();
    let mut placed = vec![false; slots.len()];
    for s in &order {
        placed[*s] = true;
    }
    for (i, &s) in secondary.iter().enumerate() {
        if !present[s] || placed[s] {
            continue;
        }
        let after = secondary[..i]
            .iter()
            .rev()
            .find(|p| placed[**p])
            .and_then(|p| order.iter().position(|q| q == p));
        order.insert(after.map_or(0, |a| a + 1), s);
        placed[s] = true;
    }
    order
}

/// How an item is named in a conflict's path: its id, else its place in
/// the result (so the conflict can be decided there), else its words.
fn label(slot: &Slot, place: Option<usize>, base_place: usize) -> String {
    let versions = || slot.iter().flatten();
    if let Some(id) = versions().find_map(|v| crate::model::meeting::list_key(v)) {
        return id.to_string();
    }
    match place {
        Some(n) => n.to_string(),
        None => versions()
            .find_map(|v| text(v))
            .map_or_else(|| base_place.to_string(), String::from),
    }
}

pub(super) fn at(prefix: &str, rest: &str) -> String {
    if rest.is_empty() {
        prefix.to_string()
    } else if rest.starts_with('[') {
        format!("{prefix}{rest}")
    } else {
        format!("{prefix}.{rest}")
    }
}

pub(super) fn merge_list(
    path: &str,
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let (slots, ours_slots, theirs_slots) = slots(base, ours, theirs);
    let mut merged: Vec<Option<Value>> = Vec::with_capacity(slots.len());
    let mut found: Vec<Vec<Conflict>> = Vec::with_capacity(slots.len());
    for [b, o, t] in &slots {
        let mut here = Vec::new();
        merged.push(value(String::new(), *b, *o, *t, &mut here));
        found.push(here);
    }
    let present: Vec<bool> = merged.iter().map(Option::is_some).collect();
    let order = order(&slots, &present, base.len(), &ours_slots, &theirs_slots);

    // Conflicts are named once the places are known, in the list's order.
    let mut place = vec![None; slots.len()];
    for (n, &s) in order.iter().enumerate() {
        place[s] = Some(n);
    }
    let mut named: Vec<(usize, Conflict)> = Vec::new();
    for (s, here) in found.into_iter().enumerate() {
        for mut c in here {
            let prefix = format!("{path}[{}]", label(&slots[s], place[s], s));
            c.path = at(&prefix, &c.path);
            named.push((place[s].unwrap_or(usize::MAX), c));
        }
    }
    named.sort_by_key(|(n, _)| *n);
    conflicts.extend(named.into_iter().map(|(_, c)| c));

    order.into_iter().filter_map(|s| merged[s].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn merge3(b: Value, o: Value, t: Value) -> (Value, Vec<Conflict>) {
        let arr = |v: &Value| v.as_array().cloned().unwrap_or_default();
        let mut c = Vec::new();
        let m = merge_list("measures", &arr(&b), &arr(&o), &arr(&t), &mut c);
        (Value::Array(m), c)
    }

    #[test]
    fn two_edits_to_one_item_without_an_id_are_one_item() {
        let b = json!([{"text": "Handover calls", "target": "95%"}, {"text": "Falls"}]);
        let o = json!([{"text": "Handover calls", "target": "99%"}, {"text": "Falls"}]);
        let t = json!([{"text": "Recorded handover calls", "target": "95%"}, {"text": "Falls"}]);
        let (m, c) = merge3(b.clone(), o.clone(), t);
        assert!(c.is_empty(), "{c:?}");
        assert_eq!(
            m,
            json!([{"text": "Recorded handover calls", "target": "99%"}, {"text": "Falls"}])
        );
        let t = json!([{"text": "Handover calls", "target": "90%"}, {"text": "Falls"}]);
        let (m, c) = merge3(b, o.clone(), t);
        assert_eq!(m, o);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].path, "measures[0].target");
    }

    #[test]
    fn an_item_held_twice_stays_twice_and_additions_on_both_sides_stay() {
        let b = json!(["a", "b"]);
        let o = json!(["a", "b", "a"]);
        let t = json!(["c", "a", "b"]);
        let (m, c) = merge3(b, o, t);
        assert!(c.is_empty());
        assert_eq!(m, json!(["c", "a", "b", "a"]));
        // The same addition on both sides is one.
        let (m, _) = merge3(json!(["a"]), json!(["a", "x"]), json!(["a", "x"]));
        assert_eq!(m, json!(["a", "x"]));
        let (m, _) = merge3(json!(["a"]), json!(["a", "x", "x"]), json!(["a", "x"]));
        assert_eq!(m, json!(["a", "x", "x"]));
    }

    #[test]
    fn an_item_deleted_on_one_side_and_edited_on_the_other_is_named_by_its_words() {
        let b = json!([{"text": "Handover calls", "target": "95%"}]);
        let o = json!([]);
        let t = json!([{"text": "Handover calls", "target": "90%"}]);
        let (m, c) = merge3(b, o, t);
        assert_eq!(m, json!([]));
        assert_eq!(c[0].path, "measures[Handover calls]");
    }
}
