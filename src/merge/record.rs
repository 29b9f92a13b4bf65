//! The record of an unfinished merge, kept at the top of the merged file
//! as comments: people can read it in any editor, the file still loads,
//! and carepath reads it back to offer each conflict for a decision.

use serde_json::Value;

use super::Conflict;
use crate::model::FieldPath;

const HEAD: &str = "# carepath merge: ";
const ITEM: &str = "#   ";
const DECIDE: &str = "# Decide each one";

fn json(v: &Option<Value>) -> String {
    v.as_ref()
        .map_or_else(|| "null".to_string(), |v| v.to_string())
}

/// The comment block for `conflicts`; `labels` name ours and theirs for
/// the people reading it (the record itself always says ours/theirs).
pub fn block(conflicts: &[Conflict], labels: (&str, &str)) -> String {
    let mut out = format!(
        "{HEAD}{} conflict{} left; this file keeps the value of {} (ours) for each, against {} (theirs).\n\
         # Decide each one (carepath shows them: M on the pathway), then remove this block.\n",
        conflicts.len(),
        if conflicts.len() == 1 { "" } else { "s" },
        labels.0,
        labels.1
    );
    for c in conflicts {
        out.push_str(&format!(
            "{ITEM}{} | base {} | ours {} | theirs {}\n",
            c.path,
            json(&c.base),
            json(&c.ours),
            json(&c.theirs)
        ));
    }
    out
}

/// The conflicts recorded at the top of `text`, and where the record ends.
pub fn read(text: &str) -> Option<(Vec<Conflict>, usize)> {
    if !text.starts_with(HEAD) {
        return None;
    }
    let mut conflicts = Vec::new();
    let mut end = 0;
    // The record is its own lines only: the head, the instruction, and one
    // line a conflict. The file's own comments after it are the file's.
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let ours = n == 0 || line.starts_with(DECIDE) || line.starts_with(ITEM);
        if !ours {
            break;
        }
        end += line.len();
        let Some(item) = line.trim_end().strip_prefix(ITEM) else {
            continue;
        };
        let parts: Vec<&str> = item.splitn(4, " | ").collect();
        let [path, base, ours, theirs] = parts.as_slice() else {
            continue;
        };
        let value = |s: &str, label: &str| -> Option<Value> {
            let v: Value = serde_json::from_str(s.strip_prefix(label)?).ok()?;
            (!v.is_null()).then_some(v)
        };
        conflicts.push(Conflict {
            path: path.to_string(),
            base: value(base, "base "),
            ours: value(ours, "ours "),
            theirs: value(theirs, "theirs "),
        });
    }
    Some((conflicts, end))
}

/// The engine's address of a conflict's value (`steps.handover-call.title`
/// for `steps[handover-call].title`), where it has one.
pub fn address(path: &str) -> Option<String> {
    FieldPath::parse(path).dotted()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back() {
        let c = vec![
            Conflict {
                path: "title".into(),
                base: Some("B".into()),
                ours: Some("O: \"x\"".into()),
                theirs: Some("T".into()),
            },
            Conflict {
                path: "steps[s]".into(),
                base: Some(serde_json::json!({"id": "s"})),
                ours: None,
                theirs: Some(serde_json::json!({"id": "s", "title": "T"})),
            },
        ];
        let text = format!(
            "{}# The file's own comment.\ncarepath: 1\n",
            block(&c, ("main", "care-home"))
        );
        let (read_back, end) = read(&text).unwrap();
        assert_eq!(read_back, c);
        assert_eq!(&text[end..], "# The file's own comment.\ncarepath: 1\n");
    }

    #[test]
    fn addresses_for_the_engine() {
        assert_eq!(
            address("steps[handover-call].title").as_deref(),
            Some("steps.handover-call.title")
        );
        assert_eq!(
            address("analyses.oakview.causes[meds-late].weight").as_deref(),
            Some("analyses.oakview.causes.meds-late.weight")
        );
        assert_eq!(address("principles[Everybody counts]"), None);
    }
}
