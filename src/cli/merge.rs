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

use super::diff::{bytes_key, lighten, parse, parse_reusing, read_bytes};
use super::exit;
use super::output::say_err;
use crate::merge::apart::{Written, write_into_trees};
use crate::merge::{merge_trees_taking_ours, record, steps_stay_in_place};
use crate::model::validate;
use crate::store::persist::save::save_atomic;
use crate::store::read::load::load_str;
use crate::store::read::load::{Earlier, step_keys};

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

/// BASE, OURS and THEIRS as read, and whether BASE's and THEIRS' steps
/// that all three hold word for word were kept light (see [`read_long`]).
struct Versions {
    base: Version,
    ours: Version,
    theirs: Version,
    light: bool,
}

/// BASE, OURS and THEIRS, read; long versions with the steps all three
/// share kept light where `light`.
fn read_versions(base: &Path, ours: &Path, theirs: &Path, light: bool) -> Versions {
    let b = read_bytes(base);
    let size = |v: &Result<Vec<u8>, String>| v.as_ref().map_or(0, Vec::len);
    // A long BASE is read before the others are, so three texts are not
    // held while it is read (see `read_long`).
    if size(&b) * 3 > SIDE_BY_SIDE_UP_TO {
        return read_long(base, ours, theirs, b, None, light);
    }
    let (o, t) = (read_bytes(ours), read_bytes(theirs));
    let parsed = |path: &Path, bytes: Result<Vec<u8>, String>| bytes.and_then(|b| parse(path, b));
    if size(&b) + size(&o) + size(&t) > SIDE_BY_SIDE_UP_TO {
        return read_long(base, ours, theirs, b, Some((o, t)), light);
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
        Versions {
            base: b,
            ours: o,
            theirs: t,
            light: false,
        }
    })
}

type Bytes = Result<Vec<u8>, String>;

/// [`read_versions`] of long versions, one after the other (with OURS'
/// and THEIRS' bytes where they were read already): BASE first, then OURS
/// and THEIRS reusing the steps BASE has word for word (not read again).
///
/// Where `light`, the steps all three hold word for word are kept, in
/// BASE and THEIRS, as what the merge of the steps in their places needs
/// (see [`super::diff::lighten`]): OURS is read before that, whole, and
/// such a step is OURS' in the merge, as neither side changed it. Only a
/// merge whose steps stay in their places may use them (see
/// [`crate::merge::steps_stay_in_place`]); any other reads the versions
/// again, whole.
fn read_long(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    b: Bytes,
    others: Option<(Bytes, Bytes)>,
    light: bool,
) -> Versions {
    let failed = |e| Versions {
        base: Err(e),
        ours: Err(String::new()),
        theirs: Err(String::new()),
        light: false,
    };
    // Only OURS' text is needed once a version is read.
    let b = b.and_then(|b| parse_reusing(base, b, &[]).map(|(_, p, l)| (p, l)));
    let (mut b, lines) = match b {
        Ok((p, lines)) => (p, lines),
        Err(e) => return failed(e),
    };
    let (o, t) = match others {
        Some((o, t)) => (o, Some(t)),
        None => (read_bytes(ours), None),
    };
    let reused = |path: &Path, bytes: Bytes, b: &crate::model::Pathway| {
        let earlier: Vec<Earlier> = lines
            .iter()
            .map(|lines| Earlier { pathway: b, lines })
            .collect();
        bytes.and_then(|bytes| parse_reusing(path, bytes, &earlier).map(|(s, p, _)| (s, p)))
    };
    let o = reused(ours, o, &b);
    // Where the shared steps are kept light, OURS' text is let go of while
    // THEIRS is read, and read again after: the two texts are not held at
    // once.
    let o_keys = match (&o, &lines) {
        (Ok((text, _)), Some(_)) if light => step_keys(text),
        _ => None,
    };
    let (o, o_key) = match (o, &o_keys) {
        (Ok((text, p)), Some(_)) => (Ok((String::new(), p)), Some(bytes_key(text.as_bytes()))),
        (o, _) => (o, None),
    };
    let t = t.unwrap_or_else(|| read_bytes(theirs));
    let t_keys = t
        .as_ref()
        .ok()
        .and_then(|t| step_keys(std::str::from_utf8(t).ok()?));
    let lightened = match (&lines, &o_keys, &t_keys) {
        (Some(lines), Some(o_keys), Some(t_keys)) => {
            lighten(&mut b, lines, &[o_keys, t_keys]);
            true
        }
        _ => false,
    };
    let t = reused(theirs, t, &b).map(|(_, p)| (String::new(), p));
    let o = match (o, o_key) {
        (Ok((_, p)), Some(key)) => match read_bytes(ours) {
            Ok(bytes) if bytes_key(&bytes) == key => String::from_utf8(bytes)
                .map(|text| (text, p))
                .map_err(|e| e.to_string()),
            // OURS changed while THEIRS was read: all is read again, as
            // it is now.
            _ => {
                drop((b, t));
                return read_versions(base, ours, theirs, false);
            }
        },
        (o, _) => o,
    };
    Versions {
        base: Ok((String::new(), b)),
        ours: o,
        theirs: t,
        light: lightened,
    }
}

/// `labels` name the two sides in the conflict record (e.g. branch names).
pub fn run(base: &Path, ours: &Path, theirs: &Path, labels: (&str, &str)) -> i32 {
    crate::alloc::for_few_large_blocks();
    let mut read = read_versions(base, ours, theirs, true);
    if read.light
        && let (Ok(b), Ok(o), Ok(t)) = (&read.base, &read.ours, &read.theirs)
        && !steps_stay_in_place(&b.1, &o.1, &t.1)
    {
        // The light steps are for a merge of steps in their places only.
        drop(read);
        read = read_versions(base, ours, theirs, false);
    }
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
