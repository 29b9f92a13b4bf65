//! `carepath merge BASE OURS THEIRS`, also git's merge driver (`%O %A %B`):
//! the merge is written into OURS, keeping OURS' layout where it can.
//! Exit 0 when it merged cleanly, 1 where conflicts remain, 2 on error.
//!
//! Conflicts keep OURS' value in the file and are listed, with all three
//! values, in a comment block at the top of OURS and on standard error:
//! nothing THEIRS said is lost, and the file still loads.
//!
//! OURS is never rewritten whole: where the merge cannot be written into
//! it in place, OURS stays as it was and each difference the merge would
//! make is recorded as a conflict (exit 1). A merge that would not load
//! (a step leading to one the other side removed, say) writes nothing and
//! exits 2.

use std::path::Path;

use super::diff::parse;
use super::exit;
use super::output::say_err;
use crate::merge::apart::{Written, write_into_trees};
use crate::merge::{merge_trees_taking_ours, record};
use crate::model::validate;
use crate::store::persist::save::save_atomic;
use crate::store::read::load::load_str;

fn show(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(nothing)".into(),
        Some(serde_json::Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    }
}

mod read;

pub(super) use read::SIDE_BY_SIDE_UP_TO;

/// `labels` name the two sides in the conflict record (e.g. branch names).
pub fn run(base: &Path, ours: &Path, theirs: &Path, labels: (&str, &str)) -> i32 {
    crate::alloc::for_few_large_blocks();
    let mut read = read::versions(base, ours, theirs);
    read.make_whole_unless_steps_stay();
    let (b, o, t) = match (read.base, read.ours, read.theirs) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            say_err(&format!("carepath merge: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    // Only OURS' text is needed from here on, and BASE and THEIRS only
    // until the merge has their trees.
    let ((_, b), (_, t)) = (b, t);
    crate::alloc::give_back();
    // OURS' text is kept; its pathway goes into the merge.
    let (ours_text, o) = o;
    let merged = merge_trees_taking_ours(b, o, t)
        .and_then(|(conflicts, mut trees)| Ok((conflicts, trees.pathway()?, trees)));
    crate::alloc::give_back();
    let (mut conflicts, merged, trees) = match merged {
        Ok(m) => m,
        Err(e) => {
            say_err(&format!("carepath merge: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    // Read again only where the merge cannot be written into it.
    let ours_again = || parse(ours, ours_text.clone().into_bytes()).map(|(_, p)| p);
    let written = match write_into_trees(&ours_text, ours_again, &merged, trees) {
        Ok(w) => w,
        Err(e) => {
            say_err(&format!("carepath merge: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    let mut text = match written {
        Written::InPlace(text) => {
            // The text reads back as the merge (`write_into_trees` made sure);
            // it is read again, for the places of its problems, only when
            // the merge itself would not load.
            let loads = validate(&merged).is_empty()
                && text.len() as u64 <= crate::store::read::input::MAX_BYTES;
            if !loads && let Err(d) = load_str("the merged pathway", &text) {
                let why: Vec<String> = d.iter().map(ToString::to_string).collect();
                say_err(&format!(
                    "carepath merge: the merge would not load, so nothing was written:\n{}",
                    why.join("\n")
                ));
                return exit::COULD_NOT_RUN;
            }
            text
        }
        Written::Apart {
            why,
            conflicts: kept,
        } => {
            say_err(&format!(
                "carepath merge: THEIRS' changes could not be written into OURS without rewriting it ({why}); \
                 OURS is kept as it was, and each change the merge would make is listed at its top as a conflict to decide"
            ));
            conflicts.extend(kept);
            ours_text.clone()
        }
    };
    if !conflicts.is_empty() {
        text = record::block(&conflicts, labels) + &text;
        for c in &conflicts {
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
    if text != ours_text
        && let Err(e) = save_atomic(ours, text.as_bytes())
    {
        say_err(&format!("carepath merge: {}: {e}", ours.display()));
        return exit::COULD_NOT_RUN;
    }
    if conflicts.is_empty() {
        exit::OK
    } else {
        exit::PROBLEMS
    }
}
