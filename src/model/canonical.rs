//! The canonical form of a document for hashing: JSON with every object's
//! keys in sorted order, no insignificant space, and absent values left out
//! (`null`, empty lists and empty maps). The digest people sign is made
//! from it, so it must not move when a field of a Rust type is reordered,
//! or when a new optional field is added and left unset: every sign-off
//! already given would otherwise turn stale on an upgrade.

use serde::Serialize;
use serde_json::Value;

/// The canonical bytes of `value`, or the serialiser's error in words.
pub fn to_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let tree = serde_json::to_value(value).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    write(&tree, &mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Whether a value says nothing, and so is left out of an object.
fn is_absent(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_absent),
        _ => false,
    }
}

fn write(v: &Value, out: &mut Vec<u8>) -> serde_json::Result<()> {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map
                .iter()
                .filter(|(_, v)| !is_absent(v))
                .map(|(k, _)| k)
                .collect();
            // Sorted by their UTF-8 bytes, whatever order the map keeps.
            keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, k)?;
                out.push(b':');
                if let Some(inner) = map.get(k) {
                    write(inner, out)?;
                }
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(item, out)?;
            }
            out.push(b']');
        }
        scalar => serde_json::to_writer(&mut *out, scalar)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Before {
        b: u32,
        a: String,
    }

    /// The same type with its fields reordered and a new optional field.
    #[derive(Serialize)]
    struct After {
        a: String,
        added: Option<String>,
        more: Vec<u32>,
        b: u32,
    }

    #[test]
    fn reordering_fields_or_adding_an_unset_one_keeps_the_form() {
        let before = to_bytes(&Before {
            b: 1,
            a: "x".into(),
        })
        .unwrap();
        let after = to_bytes(&After {
            a: "x".into(),
            added: None,
            more: vec![],
            b: 1,
        })
        .unwrap();
        assert_eq!(before, after);
        assert_eq!(String::from_utf8(before).unwrap(), r#"{"a":"x","b":1}"#);
    }

    #[test]
    fn a_set_value_and_list_order_count() {
        let set = to_bytes(&After {
            a: "x".into(),
            added: Some("y".into()),
            more: vec![2, 1],
            b: 1,
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(set).unwrap(),
            r#"{"a":"x","added":"y","b":1,"more":[2,1]}"#
        );
    }

    #[test]
    fn text_is_escaped_as_json_and_keys_sort_by_bytes() {
        let v = serde_json::json!({"é": 1, "Z": "a\"b\n", "a": {"n": null}});
        assert_eq!(
            String::from_utf8(to_bytes(&v).unwrap()).unwrap(),
            "{\"Z\":\"a\\\"b\\n\",\"é\":1}"
        );
    }
}
