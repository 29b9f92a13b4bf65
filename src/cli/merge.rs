//! `carepath merge BASE OURS THEIRS`, also git's merge driver (`%O %A %B`):
//! the merge is written into OURS, keeping OURS' layout where it can.
//! Exit 0 when it merged cleanly, 1 where conflicts remain, 2 on error.
//!
//! Conflicts keep OURS' value in the file and are listed, with all three
//! values, in a comment block at the top of OURS and on standard error:
//! nothing THEIRS said is lost, and the file still loads.

use std::path::Path;

use super::diff::read;
use super::exit;
use super::output::say_err;
use crate::merge::{merge, record, write::into_ours};
use crate::store::save::save_atomic;

fn show(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(nothing)".into(),
        Some(serde_json::Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    }
}

/// `labels` name the two sides in the conflict record (e.g. branch names).
pub fn run(base: &Path, ours: &Path, theirs: &Path, labels: (&str, &str)) -> i32 {
    let (b, o, t) = match (read(base), read(ours), read(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            say_err(&format!("carepath merge: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    let result = match merge(&b.1, &o.1, &t.1) {
        Ok(r) => r,
        Err(e) => {
            say_err(&format!("carepath merge: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    let mut text = match into_ours(&o.0, &o.1, &result.merged) {
        Ok(text) => text,
        Err(why) => {
            say_err(&format!(
                "carepath merge: OURS' layout could not be kept ({why}); writing the merged pathway plainly"
            ));
            serde_yaml::to_string(&result.merged).unwrap_or_default()
        }
    };
    if !result.conflicts.is_empty() {
        text = record::block(&result.conflicts, labels) + &text;
        for c in &result.conflicts {
            say_err(&format!(
                "conflict: {}: base {}, {} {}, {} {}",
                c.path,
                show(&c.base),
                labels.0,
                show(&c.ours),
                labels.1,
                show(&c.theirs)
            ));
        }
    }
    if text != o.0
        && let Err(e) = save_atomic(ours, text.as_bytes())
    {
        say_err(&format!("carepath merge: {}: {e}", ours.display()));
        return exit::COULD_NOT_RUN;
    }
    if result.conflicts.is_empty() {
        exit::OK
    } else {
        exit::PROBLEMS
    }
}
