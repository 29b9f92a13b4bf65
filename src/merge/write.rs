//! Writing a merged pathway into OURS' file: the changes that turn OURS
//! into the result are made with the same engine as any edit, so OURS'
//! comments and layout stay wherever its content stays.

use serde_json::Value;

use super::lists::item_key;
use crate::model::{Branch, Measure, MondayChange, Participant, Pathway, Point, SignOff, Step};
use crate::store::session::Change;

/// OURS' text changed into `merged`, or why it could not be done in place
/// (the caller then writes the merged pathway plainly).
pub fn into_ours(ours_text: &str, ours: &Pathway, merged: &Pathway) -> Result<String, String> {
    let (o, m) = (
        serde_json::to_value(ours).map_err(|e| e.to_string())?,
        serde_json::to_value(merged).map_err(|e| e.to_string())?,
    );
    let mut changes = Vec::new();
    transform("", &o, &m, &mut changes)?;
    let mut text = ours_text.to_string();
    for change in &changes {
        text = change.write(&text)?;
    }
    let back: Pathway = serde_yaml::from_str(&text).map_err(|e| e.to_string())?;
    if &back != merged {
        return Err("the merged file would not read back as merged".into());
    }
    Ok(text)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The YAML of a new list item, in the model's field order.
pub fn item_yaml(list: &str, item: &Value) -> Result<String, String> {
    let last = list.rsplit('.').next().unwrap_or(list);
    fn typed<T: serde::de::DeserializeOwned + serde::Serialize>(
        v: &Value,
    ) -> Result<String, String> {
        let t: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
        serde_yaml::to_string(&t).map_err(|e| e.to_string())
    }
    match last {
        "steps" => typed::<Step>(item),
        "participants" => typed::<Participant>(item),
        "branches" => typed::<Branch>(item),
        "monday_morning" => typed::<MondayChange>(item),
        "measures" => typed::<Measure>(item),
        "sign_off" => typed::<SignOff>(item),
        "causes" | "goals" | "values" => typed::<Point>(item),
        _ => serde_yaml::to_string(item).map_err(|e| e.to_string()),
    }
}

/// How an item of a list is addressed while the list changes around it:
/// its id where it has one, else its place in OURS.
fn address(item: &Value, index: usize) -> String {
    item.get("id")
        .and_then(Value::as_str)
        .map_or_else(|| index.to_string(), String::from)
}

fn transform(path: &str, o: &Value, m: &Value, out: &mut Vec<Change>) -> Result<(), String> {
    if o == m {
        return Ok(());
    }
    match (o, m) {
        (Value::Object(om), Value::Object(mm)) => {
            for (k, mv) in mm {
                let at = join(path, k);
                match (om.get(k).filter(|v| !v.is_null()), mv) {
                    (_, Value::Null) => {}
                    (Some(ov), mv) => transform(&at, ov, mv, out)?,
                    (None, Value::Array(items)) => {
                        for (i, item) in items.iter().enumerate() {
                            out.push(Change::Insert {
                                path: at.clone(),
                                index: i,
                                yaml: item_yaml(&at, item)?,
                            });
                        }
                    }
                    (None, v) => match scalar(v) {
                        Some(s) => out.push(Change::Set { path: at, value: s }),
                        None => return Err(format!("{at} is new and cannot be added in place")),
                    },
                }
            }
            for (k, v) in om {
                if !v.is_null() && mm.get(k).is_none_or(Value::is_null) {
                    out.push(Change::RemoveKey {
                        map_path: path.to_string(),
                        key: k.clone(),
                    });
                }
            }
            Ok(())
        }
        (Value::Array(oa), Value::Array(ma)) => list(path, oa, ma, out),
        (_, m) => match scalar(m) {
            Some(s) => {
                out.push(Change::Set {
                    path: path.to_string(),
                    value: s,
                });
                Ok(())
            }
            None => Err(format!("{path} changed shape")),
        },
    }
}

fn list(path: &str, ours: &[Value], merged: &[Value], out: &mut Vec<Change>) -> Result<(), String> {
    let ok: Vec<String> = ours.iter().map(item_key).collect();
    let mk: Vec<String> = merged.iter().map(item_key).collect();
    // Edits inside items both hold, addressed before anything moves.
    for (i, o) in ours.iter().enumerate() {
        if let Some(j) = mk.iter().position(|k| *k == ok[i]) {
            transform(&join(path, &address(o, i)), o, &merged[j], out)?;
        }
    }
    // Items the result does not hold, from the last so places stay right.
    let mut current: Vec<String> = ok.clone();
    for i in (0..ours.len()).rev() {
        if !mk.contains(&ok[i]) {
            out.push(Change::Remove {
                path: path.to_string(),
                index: i,
            });
            current.remove(i);
        }
    }
    // Then each place in turn: the item that belongs there moved up, or new.
    for (t, key) in mk.iter().enumerate() {
        if current.get(t) == Some(key) {
            continue;
        }
        match current.iter().position(|k| k == key) {
            Some(from) => {
                out.push(Change::Move {
                    path: path.to_string(),
                    from,
                    to: t,
                });
                let k = current.remove(from);
                current.insert(t, k);
            }
            None => {
                out.push(Change::Insert {
                    path: path.to_string(),
                    index: t,
                    yaml: item_yaml(path, &merged[t])?,
                });
                current.insert(t, key.clone());
            }
        }
    }
    Ok(())
}
