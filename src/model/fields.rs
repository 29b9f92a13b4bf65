//! Setting one field of a pathway in memory, addressed the way people and
//! scripts address it in the file: `steps.plan-early.title`, list items by
//! `id` or by number. The same path is spliced into the file on save, so
//! what is shown and what is written cannot drift apart.

use serde_json::Value;

use super::Pathway;

/// `p` with the value at `path` set to `value`, or why that cannot be.
pub fn set(p: &Pathway, path: &str, value: &str) -> Result<Pathway, String> {
    let mut json = serde_json::to_value(p).map_err(|e| e.to_string())?;
    let segments: Vec<&str> = path.split('.').collect();
    let (last, parents) = segments.split_last().ok_or("an empty path")?;
    let mut node = &mut json;
    for seg in parents {
        node = step(node, seg).ok_or_else(|| format!("{path} cannot be found in this pathway"))?;
    }
    match node {
        Value::Object(map) => {
            map.insert(last.to_string(), Value::String(value.to_string()));
        }
        Value::Array(items) => {
            let i = index_of(items, last)
                .ok_or_else(|| format!("{path} cannot be found in this pathway"))?;
            items[i] = Value::String(value.to_string());
        }
        _ => return Err(format!("{path} cannot be found in this pathway")),
    }
    serde_json::from_value(json).map_err(|e| format!("{value:?} does not fit {path}: {e}"))
}

/// The list at `path`, created empty if `create` and it is missing.
fn list_mut<'a>(
    json: &'a mut Value,
    path: &str,
    create: bool,
) -> Result<&'a mut Vec<Value>, String> {
    let segments: Vec<&str> = path.split('.').collect();
    let (last, parents) = segments.split_last().ok_or("an empty path")?;
    let mut node = json;
    for seg in parents {
        node = step(node, seg).ok_or_else(|| format!("{path} cannot be found in this pathway"))?;
    }
    let Value::Object(map) = node else {
        return Err(format!("{path} cannot be found in this pathway"));
    };
    if create && !matches!(map.get(*last), Some(Value::Array(_))) {
        map.insert(last.to_string(), Value::Array(Vec::new()));
    }
    match map.get_mut(*last) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(format!("{path} cannot be found in this pathway as a list")),
    }
}

fn edit_list(
    p: &Pathway,
    path: &str,
    create: bool,
    f: impl FnOnce(&mut Vec<Value>) -> Result<(), String>,
) -> Result<Pathway, String> {
    let mut json = serde_json::to_value(p).map_err(|e| e.to_string())?;
    f(list_mut(&mut json, path, create)?)?;
    serde_json::from_value(json).map_err(|e| format!("that does not fit {path}: {e}"))
}

/// `p` with `item` inserted into the list at `path` as item `index`.
pub fn insert(p: &Pathway, path: &str, index: usize, item: Value) -> Result<Pathway, String> {
    edit_list(p, path, true, |items| {
        items.insert(index.min(items.len()), item);
        Ok(())
    })
}

/// `p` without item `index` of the list at `path`.
pub fn remove(p: &Pathway, path: &str, index: usize) -> Result<Pathway, String> {
    edit_list(p, path, false, |items| {
        if index >= items.len() {
            return Err(format!("{path} has no item {index}"));
        }
        items.remove(index);
        Ok(())
    })
}

/// `p` with item `from` of the list at `path` moved to `to`.
pub fn move_item(p: &Pathway, path: &str, from: usize, to: usize) -> Result<Pathway, String> {
    edit_list(p, path, false, |items| {
        if from >= items.len() || to >= items.len() {
            return Err(format!("{path} has {} items", items.len()));
        }
        let item = items.remove(from);
        items.insert(to, item);
        Ok(())
    })
}

/// `p` with the key `old` of the mapping at `map_path` renamed `new`.
pub fn rename_key(p: &Pathway, map_path: &str, old: &str, new: &str) -> Result<Pathway, String> {
    let mut json = serde_json::to_value(p).map_err(|e| e.to_string())?;
    let mut node = &mut json;
    for seg in map_path.split('.') {
        node =
            step(node, seg).ok_or_else(|| format!("{map_path} cannot be found in this pathway"))?;
    }
    let Value::Object(map) = node else {
        return Err(format!("{map_path} is not a set of named entries"));
    };
    let value = map
        .remove(old)
        .ok_or_else(|| format!("{map_path} has no {old}"))?;
    map.insert(new.to_string(), value);
    serde_json::from_value(json).map_err(|e| e.to_string())
}

/// `p` without the key `key` of the mapping at `map_path`.
pub fn remove_key(p: &Pathway, map_path: &str, key: &str) -> Result<Pathway, String> {
    let mut json = serde_json::to_value(p).map_err(|e| e.to_string())?;
    let mut node = &mut json;
    if !map_path.is_empty() {
        for seg in map_path.split('.') {
            node = step(node, seg)
                .ok_or_else(|| format!("{map_path} cannot be found in this pathway"))?;
        }
    }
    let Value::Object(map) = node else {
        return Err(format!("{map_path} is not a set of named entries"));
    };
    map.remove(key)
        .ok_or_else(|| format!("there is no {key} to remove"))?;
    serde_json::from_value(json).map_err(|e| e.to_string())
}

/// `p` with a new entry `key` holding `value` in the mapping at
/// `map_path` (an analysis, a question's `closed:`), the mapping made when
/// it is not there yet; an entry already there is not replaced.
pub fn insert_key(p: &Pathway, map_path: &str, key: &str, value: Value) -> Result<Pathway, String> {
    let mut json = serde_json::to_value(p).map_err(|e| e.to_string())?;
    let mut node = &mut json;
    for seg in map_path.split('.').filter(|s| !s.is_empty()) {
        if let Value::Object(map) = node
            && !map.contains_key(seg)
        {
            map.insert(seg.to_string(), Value::Object(serde_json::Map::new()));
        }
        node =
            step(node, seg).ok_or_else(|| format!("{map_path} cannot be found in this pathway"))?;
    }
    let Value::Object(map) = node else {
        return Err(format!("{map_path} is not a set of named entries"));
    };
    if map.get(key).is_some_and(|v| !v.is_null()) {
        return Err(format!("{map_path} already has {key}"));
    }
    map.insert(key.to_string(), value);
    serde_json::from_value(json).map_err(|e| format!("that does not fit {map_path}: {e}"))
}

/// The value at `path` as text, if it is a single value.
pub fn get(p: &Pathway, path: &str) -> Option<String> {
    let mut json = serde_json::to_value(p).ok()?;
    let mut node = &mut json;
    for seg in path.split('.') {
        node = step(node, seg)?;
    }
    match node {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn step<'a>(node: &'a mut Value, seg: &str) -> Option<&'a mut Value> {
    match node {
        Value::Object(map) => map.get_mut(seg),
        Value::Array(items) => {
            let i = index_of(items, seg)?;
            items.get_mut(i)
        }
        _ => None,
    }
}

fn index_of(items: &[Value], seg: &str) -> Option<usize> {
    items
        .iter()
        .position(|item| item.get("id").and_then(Value::as_str) == Some(seg))
        .or_else(|| seg.parse().ok().filter(|i: &usize| *i < items.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pathway() -> Pathway {
        serde_yaml::from_str(
            "carepath: 1\nid: p\ntitle: T\nparticipants:\n  - id: h\n    name: H\n    kind: hospital\nsteps:\n  - id: s\n    title: S\nprinciples: [a, b]\n",
        )
        .unwrap()
    }

    #[test]
    fn fields_are_set_by_id_and_by_number() {
        let p = set(&pathway(), "steps.s.title", "New").unwrap();
        assert_eq!(p.steps[0].title, "New");
        let p = set(&p, "principles.1", "c").unwrap();
        assert_eq!(p.principles, vec!["a", "c"]);
        let p = set(&p, "steps.s.kind", "decision").unwrap();
        assert_eq!(p.steps[0].kind.as_str(), "decision");
        let p = set(&p, "place", "Riverside").unwrap();
        assert_eq!(p.place.as_deref(), Some("Riverside"));
        assert_eq!(get(&p, "steps.s.title").as_deref(), Some("New"));
    }

    #[test]
    fn values_that_do_not_fit_are_refused() {
        assert!(set(&pathway(), "steps.s.kind", "actoin").is_err());
        assert!(set(&pathway(), "review_due", "soon").is_err());
        assert!(
            set(&pathway(), "steps.nope.title", "x")
                .unwrap_err()
                .contains("steps.nope.title cannot be found")
        );
    }
}
