//! Which items of two versions of one list are the same item. An item is
//! known by its id where it has one; an item without an id, or whose id is
//! gone from the other version (renamed), by what it says: unchanged but
//! for the id, then by equal text, then by similar text, so an item whose
//! target, weight, wording or id was edited is still the same item. Among
//! equals, the first is the first (an item held twice stays two items).

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

use serde_json::Value;

use crate::model::similar::{THRESHOLD, Vocabulary, score};

fn id(item: &Value) -> Option<&str> {
    crate::model::meeting::list_key(item)
}

/// The words that stand for an item when it has no id.
pub(crate) fn text(item: &Value) -> Option<&str> {
    crate::model::schema::label_of(item)
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

/// An item with an id as it reads without its id and wording, when what
/// is left says something of its own (more than its kind). Where it names
/// itself (a step that may come back to itself), its id reads the same in
/// every version: renaming a step renames that link too.
fn body_of(item: &Value) -> Option<String> {
    let Value::Object(m) = item else {
        return None;
    };
    let own = id(item)?;
    let mut m = m.clone();
    for key in ["id", "title", "text", "name"] {
        m.remove(key);
    }
    m.retain(|_, v| !v.is_null());
    if !m.keys().any(|k| k != "kind") {
        return None;
    }
    let mut body = Value::Object(m);
    same_self(&mut body, own);
    Some(body.to_string())
}

/// An item's detail, where it has an id and a detail that says something.
fn detail(item: &Value) -> Option<&str> {
    id(item)?;
    item.get("detail")
        .and_then(Value::as_str)
        .filter(|d| !d.trim().is_empty())
}

/// Each mention of `own` within `v` made one mark that no id can be.
fn same_self(v: &mut Value, own: &str) {
    match v {
        Value::String(s) if s == own => *s = "\0self".into(),
        Value::Array(items) => items.iter_mut().for_each(|x| same_self(x, own)),
        Value::Object(m) => m.values_mut().for_each(|x| same_self(x, own)),
        _ => {}
    }
}

/// For each item of `new`, the item of `old` it is, if any; each item of
/// `old` is one item of `new` at most.
pub(crate) fn align(old: &[Value], new: &[Value]) -> Vec<Option<usize>> {
    let mut of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];

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
    pair_by(old, new, &mut of_new, &mut taken, |x| Some(without_id(x)));
    // Unchanged but for the id and the wording, with more than a wording
    // to go by (a step renamed and retitled keeps its detail, red flags
    // and links), in order. A bare new item is never taken for an old one.
    pair_by(old, new, &mut of_new, &mut taken, body_of);
    // With the same detail, in order: a step renamed, retitled and given
    // another red flag is still the step whose paragraphs it keeps.
    pair_by(old, new, &mut of_new, &mut taken, detail);

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
        let found = text(y)
            .and_then(|t| by_text.get(t))
            .and_then(|is| is.iter().copied().find(|&i| !taken[i]));
        if let Some(i) = found {
            pair(i, j, &mut of_new, &mut taken);
        }
    }

    by_similar_text(old, new, &mut of_new, &mut taken);
    by_place(old, new, &mut of_new, &mut taken);
    of_new
}

/// Items left over with equal keys paired, in order: the first old item
/// with a key goes with the first new item with that key, and so on.
fn pair_by<'a, K: Hash + Eq>(
    old: &'a [Value],
    new: &'a [Value],
    of_new: &mut [Option<usize>],
    taken: &mut [bool],
    key: impl Fn(&'a Value) -> Option<K>,
) {
    let mut by_key: HashMap<K, VecDeque<usize>> = HashMap::new();
    for (i, x) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        if let Some(k) = key(x) {
            by_key.entry(k).or_default().push_back(i);
        }
    }
    if by_key.is_empty() {
        return;
    }
    for (j, y) in new.iter().enumerate() {
        if of_new[j].is_some() {
            continue;
        }
        if let Some(i) = key(y)
            .and_then(|k| by_key.get_mut(&k))
            .and_then(VecDeque::pop_front)
        {
            pair(i, j, of_new, taken);
        }
    }
}

fn pair(i: usize, j: usize, of_new: &mut [Option<usize>], taken: &mut [bool]) {
    taken[i] = true;
    of_new[j] = Some(i);
}

/// Items left over paired by similar text, best first.
fn by_similar_text(old: &[Value], new: &[Value], of_new: &mut [Option<usize>], taken: &mut [bool]) {
    let left: Vec<usize> = (0..old.len())
        .filter(|&i| !taken[i] && text(&old[i]).is_some())
        .collect();
    let right: Vec<usize> = (0..new.len())
        .filter(|&j| of_new[j].is_none() && text(&new[j]).is_some())
        .collect();
    if left.is_empty() || right.is_empty() {
        return;
    }
    let mut vocab = Vocabulary::default();
    let terms = |v: &mut Vocabulary, x: &Value| v.terms(text(x).unwrap_or(""));
    let left_terms: Vec<Vec<u32>> = left.iter().map(|&i| terms(&mut vocab, &old[i])).collect();
    let right_terms: Vec<Vec<u32>> = right.iter().map(|&j| terms(&mut vocab, &new[j])).collect();
    let mut similar = Vec::new();
    for (a, &i) in left.iter().enumerate() {
        for (b, &j) in right.iter().enumerate() {
            let s = score(&left_terms[a], &right_terms[b]);
            if s >= THRESHOLD {
                similar.push((i, j, s));
            }
        }
    }
    similar.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    for (i, j, _) in similar {
        if !taken[i] && of_new[j].is_none() {
            pair(i, j, of_new, taken);
        }
    }
}

/// Items still left over, paired by place: where, between two items that
/// stayed in order, as many items went as came, each in turn replaced the
/// one that was there (rewritten in place). Two items that both have an id
/// and say nothing alike are two items, never one: one deleted and another
/// added in its place (a step removed and a new one written where it was)
/// must not take each other's edits.
fn by_place(old: &[Value], new: &[Value], of_new: &mut [Option<usize>], taken: &mut [bool]) {
    if !taken.contains(&false) || !of_new.contains(&None) {
        return;
    }
    // The pairs that kept their order (longest run, n log n), as anchors.
    let pairs: Vec<(usize, usize)> = of_new
        .iter()
        .enumerate()
        .filter_map(|(j, i)| Some(((*i)?, j)))
        .collect();
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; pairs.len()];
    for n in 0..pairs.len() {
        let at = tails.partition_point(|&t| pairs[t].0 < pairs[n].0);
        if at > 0 {
            prev[n] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(n);
        } else {
            tails[at] = n;
        }
    }
    let mut anchors = Vec::new();
    let mut at = tails.last().copied();
    while let Some(n) = at {
        anchors.push(pairs[n]);
        at = (prev[n] != usize::MAX).then_some(prev[n]);
    }
    anchors.reverse();
    // The gaps between anchors, and before the first and after the last.
    let mut from = (0, 0);
    for (i_end, j_end) in anchors.into_iter().chain([(old.len(), new.len())]) {
        let gone: Vec<usize> = (from.0..i_end).filter(|&i| !taken[i]).collect();
        let came: Vec<usize> = (from.1..j_end).filter(|&j| of_new[j].is_none()).collect();
        let same_shape = |i: usize, j: usize| {
            std::mem::discriminant(&old[i]) == std::mem::discriminant(&new[j])
                && !(id(&old[i]).is_some() && id(&new[j]).is_some())
        };
        if gone.len() == came.len() && gone.iter().zip(&came).all(|(&i, &j)| same_shape(i, j)) {
            for (i, j) in gone.into_iter().zip(came) {
                pair(i, j, of_new, taken);
            }
        }
        from = (i_end + 1, j_end + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_step_renamed_and_retitled_is_known_by_the_rest_of_it() {
        let old = vec![
            json!({"id": "plan-early", "title": "Plan discharge", "kind": "action", "red_flags": ["Falls"]}),
            json!({"id": "check", "title": "Check", "kind": "action"}),
        ];
        let new = vec![
            json!({"id": "plan-at-admission", "title": "Plan from day one", "kind": "action", "red_flags": ["Falls"]}),
            json!({"id": "new-step", "title": "Something new", "kind": "action"}),
        ];
        // The first is the same step; a bare new step is not the old one.
        assert_eq!(align(&old, &new), vec![Some(0), None]);
    }

    #[test]
    fn a_step_renamed_and_retitled_that_leads_to_itself_is_still_the_same_step() {
        let old = vec![
            json!({"id": "plan", "title": "Plan", "next": ["check"]}),
            json!({"id": "check", "title": "Check the home", "next": ["check"]}),
        ];
        let new = vec![
            json!({"id": "plan", "title": "Plan", "next": ["check-0"]}),
            json!({"id": "check-0", "title": "Step 0", "next": ["check-0"]}),
        ];
        assert_eq!(align(&old, &new), vec![Some(0), Some(1)]);
    }

    #[test]
    fn a_step_renamed_retitled_and_given_a_flag_is_known_by_its_detail() {
        let old = vec![
            json!({"id": "plan", "title": "Plan", "detail": "Phone the home.", "red_flags": ["Falls"]}),
            json!({"id": "check", "title": "Check", "detail": "Look again."}),
        ];
        let new = vec![
            json!({"id": "check", "title": "Check", "detail": "Look again."}),
            json!({"id": "plan-0", "title": "Step 0", "detail": "Phone the home.", "red_flags": ["Falls", "Falls"]}),
            json!({"id": "new", "title": "New", "detail": "Something else."}),
        ];
        assert_eq!(align(&old, &new), vec![Some(1), Some(0), None]);
    }

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
    fn ids_decide_and_an_id_gone_is_known_by_the_words() {
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
        // Renamed and edited: the same step.
        let old = vec![json!({"id": "gp-review", "title": "GP review within two days"})];
        let new = vec![
            json!({"id": "gp-visit", "title": "GP review within two working days"}),
            json!({"id": "gp-review-2", "title": "Thirty-day check"}),
        ];
        assert_eq!(align(&old, &new), vec![Some(0), None]);
    }

    #[test]
    fn an_item_rewritten_in_its_place_is_the_same_item_only_without_ids() {
        let old = vec![
            json!({"id": "plan", "title": "Plan"}),
            json!({"id": "gp-review", "title": "GP review within two days"}),
            json!({"id": "check", "title": "Check"}),
        ];
        let new = vec![
            json!({"id": "plan", "title": "Plan"}),
            json!({"id": "step-0", "title": "Step 0"}),
            json!({"id": "check", "title": "Check"}),
        ];
        // A step with another id saying nothing alike is another step: one
        // deleted and one added in its place, never one step rewritten.
        assert_eq!(align(&old, &new), vec![Some(0), None, Some(2)]);
        // Without ids, an item rewritten in its place is the same item.
        let old = vec![json!("Plan"), json!("Falls on the ward"), json!("Check")];
        let new = vec![json!("Plan"), json!("A new confusion"), json!("Check")];
        assert_eq!(align(&old, &new), vec![Some(0), Some(1), Some(2)]);
    }
}
