//! `carepath diff OLD NEW`: what changed between two versions of a
//! pathway, in the pathway's own words; like `diff`, exit 1 when anything
//! of substance differs.

use std::path::Path;

use serde_json::json;

use super::output::{colour_stdout, paint, safe, say_err};
use super::{Format, exit};
use crate::diff::{ChangeKind, describe, diff, layout_only};
use crate::model::Pathway;
use crate::store::read::load::{Beside, Earlier, StepLines, load_str_reusing, step_keys};

/// A version of a pathway: its text and what it says. A version need not
/// carry the file name its id expects (`git show` writes it to a temporary
/// file), so the id is not checked against the name here.
pub(super) fn read(path: &Path) -> Result<(String, Pathway), String> {
    parse(path, read_bytes(path)?)
}

pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    crate::store::safe_open::read_pathway(path).map_err(|e| {
        format!(
            "{}: {}",
            path.display(),
            crate::store::read::load::io_problem(path, &e)
        )
    })
}

/// A version's bytes read as a pathway: see [`read`].
pub(super) fn parse(path: &Path, bytes: Vec<u8>) -> Result<(String, Pathway), String> {
    parse_reusing(path, bytes, Beside::default()).map(|(text, p, _)| (text, p))
}

/// [`parse`] of a version read `beside` others (reusing the steps it
/// shares word for word with earlier versions, keeping light those a
/// later one holds: see [`load_str_reusing`]); with its steps' lines for
/// a later version, where a long pathway was read in pieces.
pub(super) fn parse_reusing(
    path: &Path,
    bytes: Vec<u8>,
    beside: Beside,
) -> Result<(String, Pathway, Option<StepLines>), String> {
    // The limits are applied by the loader below; only text that is not
    // UTF-8 is said here, with its place.
    let text = String::from_utf8(bytes).map_err(|e| {
        let name = path.display().to_string();
        crate::store::read::input::check(&name, e.as_bytes())
            .err()
            .map_or_else(|| format!("{name}: is not UTF-8 text"), |d| d.to_string())
    })?;
    let name = format!("{} (version)", path.display());
    let (p, lines) = load_str_reusing(&name, &text, beside).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    Ok((text, p, lines))
}

/// The changes from OLD to NEW, for the app's view of them.
pub fn changes(old: &Path, new: &Path) -> Result<Vec<crate::diff::Change>, String> {
    Ok(diff(&read(old)?.1, &read(new)?.1))
}

/// What differs between the versions at `old` and `new`: the changes, and
/// whether only layout or comments differ.
fn compare(old: &Path, new: &Path) -> Result<(Vec<crate::diff::Change>, bool), String> {
    let (a, b) = (read_bytes(old)?, read_bytes(new)?);
    // Two versions are read side by side, one on each core, up to a size
    // where the memory that reading holds (several times each file) matters
    // more than the wait.
    if a.len() + b.len() > super::merge::SIDE_BY_SIDE_UP_TO {
        return compare_long(old, new, a, b, true);
    }
    if a == b {
        // The same bytes say the same: read once, to say whether it loads.
        parse(old, a)?;
        return Ok((Vec::new(), false));
    }
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| parse(old, a));
        let b = parse(new, b);
        (
            a.join()
                .unwrap_or_else(|_| Err("reading the old version failed".into())),
            b,
        )
    });
    let (a, b) = (a?, b?);
    Ok((diff(&a.1, &b.1), layout_only(&a.0, &b.0, &a.1, &b.1)))
}

/// [`compare`] of long versions, one after the other, each text let go
/// of once read. Where `light`, NEW's steps are known by their lines
/// first, and OLD's steps that NEW holds word for word are kept as what
/// comparing needs as OLD is read (see [`keep_light`]); NEW's text is
/// read again after, and NEW's steps that OLD has are those light steps,
/// not read again.
///
/// [`keep_light`]: crate::store::read::load::keep_light
fn compare_long(
    old: &Path,
    new: &Path,
    a: Vec<u8>,
    b: Vec<u8>,
    light: bool,
) -> Result<(Vec<crate::diff::Change>, bool), String> {
    if a == b {
        // The same bytes say the same: read once, to say whether it loads.
        parse(old, a)?;
        return Ok((Vec::new(), false));
    }
    let b_keys = light
        .then(|| std::str::from_utf8(&b).ok().and_then(step_keys))
        .flatten();
    // NEW's text is let go of while OLD is read where it is known by its
    // steps' lines, and read again after: NEW's bytes, or what they are
    // known by.
    let b = if b_keys.is_some() {
        let known = bytes_key(&b);
        drop(b);
        Err(known)
    } else {
        Ok(b)
    };
    let beside = b_keys.as_ref().map_or_else(Beside::default, Beside::before);
    let (_, a, a_lines) = parse_reusing(old, a, beside)?;
    let lightened = b_keys.is_some() && a_lines.is_some();
    drop(b_keys);
    // What reading OLD let go of goes back before NEW is read.
    crate::alloc::give_back();
    let b = match b {
        Ok(b) => b,
        Err(b_key) => {
            let b = read_bytes(new)?;
            if bytes_key(&b) != b_key {
                // NEW changed while OLD was read: both are read again, as
                // they are now, the plain way.
                drop(a);
                return compare_long(old, new, read_bytes(old)?, read_bytes(new)?, false);
            }
            b
        }
    };
    let earlier: Vec<Earlier> = a_lines
        .iter()
        .map(|lines| Earlier { pathway: &a, lines })
        .collect();
    // The texts differ (see above), so only the layout differs where the
    // pathways are equal.
    let (_, b, b_lines) = parse_reusing(new, b, Beside::reusing(&earlier))?;
    drop(earlier);
    if lightened && b_lines.is_none() {
        // NEW was read whole, its steps not copies of OLD's: OLD is read
        // again, whole, so its steps compare with NEW's as they are.
        drop((a, b));
        return compare_long(old, new, read_bytes(old)?, read_bytes(new)?, false);
    }
    let layout = a == b;
    Ok((diff(&a, &b), layout))
}

/// What a version's bytes are known by: two keyed hashes, so versions
/// that differ are never taken for each other in practice.
pub(super) fn bytes_key(bytes: &[u8]) -> (u64, u64, usize) {
    use std::hash::BuildHasher;
    static KEYS: std::sync::OnceLock<(std::hash::RandomState, std::hash::RandomState)> =
        std::sync::OnceLock::new();
    let (x, y) =
        KEYS.get_or_init(|| (std::hash::RandomState::new(), std::hash::RandomState::new()));
    (x.hash_one(bytes), y.hash_one(bytes), bytes.len())
}

pub fn run(old: &Path, new: &Path, format: Format, ignore_layout: bool) -> i32 {
    crate::alloc::for_few_large_blocks();
    let (changes, layout) = match compare(old, new) {
        Ok(found) => found,
        Err(e) => {
            say_err(&format!("carepath diff: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    let layout = !ignore_layout && layout;
    match format {
        Format::Json => {
            let v = json!({
                "old": old.display().to_string(),
                "new": new.display().to_string(),
                "changes": changes,
                "layout_only": layout,
            });
            println!("{}", super::output::json(&v));
        }
        Format::Text => {
            let colour = colour_stdout();
            for c in &changes {
                let (mark, sgr) = match c.kind {
                    ChangeKind::Added => ("+", "32"),
                    ChangeKind::Removed => ("-", "31"),
                    ChangeKind::Changed => ("~", "33"),
                    ChangeKind::Moved => (">", "36"),
                };
                println!("{} {}", paint(colour, sgr, mark), safe(&describe(c)));
            }
            if changes.is_empty() {
                if layout {
                    println!("Only layout or comments differ; the pathway says the same.");
                } else {
                    println!("No difference.");
                }
            }
        }
    }
    if changes.is_empty() {
        exit::OK
    } else {
        exit::PROBLEMS
    }
}
