//! Reading the three versions of a merge, holding as little as it can:
//! long versions one after the other, each step read once (a later
//! version's steps that BASE has word for word are BASE's), OURS' text
//! let go of while THEIRS is read, and the steps all three hold word for
//! word kept light in BASE and THEIRS while the merge does not need them
//! whole.

use std::path::Path;

use super::super::diff::{bytes_key, parse, parse_reusing, read_bytes};
use crate::model::Pathway;
use crate::store::read::load::{Beside, Earlier, keep_light, step_keys};

/// Versions up to this size (all together) are read side by side;
/// longer ones one after the other, as reading a version holds several
/// times its size until it is done, and three long ones at once would hold
/// three times that.
pub(in crate::cli) const SIDE_BY_SIDE_UP_TO: usize = 1024 * 1024;

pub(super) type Version = Result<(String, Pathway), String>;

/// BASE, OURS and THEIRS as read (only OURS with its text).
pub(super) struct Versions {
    pub base: Version,
    pub ours: Version,
    pub theirs: Version,
    /// The steps all three hold word for word, where BASE and THEIRS keep
    /// them light: each step's place in BASE, then in OURS and THEIRS.
    light: Vec<(usize, [usize; 2])>,
}

impl Versions {
    /// BASE's and THEIRS' light steps made whole again (as copies of
    /// OURS', which they are word for word), unless the steps stay in
    /// their places in all three: only the merge of steps in their places
    /// takes such a step from OURS without looking at the others' (see
    /// [`crate::merge::steps_stay_in_place`]).
    pub fn make_whole_unless_steps_stay(&mut self) {
        let light = std::mem::take(&mut self.light);
        let (Ok((_, b)), Ok((_, o)), Ok((_, t))) = (&mut self.base, &self.ours, &mut self.theirs)
        else {
            return;
        };
        if light.is_empty() || crate::merge::steps_stay_in_place(b, o, t) {
            return;
        }
        for (in_base, [in_ours, in_theirs]) in light {
            let Some(step) = o.steps.get(in_ours) else {
                continue;
            };
            for at in [b.steps.get_mut(in_base), t.steps.get_mut(in_theirs)]
                .into_iter()
                .flatten()
            {
                at.clone_from(step);
            }
        }
    }
}

/// BASE, OURS and THEIRS, read.
pub(super) fn versions(base: &Path, ours: &Path, theirs: &Path) -> Versions {
    read_versions(base, ours, theirs, true)
}

/// [`versions`]; long ones with the steps all three share kept light
/// where `light`.
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
            light: Vec::new(),
        }
    })
}

type Bytes = Result<Vec<u8>, String>;

/// [`read_versions`] of long versions, one after the other (with OURS'
/// and THEIRS' bytes where they were read already): BASE first, then OURS
/// and THEIRS reusing the steps BASE has word for word (not read again).
///
/// Where `light`, the steps all three hold word for word are kept, in
/// BASE and THEIRS, as what the merge of steps in their places needs
/// (their detail and red flags go, as `diff` keeps shared steps): OURS is
/// read before that, whole, and
/// such a step is OURS' in that merge, as neither side changed it. OURS'
/// text is let go of while THEIRS is read, and read again after.
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
        light: Vec::new(),
    };
    // Only OURS' text is needed once a version is read.
    let b = b.and_then(|b| parse_reusing(base, b, Beside::default()).map(|(_, p, l)| (p, l)));
    let (mut b, lines) = match b {
        Ok((p, lines)) => (p, lines),
        Err(e) => return failed(e),
    };
    let (o, t) = match others {
        Some((o, t)) => (o, Some(t)),
        None => (read_bytes(ours), None),
    };
    let reused = |path: &Path, bytes: Bytes, b: &Pathway| {
        let earlier: Vec<Earlier> = lines
            .iter()
            .map(|lines| Earlier { pathway: b, lines })
            .collect();
        bytes.and_then(|bytes| {
            parse_reusing(path, bytes, Beside::reusing(&earlier)).map(|(s, p, _)| (s, p))
        })
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
    let light = match (&lines, &o_keys, &t_keys) {
        (Some(lines), Some(o_keys), Some(t_keys)) => {
            let shared = lines.places_held_by_all([o_keys, t_keys]);
            for (i, _) in &shared {
                if let Some(step) = b.steps.get_mut(*i) {
                    keep_light(step);
                }
            }
            shared
        }
        _ => Vec::new(),
    };
    drop((o_keys, t_keys));
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
        light,
    }
}
