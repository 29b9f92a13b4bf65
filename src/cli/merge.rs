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

use super::diff::{parse, parse_reusing, read_bytes};
use super::exit;
use super::output::say_err;
use crate::merge::apart::{Written, write_into_trees};
use crate::merge::{merge_trees, record};
use crate::model::validate;
use crate::store::persist::save::save_atomic;
use crate::store::read::load::Earlier;
use crate::store::read::load::load_str;

fn show(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(nothing)".into(),
        Some(serde_json::Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    }
}

/// Versions up to this size (all together) are read side by side;
/// longer ones one after the other, as reading a version holds several
/// times its size until it is done, and three long ones at once would hold
/// three times that.
pub(super) const SIDE_BY_SIDE_UP_TO: usize = 1024 * 1024;

type Version = Result<(String, crate::model::Pathway), String>;

/// BASE, OURS and THEIRS, read.
fn read_versions(base: &Path, ours: &Path, theirs: &Path) -> (Version, Version, Version) {
    let b = read_bytes(base);
    let size = |v: &Result<Vec<u8>, String>| v.as_ref().map_or(0, Vec::len);
    // A long BASE is read before the others are, so three texts are not
    // held while it is read (see `read_long`).
    if size(&b) * 3 > SIDE_BY_SIDE_UP_TO {
        return read_long(base, ours, theirs, b);
    }
    let (o, t) = (read_bytes(ours), read_bytes(theirs));
    let parsed = |path: &Path, bytes: Result<Vec<u8>, String>| bytes.and_then(|b| parse(path, b));
    if size(&b) + size(&o) + size(&t) > SIDE_BY_SIDE_UP_TO {
        let (o, t) = (Some(o), Some(t));
        return read_long_with(base, ours, theirs, b, o, t);
    }
    // OURS on this core, BASE and then THEIRS on another.
    std::thread::scope(|s| {
        let failed = |_| {
            let e = || Err("reading a version failed".to_string());
            (e(), e())
        };
        let others = s.spawn(|| (parsed(base, b), parsed(theirs, t)));
        let o = parsed(ours, o);
        let (b, t) = others.join().unwrap_or_else(failed);
        (b, o, t)
    })
}

type Bytes = Result<Vec<u8>, String>;

/// [`read_versions`] of long versions, one after the other: BASE first,
/// then OURS and THEIRS reusing the steps BASE has word for word (not read
/// again).
fn read_long(base: &Path, ours: &Path, theirs: &Path, b: Bytes) -> (Version, Version, Version) {
    read_long_with(base, ours, theirs, b, None, None)
}

/// [`read_long`], with OURS' and THEIRS' bytes where they were read
/// already.
fn read_long_with(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    b: Bytes,
    o: Option<Bytes>,
    t: Option<Bytes>,
) -> (Version, Version, Version) {
    // Only OURS' text is needed once a version is read.
    let b = b.and_then(|b| parse_reusing(base, b, &[]).map(|(_, p, l)| (p, l)));
    let (b, lines) = match b {
        Ok((p, lines)) => (p, lines),
        Err(e) => return (Err(e), Err(String::new()), Err(String::new())),
    };
    let (o, t) = (
        o.unwrap_or_else(|| read_bytes(ours)),
        t.unwrap_or_else(|| read_bytes(theirs)),
    );
    let earlier: Vec<Earlier> = lines
        .iter()
        .map(|lines| Earlier { pathway: &b, lines })
        .collect();
    let reused = |path: &Path, bytes: Bytes| {
        bytes.and_then(|bytes| parse_reusing(path, bytes, &earlier).map(|(s, p, _)| (s, p)))
    };
    let o = reused(ours, o);
    let t = reused(theirs, t).map(|(_, p)| (String::new(), p));
    drop(earlier);
    (Ok((String::new(), b)), o, t)
}

/// `labels` name the two sides in the conflict record (e.g. branch names).
pub fn run(base: &Path, ours: &Path, theirs: &Path, labels: (&str, &str)) -> i32 {
    crate::alloc::for_few_large_blocks();
    let (b, o, t) = read_versions(base, ours, theirs);
    let (b, o, t) = match (b, o, t) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            say_err(&format!("carepath merge: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    // Only OURS' text is needed from here on, and BASE and THEIRS only
    // until the merge has their trees.
    let ((_, b), (_, t)) = (b, t);
    let merged = merge_trees(b, &o.1, t)
        .and_then(|(conflicts, mut trees)| Ok((conflicts, trees.pathway()?, trees)));
    let (mut conflicts, merged, trees) = match merged {
        Ok(m) => m,
        Err(e) => {
            say_err(&format!("carepath merge: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    let mut text = match write_into_trees(&o.0, &o.1, &merged, trees) {
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
            o.0.clone()
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
    if text != o.0
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
