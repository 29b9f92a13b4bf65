//! The outline of a long pathway: everything but its steps, and of each
//! step only what the pathway's rules read (its id, kind, owner and where
//! it leads), with the names interned. A pathway of thousands of steps is
//! held whole at about twice its file; its outline at a fraction of it.
//! `carepath set` checks a long file before and after its change from
//! outlines, so it holds the text once and little besides.
//!
//! The steps are read as [`super::chunked`] reads them, in runs, each
//! step outlined as soon as its run is read. Where that reading does not
//! apply (a short file, an unusual layout, a file with problems), there is
//! no outline and the caller reads the file whole.

use std::ops::Range;

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

use indexmap::IndexMap;
use indexmap::map::{RawEntryApiV1, raw_entry_v1::RawEntryMut};
use rayon::prelude::*;

use super::chunked::{ITEMS_A_RUN, StepsList, marked, rest_of, steps_list};
use crate::model::{Branch, Pathway, Step, StepKind, StepsSeen};

/// What the rules read of one step, its names as places among [`Names`].
#[derive(Debug, Clone, Copy)]
struct Skeleton {
    id: u32,
    /// `NONE` when the step has no owner.
    owner: u32,
    kind: StepKind,
    /// Its `next` and then its branches' `next`, in `targets`.
    targets: u32,
    next: u32,
    branches: u32,
}

const NONE: u32 = u32::MAX;

/// Smaller files are not outlined: held whole, they are small. A file
/// read whole holds every YAML event of it until it is read, many times
/// its size, so a file of a few hundred steps is outlined already.
pub const OUTLINE_FROM: usize = 32 * 1024;

/// Runs read at once, on every core, before they are outlined: a few per
/// core, so the steps held whole at any moment are a few hundred.
const RUNS_AT_ONCE: usize = 8;

/// A long pathway's outline: see the module's notes.
pub struct Outline {
    /// The pathway with no steps.
    pub rest: Pathway,
    pub steps: Skeletons,
    list: StepsList,
}

/// The outlines of a pathway's steps, in order.
#[derive(Default)]
pub struct Skeletons {
    names: Names,
    steps: Vec<Skeleton>,
    targets: Vec<u32>,
}

/// Names, each once, one after the other in one text, known by their
/// place: thousands of step ids held without a block of memory each.
#[derive(Default)]
struct Names {
    text: String,
    /// Where each name is in `text`, found by the name's hash.
    spans: IndexMap<(u32, u32), ()>,
    hasher: RandomState,
}

impl Names {
    fn with_capacity(count: usize) -> Names {
        Names {
            spans: IndexMap::with_capacity(count),
            ..Names::default()
        }
    }

    /// The place of `name`, added if new.
    fn place(&mut self, name: &str) -> u32 {
        let hash = self.hasher.hash_one(name);
        let text = &self.text;
        let at = |&(start, len): &(u32, u32)| &text[start as usize..(start + len) as usize];
        let next = self.spans.len();
        match self
            .spans
            .raw_entry_mut_v1()
            .from_hash(hash, |k| at(k) == name)
        {
            RawEntryMut::Occupied(found) => found.index() as u32,
            RawEntryMut::Vacant(room) => {
                let span = (self.text.len() as u32, name.len() as u32);
                room.insert_hashed_nocheck(hash, span, ());
                self.text.push_str(name);
                next as u32
            }
        }
    }

    fn get(&self, place: u32) -> &str {
        self.spans
            .get_index(place as usize)
            .and_then(|(&(start, len), _)| self.text.get(start as usize..(start + len) as usize))
            .unwrap_or("")
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.spans.shrink_to_fit();
    }
}

impl Outline {
    /// The outline of `text` (no byte order mark, within the limits), or
    /// `None` where it is not read in pieces.
    pub fn read(text: &str) -> Option<Outline> {
        if text.len() < OUTLINE_FROM {
            return None;
        }
        let list = steps_list(text)?;
        let count = list.items.len();
        let runs: Vec<Range<usize>> = (0..count)
            .step_by(ITEMS_A_RUN)
            .map(|first| first..(first + ITEMS_A_RUN).min(count))
            .collect();
        let (rest, steps) = rayon::join(read_rest(text, &list), || {
            // Most names are the steps' ids: room for them is made once.
            let mut all = Skeletons {
                names: Names::with_capacity(count),
                steps: Vec::with_capacity(count),
                targets: Vec::with_capacity(count),
            };
            for group in runs.chunks(RUNS_AT_ONCE) {
                let read: Vec<Option<Vec<Step>>> = group
                    .par_iter()
                    .map(|run| read_items(text, &list, run.clone()))
                    .collect();
                for steps in read {
                    for step in steps? {
                        let skeleton = all.skeleton(&step);
                        all.steps.push(skeleton);
                    }
                }
            }
            all.names.shrink_to_fit();
            all.targets.shrink_to_fit();
            Some(all)
        });
        Some(Outline {
            rest: rest?,
            steps: steps?,
            list,
        })
    }

    /// The steps whose lines hold or touch `span` of the text this outline
    /// was read from: the places of the items changed by a change there
    /// (none when it is outside the list).
    pub fn touched(&self, span: &Range<usize>) -> Range<usize> {
        let items = &self.list.items;
        if items.is_empty() || span.start > self.list.end {
            return 0..0;
        }
        // Each item's lines run from its start to the next one's, both
        // ends counted: a change at a boundary touches the items on either
        // side of it.
        let first = items.partition_point(|&start| start < span.start);
        let last = items.partition_point(|&start| start <= span.end);
        first.saturating_sub(1)..last.max(first.saturating_sub(1))
    }

    /// The steps in `places`, read whole from `text` (the text this outline
    /// was read from), or `None` if they do not read alone.
    pub fn steps_in(&self, text: &str, places: Range<usize>) -> Option<Vec<Step>> {
        read_items(text, &self.list, places)
    }

    /// The outline of `after`: the text this outline was read from with
    /// `span` replaced by `new_len` bytes, where the steps in `touched`
    /// (see [`Outline::touched`]) are read again from `after` and the
    /// others kept; with the rest as it was and the touched steps as they
    /// are now. `None` if `after` is not read in pieces the same way, item
    /// for item, and the caller reads it whole.
    pub fn changed(
        mut self,
        after: &str,
        span: &Range<usize>,
        new_len: usize,
        touched: Range<usize>,
    ) -> Option<(Outline, Pathway, Vec<Step>)> {
        let list = steps_list(after)?;
        let moved = |at: usize| {
            if at <= span.start {
                Some(at)
            } else if at >= span.end {
                Some(at - span.len() + new_len)
            } else {
                None
            }
        };
        let same_items = list.items.len() == self.list.items.len()
            && self
                .list
                .items
                .iter()
                .zip(&list.items)
                .enumerate()
                .all(|(i, (&was, &is))| touched.contains(&i) || moved(was) == Some(is))
            && moved(self.list.end) == Some(list.end)
            && moved(self.list.key_line) == Some(list.key_line);
        if !same_items {
            return None;
        }
        let steps = read_items(after, &list, touched.clone())?;
        let rest = read_rest(after, &list)()?;
        for (i, step) in touched.zip(&steps) {
            self.steps.steps[i] = self.steps.skeleton(step);
        }
        self.list = list;
        let was = std::mem::replace(&mut self.rest, rest);
        Some((self, was, steps))
    }
}

impl Skeletons {
    /// The place of `name` among the outline's names, added if new.
    fn name(&mut self, name: &str) -> u32 {
        self.names.place(name)
    }

    fn skeleton(&mut self, step: &Step) -> Skeleton {
        let targets = self.targets.len() as u32;
        for next in &step.next {
            let n = self.name(next);
            self.targets.push(n);
        }
        for branch in &step.branches {
            let n = self.name(&branch.next);
            self.targets.push(n);
        }
        Skeleton {
            id: self.name(&step.id),
            owner: step.owner.as_deref().map_or(NONE, |o| self.name(o)),
            kind: step.kind,
            targets,
            next: step.next.len() as u32,
            branches: step.branches.len() as u32,
        }
    }

    fn named(&self, at: u32) -> &str {
        self.names.get(at)
    }
}

impl StepsSeen for Skeletons {
    fn ids(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.steps.iter().map(|s| self.named(s.id)))
    }

    fn each(&self, f: &mut dyn FnMut(usize, &Step)) {
        for (i, s) in self.steps.iter().enumerate() {
            let at = s.targets as usize;
            let name = |n: &u32| self.named(*n).to_string();
            let targets = self.targets.get(at..at + (s.next + s.branches) as usize);
            let targets = targets.unwrap_or_default();
            let (next, branches) = targets.split_at((s.next as usize).min(targets.len()));
            let step = Step {
                id: self.named(s.id).to_string(),
                owner: (s.owner != NONE).then(|| self.named(s.owner).to_string()),
                kind: s.kind,
                next: next.iter().map(name).collect(),
                branches: branches
                    .iter()
                    .map(|n| Branch {
                        when: String::new(),
                        next: name(n),
                    })
                    .collect(),
                title: String::new(),
                detail: None,
                red_flags: Vec::new(),
            };
            f(i, &step);
        }
    }
}

/// A reading of everything in `text` but the steps in `list`, to run.
fn read_rest<'a>(text: &'a str, list: &'a StepsList) -> impl FnOnce() -> Option<Pathway> + 'a {
    move || {
        let (rest, unmarked) = rest_of(text, list);
        let mut pathway: Pathway = serde_yaml::from_str(&rest).ok()?;
        if !marked(&pathway.steps, &unmarked) {
            return None;
        }
        pathway.steps = Vec::new();
        Some(pathway)
    }
}

/// The items in `places` of `list` in `text`, read together.
fn read_items(text: &str, list: &StepsList, places: Range<usize>) -> Option<Vec<Step>> {
    if places.is_empty() {
        return Some(Vec::new());
    }
    let lines = text.get(*list.items.get(places.start)?..list.item_end(places.end - 1))?;
    serde_yaml::from_str::<Vec<Step>>(lines)
        .ok()
        .filter(|steps| steps.len() == places.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{validate, validate_with};

    /// A pathway of `n` steps, long enough to be read in pieces.
    fn long(n: usize) -> String {
        let mut text = String::from(
            "carepath: 1\nid: p\ntitle: T\nparticipants:\n  - id: home\n    name: The home\n    kind: care-home\nsteps:\n",
        );
        for i in 0..n {
            text += &format!(
                "  - id: s{i}\n    title: Step {i}\n    owner: home\n    detail: |\n      Line {i}\n    next: [s{}]\n",
                (i + 1) % n
            );
        }
        text += "  - id: choose\n    title: Choose\n    kind: decision\n    branches:\n      - when: \"Yes\"\n        next: s1\n      - when: \"No\"\n        next: s2\n";
        text += "questions:\n  - id: q1\n    text: Why?\n    step: s3\n    by: home\n    date: 2026-01-01\n";
        text
    }

    /// The rules find on the outline just what they find on the pathway.
    fn same_problems(text: &str) {
        let outline = Outline::read(text).unwrap_or_else(|| panic!("not outlined"));
        let whole: Pathway = serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let expected = validate(&whole);
        assert_eq!(validate_with(&outline.rest, &outline.steps), expected);
    }

    #[test]
    fn the_rules_find_on_an_outline_what_they_find_on_the_pathway() {
        let text = long(4000);
        assert!(text.len() >= OUTLINE_FROM);
        same_problems(&text);
        for (from, to) in [
            ("- id: s7\n", "- id: s8\n"),
            ("next: [s9]", "next: [nowhere]"),
            (
                "- id: s10\n    title: Step 10\n    owner: home",
                "- id: s10\n    title: Step 10\n    owner: nobody",
            ),
            (
                "- id: s11\n    title: Step 11\n",
                "- id: s11\n    title: Step 11\n    kind: decision\n",
            ),
            ("next: s2\n", "next: gone\n"),
            ("step: s3\n", "step: s99999\n"),
            ("- id: s12\n", "- id: S12\n"),
            ("title: Step 13\n", "title: \"\"\n"),
            ("kind: decision\n", "kind: action\n"),
        ] {
            assert!(text.contains(from), "{from}");
            same_problems(&text.replacen(from, to, 1));
        }
    }

    #[test]
    fn a_change_touches_the_steps_whose_lines_hold_it() {
        let text = long(4000);
        let outline = Outline::read(&text).unwrap_or_else(|| panic!("not outlined"));
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s}"));
        let title = at("title: Step 7\n") + "title: ".len();
        assert_eq!(outline.touched(&(title..title + 6)), 7..8);
        // At an item's first line: the item before it too.
        let dash = at("  - id: s9\n");
        assert_eq!(outline.touched(&(dash..dash)), 8..10);
        // Outside the list: none.
        assert_eq!(
            outline.touched(&(at("title: T") + 7..at("title: T") + 8)),
            0..0
        );
        let question = at("text: Why?");
        assert_eq!(outline.touched(&(question..question + 4)), 0..0);
    }
}
