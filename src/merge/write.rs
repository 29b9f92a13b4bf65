//! Writing a merged pathway into OURS' file: the changes that turn OURS
//! into the result are made with the same engine as any edit, so OURS'
//! comments and layout stay wherever its content stays. List items are
//! found in the result the way the merge finds them (`align`), and are
//! addressed by their place in OURS, so an item held twice, or one whose id
//! changed, is still addressed rightly.

use serde_json::Value;

use super::align::align;
use super::edits::{Edit, ITEM};
use crate::model::Change;
use crate::model::{
    Action, Analysis, Answer, Branch, Decision, Measure, MeasureValue, MondayChange, Participant,
    Pathway, Point, Question, SignOff, Step,
};

/// OURS' text changed into `merged`, or why it could not be done in place
/// (the caller then keeps both versions: see `apart`).
pub fn into_ours(ours_text: &str, ours: &Pathway, merged: &Pathway) -> Result<String, String> {
    let trees = super::Trees {
        ours: serde_json::to_value(ours).map_err(|e| e.to_string())?,
        merged: serde_json::to_value(merged).map_err(|e| e.to_string())?,
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
    drop(trees);
    // Where every edit is inside the items of the pathway's own lists, each
    // edited item is read back alone (`readback`); else the whole text is.
    let mut by_item = text_is_ours
        && !edits.is_empty()
        && edits
            .iter()
            .all(|e| matches!(e, Edit::InItems { path, .. } if !path.contains('.')));
    let mut text = ours_text.to_string();
    for edit in &edits {
        let (next, placed) = edit.write_placed(&text)?;
        text = next;
        if by_item && let Edit::InItems { path, .. } = edit {
            by_item = placed.is_some_and(|placed| {
                placed
                    .iter()
                    .all(|at| super::readback::item_reads_back(path, at, &text, merged))
            });
        }
    }
    if by_item {
        return Ok(text);
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
        "values" if !list.starts_with("analyses") => typed::<MeasureValue>(item),
        "decisions" => typed::<Decision>(item),
        "questions" => typed::<Question>(item),
        "answers" => typed::<Answer>(item),
        "actions" => typed::<Action>(item),
        "causes" | "goals" | "values" => typed::<Point>(item),
        _ => serde_yaml::to_string(item).map_err(|e| e.to_string()),
    }
}

/// The YAML of a new entry of a mapping (an analysis), in the model's
/// field order.
fn entry_yaml(map_path: &str, v: &Value) -> Result<String, String> {
    if map_path == "analyses" {
        let a: Analysis = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
        return serde_yaml::to_string(&a).map_err(|e| e.to_string());
    }
    serde_yaml::to_string(v).map_err(|e| e.to_string())
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
                        yaml: entry_yaml(path, v)?,
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
