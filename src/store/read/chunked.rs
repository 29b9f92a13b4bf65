//! Reading a long pathway's steps a few at a time. The YAML reader holds
//! every event of the text it reads (each value copied, with its place)
//! until it is done: for a whole file of thousands of steps that is
//! several times the file. The steps' lines are read here in runs of a few
//! items, each run alone, and the rest of the file with an empty list in
//! their place, so what is held at once is the pathway and one run's
//! events. The runs are read on every core.
//!
//! It is the same reading, only in pieces: a run of items is lines that
//! read alone as they read in the file (every line of it blank, a comment,
//! or right of the items' dashes), and the rest of the file is checked to
//! hold its `steps` key where the list was. Anything else (a list written
//! on one line, a block scalar keeping its trailing lines, a piece that does
//! not read) is not read here: the caller reads the file whole, as before,
//! and says what is wrong with it from that reading.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::model::{Pathway, Step};
pub(crate) use crate::text::yaml::steps_list::{StepsList, steps_list};

/// Smaller files are read whole: their events cost little.
pub(super) const READ_IN_PIECES_FROM: usize = 256 * 1024;

/// Items read together: enough that starting a reader is nothing beside
/// reading them, few enough that their events are small.
pub(super) const ITEMS_A_RUN: usize = 64;

/// The steps of a version read in pieces, by the words of their lines:
/// a later version of the pathway whose step has the same lines, word for
/// word, has the same step, and it is copied rather than read again (a
/// merge reads three versions that mostly say the same).
#[derive(Debug, Default)]
pub struct StepLines(HashMap<u128, usize>);

impl StepLines {
    /// The steps whose lines, word for word, are among the steps of every
    /// one of `others` too: for each, its place here and its place in each
    /// of `others`, in order.
    pub fn places_held_by_all<const N: usize>(
        &self,
        others: [&StepKeys; N],
    ) -> Vec<(usize, [usize; N])> {
        self.0
            .iter()
            .filter_map(|(k, i)| {
                let mut at = [0; N];
                for (at, o) in at.iter_mut().zip(others) {
                    *at = *o.0.get(k)?;
                }
                Some((*i, at))
            })
            .collect()
    }
}

/// What the lines of each step of a version are known by, without
/// reading them, with the step's place (the first, for lines held twice):
/// enough to say which steps another version holds word for word, and
/// where ([`StepLines::places_held_by_all`]).
#[derive(Debug, Default)]
pub struct StepKeys(HashMap<u128, usize>);

/// The keys of the lines of the steps of `text`, where it would be read
/// in pieces; `None` elsewhere.
pub fn step_keys(text: &str) -> Option<StepKeys> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() < READ_IN_PIECES_FROM {
        return None;
    }
    let list = steps_list(text)?;
    let item_end = |i: usize| list.items.get(i + 1).copied().unwrap_or(list.end);
    let mut keys = HashMap::with_capacity(list.items.len());
    for i in 0..list.items.len() {
        keys.entry(key(&text[list.items[i]..item_end(i)]))
            .or_insert(i);
    }
    Some(StepKeys(keys))
}

/// A version read before, with its steps' lines.
#[derive(Clone, Copy)]
pub struct Earlier<'a> {
    pub pathway: &'a Pathway,
    pub lines: &'a StepLines,
}

/// The other versions a version is read beside: the steps of `earlier`
/// ones are reused where this one has them word for word, and the steps
/// a `later` one (not read yet) holds word for word are kept light (see
/// [`keep_light`]) as they are read, so the room their detail took is
/// used again by the steps read after them.
#[derive(Clone, Copy, Default)]
pub struct Beside<'a> {
    pub earlier: &'a [Earlier<'a>],
    pub later: Option<&'a StepKeys>,
}

impl<'a> Beside<'a> {
    /// Read reusing the steps of `earlier` versions.
    pub fn reusing(earlier: &'a [Earlier<'a>]) -> Self {
        Beside {
            earlier,
            later: None,
        }
    }

    /// Read keeping light the steps a later version, with the steps'
    /// keys `later`, holds word for word.
    pub fn before(later: &'a StepKeys) -> Self {
        Beside {
            earlier: &[],
            later: Some(later),
        }
    }
}

/// A step kept as what comparing it with its copies in other versions
/// needs: the detail and red flags go; the id, title, kind, owner, links
/// and branches that matching, moves and the pathway's rules use stay.
/// Such a step is only ever compared with its copies, which are read as
/// copies of it (a step's lines carry its id, and a pathway that loads
/// holds each id once), so the copies stay equal and nothing said about
/// them changes; it holds a long pathway's shared steps at about half
/// their size.
pub fn keep_light(step: &mut Step) {
    step.detail = None;
    step.red_flags = Vec::new();
}

/// What an item's lines are known by: two keyed hashes, so lines that
/// differ are never taken for each other in practice.
pub(super) fn key(lines: &str) -> u128 {
    static KEYS: OnceLock<(RandomState, RandomState)> = OnceLock::new();
    let (a, b) = KEYS.get_or_init(|| (RandomState::new(), RandomState::new()));
    (u128::from(a.hash_one(lines)) << 64) | u128::from(b.hash_one(lines))
}

/// Part of the list: steps known from an earlier version, or items to read.
enum Piece<'a> {
    Known(Vec<&'a Step>),
    Run { first: usize, count: usize },
}

/// Runs read at once, on every core, before their steps are put in the
/// list: enough that the cores seldom wait for each other, few enough
/// that what is held besides the list is some runs' steps, not all.
pub(super) const RUNS_AT_ONCE: usize = 64;

/// The pathway `text` says, read in pieces, and its steps' lines (none
/// for a version read reusing earlier ones); `None`
/// where it is not read this way (see the module's notes), and the caller
/// reads it whole. Steps whose lines are those of a step of an earlier
/// version are that step; those a later version holds word for word are
/// kept light (see [`Beside`]).
pub(super) fn read(text: &str, beside: Beside) -> Option<(Pathway, StepLines)> {
    let earlier = beside.earlier;
    if text.len() < READ_IN_PIECES_FROM {
        return None;
    }
    let list = steps_list(text)?;
    let (rest, unmarked) = rest_of(text, &list);
    let lines_of =
        |first: usize, count: usize| &text[list.items[first]..list.item_end(first + count - 1)];
    // Each item is known from an earlier version or read, in runs of the
    // items next to each other that are not known.
    // A version read on its own keeps its steps' lines, for later versions
    // to reuse; a later one (read reusing earlier ones) is the last, and
    // keeps none.
    let keep = earlier.is_empty();
    let mut keys = StepLines::default();
    if keep {
        keys.0.reserve(list.items.len());
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut light = Vec::new();
    for i in 0..list.items.len() {
        let k = key(lines_of(i, 1));
        if keep {
            keys.0.entry(k).or_insert(i);
        }
        if let Some(later) = beside.later {
            light.push(later.0.contains_key(&k));
        }
        let known = earlier.iter().find_map(|e| {
            let at = *e.lines.0.get(&k)?;
            e.pathway.steps.get(at)
        });
        match (known, pieces.last_mut()) {
            (Some(step), Some(Piece::Known(steps))) => steps.push(step),
            (Some(step), _) => pieces.push(Piece::Known(vec![step])),
            (None, Some(Piece::Run { first, count }))
                if *first + *count == i && *count < ITEMS_A_RUN =>
            {
                *count += 1;
            }
            (None, _) => pieces.push(Piece::Run { first: i, count: 1 }),
        }
    }
    let read_run = |piece: &Piece| match *piece {
        Piece::Known(_) => Some(Vec::new()),
        Piece::Run { first, count } => serde_yaml::from_str::<Vec<Step>>(lines_of(first, count))
            .ok()
            .filter(|steps| steps.len() == count)
            .map(|mut steps| {
                let shared = light.get(first..first + count).unwrap_or_default();
                for (step, _) in steps.iter_mut().zip(shared).filter(|(_, l)| **l) {
                    keep_light(step);
                }
                fitted(steps)
            }),
    };
    let (mut pathway, steps) = rayon::join(
        || serde_yaml::from_str::<Pathway>(&rest).ok(),
        || {
            // The list holds exactly its steps: one that grew by doubling
            // would hold up to twice the room, for as long as the pathway
            // is held.
            let mut all = Vec::with_capacity(list.items.len());
            for group in pieces.chunks(RUNS_AT_ONCE) {
                let read: Vec<Option<Vec<Step>>> = group.par_iter().map(read_run).collect();
                for (piece, steps) in group.iter().zip(read) {
                    match piece {
                        Piece::Known(known) => all.extend(known.iter().map(|s| (*s).clone())),
                        Piece::Run { .. } => all.extend(steps?),
                    }
                }
            }
            Some(all)
        },
    );
    let (pathway_ref, steps) = (pathway.as_mut()?, steps?);
    if !marked(&pathway_ref.steps, &unmarked) {
        return None;
    }
    pathway_ref.steps = steps;
    pathway.map(|p| (p, keys))
}

/// Steps as read, their lists holding no more room than their items: a
/// list read grows by doubling, from four, and a step's few flags and
/// links would otherwise hold several times their size.
pub(super) fn fitted(mut steps: Vec<Step>) -> Vec<Step> {
    for step in &mut steps {
        step.red_flags.shrink_to_fit();
        step.next.shrink_to_fit();
        step.branches.shrink_to_fit();
    }
    steps
}

/// The text with its steps list in `list` replaced by one step that holds
/// a marker, and the marker as that step reads: the rest of the pathway,
/// to read alone.
pub(super) fn rest_of(text: &str, list: &StepsList) -> (String, String) {
    let nonce = RandomState::new().build_hasher().finish();
    let marker = format!("\\u0001{nonce:x}");
    let rest = format!(
        "{}steps: [{{id: \"{marker}\", title: \"{marker}\"}}]\n{}",
        &text[..list.key_line],
        &text[list.end..]
    );
    (rest, format!("\u{1}{nonce:x}"))
}

/// Whether the `steps` read from [`rest_of`]'s text are the marked step
/// alone: the key read is the one where the list was, and nowhere else
/// (not inside a quoted value spanning lines).
pub(super) fn marked(steps: &[Step], unmarked: &str) -> bool {
    matches!(steps, [only] if only.id == unmarked && only.title == unmarked)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pathway of `n` steps, with `between` after every step's lines.
    fn long(n: usize, dash: &str, between: &str) -> String {
        let mut text = String::from("carepath: 1\nid: p\ntitle: T\n# the steps\nsteps:  # all\n");
        for i in 0..n {
            text += &format!(
                "{dash}- id: s{i}\n{dash}  title: Step {i}\n{dash}  detail: |\n{dash}    Line {i}\n\n{dash}    more\n{dash}  next: [s{}]\n{between}",
                i + 1
            );
        }
        text += "measures: []\n";
        text
    }

    fn read_alone(text: &str) -> Option<Pathway> {
        read(text, Beside::default()).map(|(p, _)| p)
    }

    fn whole(text: &str) -> Pathway {
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_long_pathway_read_in_pieces_is_the_pathway_read_whole() {
        for (dash, between) in [("  ", ""), ("", ""), ("    ", "# about the next\n\n  \n")] {
            let text = long(5000, dash, between);
            assert!(text.len() >= READ_IN_PIECES_FROM);
            let (pieces, _) = read(&text, Beside::default())
                .unwrap_or_else(|| panic!("not read in pieces: {dash:?}"));
            assert_eq!(pieces.steps.len(), 5000);
            assert_eq!(pieces, whole(&text));
        }
    }

    #[test]
    fn a_later_version_reuses_the_steps_it_shares_word_for_word() {
        let base = long(5000, "  ", "");
        let (b, lines) =
            read(&base, Beside::default()).unwrap_or_else(|| panic!("not read in pieces"));
        let earlier = [Earlier {
            pathway: &b,
            lines: &lines,
        }];
        let later = base
            .replacen("title: Step 7\n", "title: Step 7 (revised)\n", 1)
            .replacen("  - id: s9\n", "  - id: s9b\n", 1)
            .replacen(
                "  - id: s4000\n",
                "  - id: s1\n    title: Again\n  - id: s4000\n",
                1,
            );
        let (l, _) =
            read(&later, Beside::reusing(&earlier)).unwrap_or_else(|| panic!("not read in pieces"));
        assert_eq!(l, whole(&later));
        assert_eq!(l.steps[7].title, "Step 7 (revised)");
        assert_eq!(l.steps.len(), 5001);
    }

    #[test]
    fn steps_a_later_version_holds_word_for_word_are_read_light() {
        let old = long(5000, "  ", "");
        let new = old.replacen("Line 7\n", "Line 7, revised\n", 1).replacen(
            "title: Step 4001\n",
            "title: Step 4001 (new)\n",
            1,
        );
        let later = step_keys(&new).unwrap_or_else(|| panic!("no keys"));
        let (o, lines) =
            read(&old, Beside::before(&later)).unwrap_or_else(|| panic!("not read in pieces"));
        let whole_old = whole(&old);
        for (i, (light, step)) in o.steps.iter().zip(&whole_old.steps).enumerate() {
            if i == 7 || i == 4001 {
                assert_eq!(light, step, "step {i} changed in the later version");
            } else {
                assert_eq!(light.detail, None, "step {i}");
                assert_eq!(
                    (&light.id, &light.title, &light.next),
                    (&step.id, &step.title, &step.next)
                );
            }
        }
        // The later version, reusing the light steps, compares with the
        // earlier one as the whole readings do: only where it changed.
        let earlier = [Earlier {
            pathway: &o,
            lines: &lines,
        }];
        let (n, _) = read(&new, Beside::reusing(&earlier)).unwrap_or_else(|| panic!("not read"));
        let differ: Vec<usize> = (0..5000).filter(|&i| o.steps[i] != n.steps[i]).collect();
        assert_eq!(differ, [7, 4001]);
        assert_eq!(n.steps[7], whole(&new).steps[7]);
    }

    #[test]
    fn what_might_read_otherwise_in_pieces_is_left_to_the_whole_reading() {
        let text = long(5000, "  ", "");
        // The list inside a quoted value: `steps:` is no key there.
        let quoted =
            text.replacen("title: T\n", "title: \"T\n", 1)
                .replacen("measures: []\n", "\"\n", 1);
        assert_eq!(read_alone(&quoted), None);
        assert_eq!(whole(&quoted).steps.len(), 0);
        // A quoted value across an item's dash.
        let across = text
            .replacen("title: Step 5\n", "title: \"Step 5\n", 1)
            .replacen("  - id: s6\n", "  - id: s6\"\n", 1);
        assert_eq!(read_alone(&across), None);
        // A block scalar keeping its trailing lines; a list on one line.
        assert_eq!(
            read_alone(&text.replacen("detail: |", "detail: |+", 1)),
            None
        );
        assert_eq!(
            read_alone(&text.replacen("steps:  # all\n", "steps: [", 1)),
            None
        );
        // A line left of the dashes that is not a key.
        assert_eq!(read_alone(&text.replacen("measures", " measures", 1)), None);
        // Something wrong in a step: read whole, to say what.
        assert_eq!(
            read_alone(&text.replacen("next: [s7]", "nxt: [s7]", 1)),
            None
        );
        // A small file is read whole.
        assert_eq!(read_alone(&long(3, "  ", "")), None);
    }
}
