//! Proposing which of two sides' points say the same thing in different
//! words: a score of shared meaning-bearing terms, and a one-to-one
//! pairing, best pairs first.

use std::collections::HashMap;

use super::normalise::Synonyms;

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

/// Gives every distinct term a number, so term lists compare as integers;
/// terms are found with the synonyms given (the built-in ones by default).
pub struct Vocabulary<'a> {
    ids: HashMap<String, u32>,
    synonyms: &'a Synonyms,
}

impl Default for Vocabulary<'static> {
    fn default() -> Self {
        Vocabulary::new(Synonyms::builtin())
    }
}

impl<'a> Vocabulary<'a> {
    pub fn new(synonyms: &'a Synonyms) -> Vocabulary<'a> {
        Vocabulary {
            ids: HashMap::new(),
            synonyms,
        }
    }

    pub fn terms(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .synonyms
            .terms(text)
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
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (j, terms) in right.iter().enumerate() {
        for &t in terms {
            postings.entry(t).or_default().push(j);
        }
    }
    let mut out = Vec::new();
    let mut shared = vec![0u32; right.len()];
    let mut touched = Vec::new();
    for (i, terms) in left.iter().enumerate() {
        for t in terms {
            for &j in postings.get(t).map_or(&[][..], Vec::as_slice) {
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

/// Keeps the best pairs such that each item is in at most one pair: the
/// highest score wins; ties go to the earlier items, so the result does not
/// depend on hashing order.
pub fn one_to_one(
    mut pairs: Vec<Pair>,
    left_taken: &mut [bool],
    right_taken: &mut [bool],
) -> Vec<Pair> {
    pairs.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
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
