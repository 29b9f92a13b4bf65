//! Writing a merged pathway into OURS' file: the changes that turn OURS
//! into the result are made with the same engine as any edit, so OURS'
//! comments and layout stay wherever its content stays. List items are
//! found in the result the way the merge finds them (`align`), and are
//! addressed by their place in OURS, so an item held twice, or one whose id
//! changed, is still addressed rightly.

use serde_json::Value;

use super::align::align;
use super::edits::{Edit, ITEM};
use crate::model::{Change, Pathway, schema};

/// OURS' text changed into `merged`, or why it could not be done in place
/// (the caller then keeps both versions: see `apart`).
pub fn into_ours(ours_text: &str, ours: &Pathway, merged: &Pathway) -> Result<String, String> {
    let trees = super::Trees {
        ours: serde_json::to_value(ours).map_err(|e| e.to_string())?,
        merged: serde_json::to_value(merged).map_err(|e| e.to_string())?,
        steps: None,
    };
    write(ours_text, trees, merged, false)
}

/// As [`into_ours`], from the trees of OURS and of the merge that the
/// merge built (`trees.merged` reads as `merged`). `ours_text` is the
/// text OURS was read from, so what the merge leaves of it is known to
/// read as OURS: a merge that only changed items of the pathway's lists is
/// read back item by item (`readback`), not whole.
pub fn into_ours_trees(
    ours_text: &str,
    trees: super::Trees,
    merged: &Pathway,
) -> Result<String, String> {
    write(ours_text, trees, merged, true)
}

/// `text_is_ours`: `ours_text` is known to read as `trees.ours`.
fn write(
    ours_text: &str,
    trees: super::Trees,
    merged: &Pathway,
    text_is_ours: bool,
) -> Result<String, String> {
    let mut edits = Vec::new();
    transform("", &trees.ours, &trees.merged, &mut edits)?;
    if let Some(merged_steps) = &trees.steps {
        steps_in_place(&mut edits, merged_steps)?;
    }
    // How many steps OURS holds: the steps' edits come before any that
    // adds or takes away a step.
    let steps = match trees.ours.get("steps") {
        Some(Value::Array(steps)) => Some(steps.len()),
        _ => trees.steps.as_ref().map(|_| merged.steps.len()),
    };
    drop(trees);
    // Where every edit is inside the items of the pathway's own lists, each
    // edited item is read back alone (`readback`); else the whole text is.
    let mut by_item = text_is_ours
        && !edits.is_empty()
        && edits
            .iter()
            .all(|e| matches!(e, Edit::InItems { path, .. } if !path.contains('.')));
    // The first edit writes from OURS' text itself, not from a copy of it.
    let mut text = std::borrow::Cow::Borrowed(ours_text);
    for edit in &edits {
        let (next, placed) = edit.write_placed(&text, steps)?;
        text = std::borrow::Cow::Owned(next);
        if by_item && let Edit::InItems { path, .. } = edit {
            by_item = placed.is_some_and(|placed| {
                placed
                    .iter()
                    .all(|at| super::readback::item_reads_back(path, at, &text, merged))
            });
        }
    }
    if by_item {
        return Ok(text.into_owned());
    }
    let back: Pathway = serde_yaml::from_str(&text).map_err(|e| e.to_string())?;
    if &back != merged {
        return Err("the merged file would not read back as merged".into());
    }
    Ok(text.into_owned())
}

/// Where the steps were merged apart (see `super::steps`), the edit the
/// marks made among the others becomes the edits in the steps the merge
/// changed, as [`list`] makes them for steps that stay in their places.
fn steps_in_place(edits: &mut Vec<Edit>, merged: &super::steps::MergedSteps) -> Result<(), String> {
    let at = edits
        .iter()
        .position(|e| {
            matches!(e, Edit::Change(Change::Set { path, value })
                if path == "steps" && value == super::steps::IN_MERGE)
        })
        .ok_or("the merge lost its steps on the way")?;
    let mut items = Vec::new();
    for (i, ours, merged) in &merged.changed_in_ours {
        let mut in_item = Vec::new();
        transform(ITEM, ours, merged, &mut in_item)?;
        if !in_item.is_empty() {
            items.push((*i, in_item));
        }
    }
    if items.is_empty() {
        edits.remove(at);
    } else {
        edits[at] = Edit::InItems {
            path: "steps".to_string(),
            items,
        };
    }
    Ok(())
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

/// The YAML of a new list item of the list at `list` (a dotted path), in
/// the model's field order.
pub fn item_yaml(list: &str, item: &Value) -> Result<String, String> {
    serde_yaml::to_string(&in_model_order(item, &mut keys_of(list))).map_err(|e| e.to_string())
}

/// The YAML of a new entry of a mapping (an analysis), in the model's
/// field order.
fn entry_yaml(map_path: &str, key: &str, v: &Value) -> Result<String, String> {
    let mut keys = keys_of(map_path);
    keys.push(key.to_string());
    serde_yaml::to_string(&in_model_order(v, &mut keys)).map_err(|e| e.to_string())
}

/// The keys of a dotted path, its indices left out.
fn keys_of(path: &str) -> Vec<String> {
    path.split('.')
        .filter(|s| !s.is_empty() && s.parse::<usize>().is_err())
        .map(str::to_string)
        .collect()
}

/// `v` as YAML with every mapping's keys in the order the model declares
/// them at the place the path of `keys` leads to ([`schema::keys_at`]), as
/// the typed model writes them; keys the model does not order (the names
/// of entries) keep their own order.
fn in_model_order(v: &Value, keys: &mut Vec<String>) -> serde_yaml::Value {
    match v {
        Value::Object(map) => {
            let at: Vec<&str> = keys.iter().map(String::as_str).collect();
            let order = schema::keys_at(&at);
            let mut names: Vec<&String> = map.keys().collect();
            // The model's keys in its order, any others after them as
            // they were.
            names.sort_by_key(|k| {
                order
                    .iter()
                    .position(|o| *o == k.as_str())
                    .unwrap_or(order.len())
            });
            let mut out = serde_yaml::Mapping::new();
            for name in names {
                keys.push(name.clone());
                out.insert(
                    serde_yaml::Value::String(name.clone()),
                    in_model_order(&map[name.as_str()], keys),
                );
                keys.pop();
            }
            serde_yaml::Value::Mapping(out)
        }
        Value::Array(items) => {
            serde_yaml::Value::Sequence(items.iter().map(|x| in_model_order(x, keys)).collect())
        }
        Value::String(s) => serde_yaml::Value::String(s.clone()),
        Value::Bool(b) => serde_yaml::Value::Bool(*b),
        Value::Null => serde_yaml::Value::Null,
        Value::Number(n) => serde_yaml::to_value(n).unwrap_or(serde_yaml::Value::Null),
    }
}

fn transform(path: &str, o: &Value, m: &Value, out: &mut Vec<Edit>) -> Result<(), String> {
    if o == m {
        return Ok(());
    }
    match (o, m) {
        (Value::Object(om), Value::Object(mm)) => {
            let renames = super::renames(om, mm);
            for (k, mv) in mm {
                let at = join(path, k);
                match (om.get(k).filter(|v| !v.is_null()), mv) {
                    (_, Value::Null) => {}
                    (Some(ov), mv) => transform(&at, ov, mv, out)?,
                    (None, mv)
                        if let Some((old, was)) = renames
                            .iter()
                            .find(|(_, n)| n == k)
                            .and_then(|(old, _)| Some((*old, om.get(*old)?))) =>
                    {
                        out.push(Edit::Change(Change::RenameKey {
                            map_path: path.to_string(),
                            old: old.to_string(),
                            new: k.clone(),
                        }));
                        transform(&at, was, mv, out)?;
                    }
                    (None, Value::Array(items)) => {
                        for (i, item) in items.iter().enumerate() {
                            out.push(Edit::Change(Change::Insert {
                                path: at.clone(),
                                index: i,
                                yaml: item_yaml(&at, item)?,
                            }));
                        }
                    }
                    (None, v @ Value::Object(_)) => out.push(Edit::Entry {
                        map_path: path.to_string(),
                        key: k.clone(),
                        yaml: entry_yaml(path, k, v)?,
                    }),
                    (None, v) => match scalar(v) {
                        Some(s) => out.push(Edit::Change(Change::Set { path: at, value: s })),
                        None => return Err(format!("{at} is new and cannot be added in place")),
                    },
                }
            }
            for (k, v) in om {
                if !v.is_null()
                    && mm.get(k).is_none_or(Value::is_null)
                    && !renames.iter().any(|(old, _)| old == k)
                {
                    out.push(Edit::Change(Change::RemoveKey {
                        map_path: path.to_string(),
                        key: k.clone(),
                    }));
                }
            }
            Ok(())
        }
        (Value::Array(oa), Value::Array(ma)) => list(path, oa, ma, out),
        (_, m) => match scalar(m) {
            Some(s) => {
                out.push(Edit::Change(Change::Set {
                    path: path.to_string(),
                    value: s,
                }));
                Ok(())
            }
            None => Err(format!("{path} changed shape")),
        },
    }
}

/// OURS' list turned into the result's: edits inside the items both hold
/// (addressed by their place in OURS, before anything moves), then the
/// items the result does not hold taken out from the last, then each place
/// in turn filled by moving the item that belongs there up, or adding it.
/// Each of OURS' items is one token, so an item held twice is two.
fn list(path: &str, ours: &[Value], merged: &[Value], out: &mut Vec<Edit>) -> Result<(), String> {
    let of_merged = align(ours, merged);
    let mut kept = vec![false; ours.len()];
    let mut in_items = Vec::new();
    for (j, of) in of_merged.iter().enumerate() {
        if let Some(i) = *of {
            kept[i] = true;
            let mut edits = Vec::new();
            transform(ITEM, &ours[i], &merged[j], &mut edits)?;
            if !edits.is_empty() {
                in_items.push((i, edits));
            }
        }
    }
    if !in_items.is_empty() {
        out.push(Edit::InItems {
            path: path.to_string(),
            items: in_items,
        });
    }
    let mut current: Vec<Option<usize>> = (0..ours.len()).map(Some).collect();
    for i in (0..ours.len()).rev() {
        if !kept[i] {
            out.push(Edit::Change(Change::Remove {
                path: path.to_string(),
                index: i,
            }));
            current.remove(i);
        }
    }
    for (t, of) in of_merged.iter().enumerate() {
        match *of {
            Some(i) if current.get(t) == Some(&Some(i)) => {}
            Some(i) => {
                let from = current
                    .iter()
                    .position(|c| *c == Some(i))
                    .ok_or_else(|| format!("{path}: an item was lost on the way"))?;
                out.push(Edit::Change(Change::Move {
                    path: path.to_string(),
                    from,
                    to: t,
                }));
                let token = current.remove(from);
                current.insert(t.min(current.len()), token);
            }
            None => {
                out.push(Edit::Change(Change::Insert {
                    path: path.to_string(),
                    index: t,
                    yaml: item_yaml(path, &merged[t])?,
                }));
                current.insert(t.min(current.len()), None);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# kept\ncarepath: 1\nid: p\ntitle: T\nprinciples:\n  - A  # first\n  - B\n  - A\nanalyses:\n  oakview:\n    # the home's view\n    causes:\n      - text: Late on Friday\n        weight: high\n";

    fn pathway(text: &str) -> Pathway {
        serde_yaml::from_str(text).unwrap()
    }

    /// Every item of every list of `p`'s JSON, with the dotted path of its
    /// list.
    fn items(v: &Value, path: &str, out: &mut Vec<(String, Value)>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let at = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    items(x, &at, out);
                }
            }
            Value::Array(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    out.push((path.to_string(), x.clone()));
                    items(x, &format!("{path}.{i}"), out);
                }
            }
            _ => {}
        }
    }

    fn typed_yaml<T: serde::Serialize>(x: &T) -> String {
        serde_yaml::to_string(x).unwrap()
    }

    /// `items` of the list `list`, each written from its JSON as the typed
    /// model writes it.
    fn written_as_typed<T: serde::Serialize>(list: &str, items: &[T]) {
        for (i, x) in items.iter().enumerate() {
            let json = serde_json::to_value(x).unwrap();
            assert_eq!(item_yaml(list, &json).unwrap(), typed_yaml(x), "{list} {i}");
        }
    }

    #[test]
    fn a_new_item_is_written_as_the_typed_model_writes_it() {
        for text in [
            include_str!("../../pathways/discharge-to-care-home.yaml"),
            include_str!("../../pathways/care-home-medication-review.yaml"),
            include_str!("../../pathways/integrated-copd-clinic.yaml"),
            include_str!("../../pathways/mental-health-crisis-big-room.yaml"),
            include_str!("../../pathways/personalised-care-at-home.yaml"),
        ] {
            let p = pathway(text);
            written_as_typed("steps", &p.steps);
            written_as_typed("participants", &p.participants);
            written_as_typed("monday_morning", &p.monday_morning);
            written_as_typed("measures", &p.measures);
            written_as_typed("sign_off", &p.sign_off);
            written_as_typed("decisions", &p.decisions);
            written_as_typed("questions", &p.questions);
            written_as_typed("actions", &p.actions);
            for m in &p.measures {
                written_as_typed("measures.0.values", &m.values);
            }
            for (who, analysis) in &p.analyses {
                written_as_typed(&format!("analyses.{who}.causes"), &analysis.causes);
                written_as_typed(&format!("analyses.{who}.values"), &analysis.values);
                let json = serde_json::to_value(analysis).unwrap();
                assert_eq!(
                    entry_yaml("analyses", who, &json).unwrap(),
                    typed_yaml(analysis)
                );
            }
            // Every item reads back as what it was.
            let mut all = Vec::new();
            items(&serde_json::to_value(&p).unwrap(), "", &mut all);
            for (list, item) in all {
                let back: Value = serde_yaml::from_str(&item_yaml(&list, &item).unwrap()).unwrap();
                assert_eq!(back, item, "{list}");
            }
        }
    }

    #[test]
    fn items_held_twice_are_moved_and_added_by_place() {
        let ours = pathway(TEXT);
        let mut merged = ours.clone();
        merged.principles = vec!["B".into(), "A".into(), "A".into(), "C".into()];
        let out = into_ours(TEXT, &ours, &merged).unwrap();
        assert!(
            out.contains("principles:\n  - B\n  - A  # first\n  - A\n  - C\nanalyses:"),
            "{out}"
        );
    }

    #[test]
    fn a_renamed_entry_is_renamed_in_place_with_its_comments() {
        let ours = pathway(TEXT);
        let mut merged = ours.clone();
        let mut analysis = merged.analyses.shift_remove("oakview").unwrap();
        analysis.causes[0].weight = Some(crate::model::Weight::Low);
        merged.analyses.insert("oakview-home".into(), analysis);
        let out = into_ours(TEXT, &ours, &merged).unwrap();
        assert!(
            out.ends_with("  oakview-home:\n    # the home's view\n    causes:\n      - text: Late on Friday\n        weight: low\n"),
            "{out}"
        );
    }

    #[test]
    fn a_new_entry_is_written_as_a_block_under_its_key() {
        let ours = pathway(TEXT);
        let mut merged = ours.clone();
        let mut analysis = merged.analyses["oakview"].clone();
        analysis.causes[0].text = "No handover call".into();
        merged.analyses.insert("gp".into(), analysis);
        let out = into_ours(TEXT, &ours, &merged).unwrap();
        assert!(
            out.ends_with("        weight: high\n  gp:\n    causes:\n      - text: No handover call\n        weight: high\n"),
            "{out}"
        );
    }
}
