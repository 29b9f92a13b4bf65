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
        node = step(node, seg).ok_or_else(|| format!("there is no {path} in this pathway"))?;
    }
    match node {
        Value::Object(map) => {
            map.insert(last.to_string(), Value::String(value.to_string()));
        }
        Value::Array(items) => {
            let i = index_of(items, last)
                .ok_or_else(|| format!("there is no {path} in this pathway"))?;
            items[i] = Value::String(value.to_string());
        }
        _ => return Err(format!("there is no {path} in this pathway")),
    }
    serde_json::from_value(json).map_err(|e| format!("{value:?} does not fit {path}: {e}"))
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
                .contains("there is no steps.nope.title")
        );
    }
}
