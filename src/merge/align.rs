//! Which items of two versions of one list are the same item. An item is
//! known by its id where it has one; an item without an id by what it
//! says: unchanged, then by equal text, then by similar text, so an item
//! whose target, weight or wording was edited is still the same item. Among
//! equals, the first is the first (an item held twice stays two items).

use std::collections::{HashMap, VecDeque};

use serde_json::Value;

use crate::compare::similar::{THRESHOLD, Vocabulary, score};

fn id(item: &Value) -> Option<&str> {
    item.get("id").and_then(Value::as_str)
}

/// The words that stand for an item when it has no id.
pub(crate) fn text(item: &Value) -> Option<&str> {
    match item {
        Value::String(s) => Some(s),
        Value::Object(m) => ["text", "title", "change", "when", "name", "participant"]
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_str)),
        _ => None,
    }
}

/// The item as it reads without its id: an item whose id was given or
/// changed, and nothing else, is the same item.
fn without_id(item: &Value) -> String {
    match item {
        Value::Object(m) if m.contains_key("id") => {
            let mut m = m.clone();
            m.remove("id");
            Value::Object(m).to_string()
        }
        Value::String(s) => format!("text:{s}"),
        other => other.to_string(),
    }
}

/// Two items with different ids are different items, whatever they say,
/// unless nothing but the id differs.
fn may_pair(x: &Value, y: &Value) -> bool {
    id(x).is_none() || id(y).is_none()
}

/// For each item of `new`, the item of `old` it is, if any; each item of
/// `old` is one item of `new` at most.
pub(crate) fn align(old: &[Value], new: &[Value]) -> Vec<Option<usize>> {
    let mut of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    fn pair(i: usize, j: usize, of_new: &mut [Option<usize>], taken: &mut [bool]) {
        taken[i] = true;
        of_new[j] = Some(i);
    }

    // By id, through an index (lists of steps can be long).
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (i, x) in old.iter().enumerate() {
        if let Some(id) = id(x) {
            by_id.entry(id).or_insert(i);
        }
    }
    for (j, y) in new.iter().enumerate() {
        if let Some(&i) = id(y).and_then(|id| by_id.get(id))
            && !taken[i]
        {
            pair(i, j, &mut of_new, &mut taken);
        }
    }

    // Unchanged but for the id, in order.
    let mut same: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (i, x) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        same.entry(without_id(x)).or_default().push_back(i);
    }
    if !same.is_empty() {
        for (j, y) in new.iter().enumerate() {
            if of_new[j].is_some() {
                continue;
            }
            if let Some(i) = same.get_mut(&without_id(y)).and_then(VecDeque::pop_front) {
                pair(i, j, &mut of_new, &mut taken);
            }
        }
    }

    // By equal text, in order.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, x) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        if let Some(t) = text(x) {
            by_text.entry(t).or_default().push(i);
        }
    }
    for (j, y) in new.iter().enumerate() {
        if of_new[j].is_some() {
            continue;
        }
        let found = text(y).and_then(|t| by_text.get(t)).and_then(|is| {
            is.iter()
                .copied()
                .find(|&i| !taken[i] && may_pair(&old[i], y))
        });
        if let Some(i) = found {
            pair(i, j, &mut of_new, &mut taken);
        }
    }

    // By similar text, best first.
    let left: Vec<usize> = (0..old.len())
        .filter(|&i| !taken[i] && text(&old[i]).is_some())
        .collect();
    let right: Vec<usize> = (0..new.len())
        .filter(|&j| of_new[j].is_none() && text(&new[j]).is_some())
        .collect();
    if left.is_empty() || right.is_empty() {
        return of_new;
    }
    let mut vocab = Vocabulary::default();
    let terms = |v: &mut Vocabulary, x: &Value| v.terms(text(x).unwrap_or(""));
    let left_terms: Vec<Vec<u32>> = left.iter().map(|&i| terms(&mut vocab, &old[i])).collect();
    let right_terms: Vec<Vec<u32>> = right.iter().map(|&j| terms(&mut vocab, &new[j])).collect();
    let mut similar = Vec::new();
    for (a, &i) in left.iter().enumerate() {
        for (b, &j) in right.iter().enumerate() {
            if !may_pair(&old[i], &new[j]) {
                continue;
            }
            let s = score(&left_terms[a], &right_terms[b]);
            if s >= THRESHOLD {
                similar.push((i, j, s));
            }
        }
    }
    similar.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    for (i, j, _) in similar {
        if !taken[i] && of_new[j].is_none() {
            pair(i, j, &mut of_new, &mut taken);
        }
    }
    of_new
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_item_without_an_id_is_known_by_what_it_says() {
        let old = vec![
            json!({"text": "Discharges with a recorded handover call", "target": "95%"}),
            json!({"text": "Residents arriving with all their medicines", "target": "98%"}),
        ];
        let new = vec![
            json!({"text": "Residents arriving with all their medicines", "target": "99%"}),
            json!({"text": "Discharges with a recorded nurse handover call", "target": "95%"}),
            json!({"text": "Falls in the first week"}),
        ];
        assert_eq!(align(&old, &new), vec![Some(1), Some(0), None]);
    }

    #[test]
    fn an_item_held_twice_is_two_items_in_order() {
        let old = vec![json!("a"), json!("b")];
        let new = vec![json!("a"), json!("a"), json!("b")];
        assert_eq!(align(&old, &new), vec![Some(0), None, Some(1)]);
    }

    #[test]
    fn ids_decide_and_a_changed_id_alone_is_a_rename() {
        let old = vec![
            json!({"id": "oakview", "name": "Oakview Care Home"}),
            json!({"id": "gp", "name": "Riverside Medical Group"}),
        ];
        let new = vec![
            json!({"id": "gp", "name": "Riverside Medical Group, Oak Road"}),
            json!({"id": "oakview-home", "name": "Oakview Care Home"}),
            json!({"id": "other", "name": "Riverside Medical Group"}),
        ];
        assert_eq!(align(&old, &new), vec![Some(1), Some(0), None]);
    }
}
