//! Proposing which of two sides' points say the same thing in different
//! words: a score of shared meaning-bearing terms, and a one-to-one
//! pairing, best pairs first.

use std::collections::HashMap;

/// Pairs scoring at least this are proposed as the same point.
///
/// Chosen from the example pathways: paraphrases such as "Medicines not
/// ready when transport arrives" / "Meds arrive hours after the resident"
/// score 0.50, and "Discharged late on Friday with no handover call" /
/// "Late Friday discharges with no handover to the care home" 0.73, while
/// points that merely share a topic word ("medicines … transport" /
/// "medication changes … practice") stay at or below 0.25.
pub const THRESHOLD: f64 = 0.4;

/// Dice coefficient of two sorted, deduplicated term lists: shared terms
/// over the average size.
pub fn score(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Gives every distinct term a number, so term lists compare as integers.
#[derive(Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    pub fn terms(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = super::normalise::terms(text)
            .into_iter()
            .map(|t| {
                let next = self.ids.len() as u32;
                *self.ids.entry(t).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A proposed pair: index on the left, index on the right, score.
pub type Pair = (usize, usize, f64);

/// Every pair of `left` × `right` that shares at least one term and scores
/// at least [`THRESHOLD`], found through an index of terms rather than by
/// scoring every pair.
pub fn candidates(left: &[Vec<u32>], right: &[Vec<u32>]) -> Vec<Pair> {
    let postings = postings(right);
    let mut out = Vec::new();
    let mut shared = vec![0u32; right.len()];
    let mut touched = Vec::new();
    for (i, terms) in left.iter().enumerate() {
        for &t in terms {
            for &j in postings.get(t as usize).map_or(&[][..], Vec::as_slice) {
                let j = j as usize;
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        for &j in &touched {
            let s = 2.0 * f64::from(shared[j]) / (terms.len() + right[j].len()) as f64;
            if s >= THRESHOLD {
                out.push((i, j, s));
            }
            shared[j] = 0;
        }
        touched.clear();
    }
    out
}

/// For each term (terms are numbered densely by [`Vocabulary`]), the items
/// that have it, in index order.
fn postings(items: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let top = items.iter().flatten().max().map_or(0, |&t| t as usize + 1);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); top];
    for (j, terms) in items.iter().enumerate() {
        let j = u32::try_from(j).unwrap_or(u32::MAX);
        for &t in terms {
            postings[t as usize].push(j);
        }
    }
    postings
}

/// The pairs of one list with itself that [`candidates`] would find, each
/// once (`x < y`) and only between items of different `owner`s: half the
/// work of pairing the list with itself and throwing half away.
pub fn candidates_within(terms: &[Vec<u32>], owner: &[usize]) -> Vec<Pair> {
    let postings = postings(terms);
    let mut out = Vec::new();
    let mut shared = vec![0u32; terms.len()];
    let mut touched = Vec::new();
    for (i, list) in terms.iter().enumerate() {
        for &t in list {
            let posting = postings.get(t as usize).map_or(&[][..], Vec::as_slice);
            // Postings are in index order: only the items after `i`.
            let after = posting.partition_point(|&j| j as usize <= i);
            for &j in &posting[after..] {
                let j = j as usize;
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        for &j in &touched {
            if owner.get(j) != owner.get(i) {
                let s = 2.0 * f64::from(shared[j]) / (list.len() + terms[j].len()) as f64;
                if s >= THRESHOLD {
                    out.push((i, j, s));
                }
            }
            shared[j] = 0;
        }
        touched.clear();
    }
    out
}

/// Keeps the best pairs such that each item is in at most one pair: the
/// highest score wins; ties go to the earlier items, so the result does not
/// depend on hashing order.
pub fn one_to_one(
    mut pairs: Vec<Pair>,
    left_taken: &mut [bool],
    right_taken: &mut [bool],
) -> Vec<Pair> {
    // Each pair is there once, so the order is total and an unstable sort
    // gives the same result as a stable one.
    pairs.sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    let mut out = Vec::new();
    for (i, j, s) in pairs {
        if !left_taken[i] && !right_taken[j] {
            left_taken[i] = true;
            right_taken[j] = true;
            out.push((i, j, s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: &str, b: &str) -> f64 {
        let mut v = Vocabulary::default();
        let (x, y) = (v.terms(a), v.terms(b));
        score(&x, &y)
    }

    #[test]
    fn paraphrases_score_above_the_threshold() {
        assert!(
            s(
                "Medicines not ready when transport arrives",
                "meds arrive hours after the resident"
            ) >= THRESHOLD
        );
        assert!(
            s(
                "Discharged late on Friday with no handover call",
                "Late Friday discharges with no handover to the care home"
            ) >= THRESHOLD
        );
    }

    #[test]
    fn near_misses_score_below_it() {
        assert!(
            s(
                "Medicines not ready when transport arrives",
                "Medication changes made in hospital reach the practice a week later"
            ) < THRESHOLD
        );
        assert!(
            s(
                "Poor inhaler technique",
                "Low uptake of pulmonary rehabilitation"
            ) < THRESHOLD
        );
    }

    #[test]
    fn pairs_within_one_list_are_those_of_the_list_with_itself() {
        let mut v = Vocabulary::default();
        let texts = [
            "late friday discharge",
            "discharge late on friday",
            "meds late",
            "late meds again",
            "handover call missing",
            "no handover call",
        ];
        let terms: Vec<_> = texts.iter().map(|t| v.terms(t)).collect();
        let owner = [0, 1, 0, 1, 1, 0];
        let mut all: Vec<_> = candidates(&terms, &terms)
            .into_iter()
            .filter(|&(x, y, _)| x < y && owner[x] != owner[y])
            .collect();
        let mut within = candidates_within(&terms, &owner);
        let key = |p: &Pair| (p.0, p.1);
        all.sort_by_key(key);
        within.sort_by_key(key);
        assert_eq!(within, all);
        assert!(!within.is_empty());
    }

    #[test]
    fn the_index_finds_what_scoring_every_pair_finds() {
        let mut v = Vocabulary::default();
        let left: Vec<_> = ["late friday discharge", "meds late", "no handover call"]
            .iter()
            .map(|t| v.terms(t))
            .collect();
        let right: Vec<_> = [
            "discharge late on friday",
            "handover call missing",
            "unrelated words",
        ]
        .iter()
        .map(|t| v.terms(t))
        .collect();
        let mut all = Vec::new();
        for (i, a) in left.iter().enumerate() {
            for (j, b) in right.iter().enumerate() {
                if score(a, b) >= THRESHOLD {
                    all.push((i, j));
                }
            }
        }
        let mut found: Vec<_> = candidates(&left, &right)
            .into_iter()
            .map(|(i, j, _)| (i, j))
            .collect();
        found.sort();
        assert_eq!(found, all);
    }
}
