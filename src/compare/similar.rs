//! Proposing which of two sides' points say the same thing in different
//! words: a score of shared meaning-bearing terms, and a one-to-one
//! pairing, best pairs first.

use std::collections::HashMap;

pub use super::few::{FEW, few_best};
use super::few::{FewBest, Sink};
use super::nearest::{Side, few_best_pairs};
pub use crate::model::similar::{THRESHOLD, Vocabulary, score};

/// A proposed pair: index on the left, index on the right, score.
pub type Pair = (usize, usize, f64);

/// Every pair of `left` × `right` that shares at least one term and scores
/// at least [`THRESHOLD`], in order of `left` then `right`.
///
/// With a large vocabulary most pairs share nothing, and an index of terms
/// finds the few that do; with a small one (a few hundred terms) most
/// pairs share something, and comparing term sets as bit sets, a few
/// machine words a pair, is much cheaper than walking the index.
pub fn candidates(left: &[Vec<u32>], right: &[Vec<u32>]) -> Vec<Pair> {
    let all = |_: usize| 0..right.len();
    match BitSets::words(left.iter().chain(right)) {
        Some(words) => by_bits(left, right, words, all, |_, _| true, Vec::new()),
        None => by_postings(left, right, all, |_, _| true, Vec::new()),
    }
}

/// The pairs of one list with itself that [`candidates`] would find, each
/// once (`x < y`) and only between items of different `owner`s: half the
/// work of pairing the list with itself and throwing half away.
pub fn candidates_within(terms: &[Vec<u32>], owner: &[usize]) -> Vec<Pair> {
    within(terms, owner, |_, _| true, Vec::new())
}

/// [`candidates`] that `keep` allows, through [`few_best`], without
/// holding every passing pair: the second value says whether any pair was
/// left out.
pub fn few_candidates(
    left: &[Vec<u32>],
    right: &[Vec<u32>],
    keep: impl Fn(usize, usize) -> bool,
) -> (Vec<Pair>, bool) {
    let all = |_: usize| 0..right.len();
    let few = FewBest::new(right.len());
    match BitSets::words(left.iter().chain(right)) {
        Some(words) if left.len() * right.len() >= SEARCH_FROM => {
            few_searched(left, right, words, keep)
        }
        Some(words) => by_bits(left, right, words, all, keep, few),
        None => by_postings(left, right, all, keep, few),
    }
}

/// [`candidates_within`] that `keep` allows, through [`few_best`].
pub fn few_candidates_within(
    terms: &[Vec<u32>],
    owner: &[usize],
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<Pair> {
    match BitSets::words(terms.iter()) {
        Some(words) if terms.len() * terms.len() / 2 >= SEARCH_FROM => {
            few_searched_within(terms, owner, words, keep)
        }
        _ => within(terms, owner, keep, FewBest::new(terms.len())).0,
    }
}

/// From how many pairs each item's few best are searched for (see
/// [`super::nearest`]) rather than every pair scored: below it, scoring
/// every pair as bit sets is quicker than building the search's index
/// (measured on whole `carepath compare` runs: two analyses of 4,000
/// points, of which about 2,700 each are paired by wording, about 7
/// million pairs, took a fiftieth less processor time searched; two of
/// 1,000, under half a million pairs, about a fifth more).
const SEARCH_FROM: usize = 5_000_000;

/// [`few_candidates`] by searching, for term sets of `words` 64-bit words.
pub(super) fn few_searched(
    left: &[Vec<u32>],
    right: &[Vec<u32>],
    words: usize,
    keep: impl Fn(usize, usize) -> bool,
) -> (Vec<Pair>, bool) {
    let (l, r) = (Side::new(left, words), Side::new(right, words));
    few_best_pairs(&l, &r, |_| 0..right.len(), |_| 0..left.len(), keep)
}

/// [`few_candidates_within`] by searching, for term sets of `words`
/// 64-bit words.
pub(super) fn few_searched_within(
    terms: &[Vec<u32>],
    owner: &[usize],
    words: usize,
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<Pair> {
    let runs = Runs::new(owner, terms.len());
    let apart = |i: usize, j: usize| owner.get(i) != owner.get(j) && keep(i, j);
    let side = Side::new(terms, words);
    let (after, before) = (|i| runs.after(i), |j| runs.before(j));
    few_best_pairs(&side, &side, after, before, apart).0
}

fn within<S: Sink>(
    terms: &[Vec<u32>],
    owner: &[usize],
    keep: impl Fn(usize, usize) -> bool,
    sink: S,
) -> S::Out {
    let runs = Runs::new(owner, terms.len());
    let after = |i: usize| runs.after(i);
    let apart = |i: usize, j: usize| owner.get(i) != owner.get(j) && keep(i, j);
    match BitSets::words(terms.iter()) {
        Some(words) => by_bits(terms, terms, words, after, apart, sink),
        None => by_postings(terms, terms, after, apart, sink),
    }
}

/// Which items of one list are paired with which, when pairing the list
/// with itself: each pair once, and when each owner's items are together
/// (as the matrix lists them), only with the items of later owners.
struct Runs {
    /// Where each item's owner's run of items ends, and starts.
    end: Vec<usize>,
    start: Vec<usize>,
    together: bool,
}

impl Runs {
    fn new(owner: &[usize], len: usize) -> Runs {
        let mut end = vec![len; len];
        for i in (0..len.saturating_sub(1)).rev() {
            end[i] = if owner.get(i) == owner.get(i + 1) {
                end[i + 1]
            } else {
                i + 1
            };
        }
        let mut start = vec![0; len];
        for i in 1..len {
            start[i] = if owner.get(i) == owner.get(i - 1) {
                start[i - 1]
            } else {
                i
            };
        }
        let together = {
            let mut seen = std::collections::HashSet::new();
            let mut i = 0;
            let mut ok = true;
            while i < len {
                ok &= seen.insert(owner.get(i));
                i = end[i];
            }
            ok
        };
        Runs {
            end,
            start,
            together,
        }
    }

    /// The items `i` is paired with: those after it.
    fn after(&self, i: usize) -> std::ops::Range<usize> {
        let from = if self.together { self.end[i] } else { i + 1 };
        from..self.end.len()
    }

    /// The items paired with `j` as the later item: those before it,
    /// the converse of [`Runs::after`].
    fn before(&self, j: usize) -> std::ops::Range<usize> {
        0..if self.together { self.start[j] } else { j }
    }
}

/// [`THRESHOLD`] as a fraction, so that most pairs are turned down by
/// integer arithmetic, without a division.
const THRESHOLD_FRACTION: (usize, usize) = (2, 5);

/// The score of two term lists sharing `shared` terms, if it reaches the
/// threshold. The integer test decides exactly as the division would: a
/// score is a fraction of small integers, never close enough to the
/// threshold to be rounded across it.
pub(super) fn passing(shared: u32, a: &[u32], b: &[u32]) -> Option<f64> {
    let (num, den) = THRESHOLD_FRACTION;
    let total = a.len() + b.len();
    if shared == 0 || 2 * shared as usize * den < num * total {
        return None;
    }
    let s = 2.0 * f64::from(shared) / total as f64;
    (s >= THRESHOLD).then_some(s)
}

/// The fewest shared terms with which two lists of `total` terms in all
/// reach [`THRESHOLD`] (at least one): the test of [`passing`] solved for
/// the shared terms.
pub(super) fn least_shared(total: usize) -> usize {
    let (num, den) = THRESHOLD_FRACTION;
    (num * total).div_ceil(2 * den).max(1)
}

/// How many 64-bit words a term set takes, when the vocabulary is small
/// enough for bit sets to pay.
struct BitSets;

impl BitSets {
    const MAX_WORDS: usize = 4;

    fn words<'a>(lists: impl Iterator<Item = &'a Vec<u32>>) -> Option<usize> {
        let top = lists.flatten().max().map_or(0, |&t| t as usize + 1);
        let words = top.div_ceil(64).max(1);
        (words <= Self::MAX_WORDS).then_some(words)
    }

    fn of(lists: &[Vec<u32>], words: usize) -> Vec<u64> {
        let mut bits = vec![0u64; lists.len() * words];
        for (i, terms) in lists.iter().enumerate() {
            for &t in terms {
                let t = t as usize;
                bits[i * words + t / 64] |= 1 << (t % 64);
            }
        }
        bits
    }
}

fn by_bits<S: Sink>(
    left: &[Vec<u32>],
    right: &[Vec<u32>],
    words: usize,
    range: impl Fn(usize) -> std::ops::Range<usize>,
    keep: impl Fn(usize, usize) -> bool,
    mut out: S,
) -> S::Out {
    let (lb, rb) = (BitSets::of(left, words), BitSets::of(right, words));
    if words == 1 {
        // One machine word a set: the common case, kept tight.
        // A set of one word has at most 64 terms.
        let lengths: Vec<u8> = right.iter().map(|t| t.len().min(64) as u8).collect();
        for (i, (a, &x)) in left.iter().zip(&lb).enumerate() {
            let range = range(i);
            // How many shared terms a pair of this row needs, by the
            // length of the other list: most pairs are turned down by a
            // count of bits and a look-up, without a branch that guesses
            // wrong.
            let mut needs = [0u32; 65];
            for (len, need) in needs.iter_mut().enumerate() {
                *need = least_shared(a.len() + len) as u32;
            }
            let (ys, lens) = (&rb[range.clone()], &lengths[range.clone()]);
            for (j, (&y, &len)) in ys.iter().zip(lens).enumerate() {
                if (x & y).count_ones() < needs[usize::from(len)] {
                    continue;
                }
                let j = range.start + j;
                if let Some(s) = passing((x & y).count_ones(), a, &right[j])
                    && keep(i, j)
                {
                    out.add((i, j, s));
                }
            }
        }
        return out.done();
    }
    for (i, a) in left.iter().enumerate() {
        let x = &lb[i * words..(i + 1) * words];
        for j in range(i) {
            let y = &rb[j * words..(j + 1) * words];
            let shared: u32 = x.iter().zip(y).map(|(p, q)| (p & q).count_ones()).sum();
            if let Some(s) = passing(shared, a, &right[j])
                && keep(i, j)
            {
                out.add((i, j, s));
            }
        }
    }
    out.done()
}

fn by_postings<S: Sink>(
    left: &[Vec<u32>],
    right: &[Vec<u32>],
    range: impl Fn(usize) -> std::ops::Range<usize>,
    keep: impl Fn(usize, usize) -> bool,
    mut out: S,
) -> S::Out {
    let postings = postings(right);
    let mut shared = vec![0u32; right.len()];
    let mut touched = Vec::new();
    for (i, terms) in left.iter().enumerate() {
        let range = range(i);
        for &t in terms {
            let posting = postings.get(t as usize).map_or(&[][..], Vec::as_slice);
            // Postings are in index order: only the items in range.
            let from = posting.partition_point(|&j| (j as usize) < range.start);
            for &j in &posting[from..] {
                let j = j as usize;
                if j >= range.end {
                    break;
                }
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        // In index order: a walk of the range when most items were
        // touched, else the few touched ones sorted.
        if touched.len() * 8 > range.len() {
            touched.clear();
            touched.extend(range.filter(|&j| shared[j] > 0));
        } else {
            touched.sort_unstable();
        }
        for &j in &touched {
            if let Some(s) = passing(shared[j], terms, &right[j])
                && keep(i, j)
            {
                out.add((i, j, s));
            }
            shared[j] = 0;
        }
        touched.clear();
    }
    out.done()
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

/// Pairs in order of `(i, j)` put best first: highest score first, ties in
/// the order given. The same order as sorting by score, then `i`, then
/// `j`, but a pass over the pairs rather than a sort, as scores take few
/// distinct values.
pub fn best_first(pairs: Vec<Pair>) -> Vec<Pair> {
    let mut groups: HashMap<u64, Vec<Pair>> = HashMap::new();
    for p in pairs {
        groups.entry(p.2.to_bits()).or_default().push(p);
    }
    let mut groups: Vec<Vec<Pair>> = groups.into_values().collect();
    groups.sort_unstable_by(|x, y| y[0].2.total_cmp(&x[0].2));
    groups.concat()
}

/// Keeps the best pairs such that each item is in at most one pair: the
/// highest score wins; ties go to the earlier items, so the result does not
/// depend on hashing order. `pairs` come in order of `(i, j)`, as
/// [`candidates`] gives them.
pub fn one_to_one(
    pairs: Vec<Pair>,
    left_taken: &mut [bool],
    right_taken: &mut [bool],
) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, j, s) in best_first(pairs) {
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
        // Owners mixed, and each owner's points together.
        for owner in [[0, 1, 0, 1, 1, 0], [0, 0, 0, 1, 1, 1]] {
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
    }

    /// Lists of terms from a small vocabulary, or a large one.
    fn lists(seed: u64, n: usize, vocab: u32) -> Vec<Vec<u32>> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let len = 1 + (x >> 60) as usize;
                let mut terms: Vec<u32> = (0..len)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        (x >> 33) as u32 % vocab
                    })
                    .collect();
                terms.sort_unstable();
                terms.dedup();
                terms
            })
            .collect()
    }

    #[test]
    fn bit_sets_and_the_index_find_the_same_pairs_in_the_same_order() {
        for vocab in [12, 200] {
            let (left, right) = (lists(1, 150, vocab), lists(2, 170, vocab));
            let words = BitSets::words(left.iter().chain(&right)).unwrap();
            let all = |_: usize| 0..right.len();
            let bits = by_bits(&left, &right, words, all, |_, _| true, Vec::new());
            assert!(!bits.is_empty());
            assert_eq!(
                bits,
                by_postings(&left, &right, all, |_, _| true, Vec::new())
            );
            let owner: Vec<usize> = (0..left.len()).map(|i| i % 3).collect();
            let after = |i: usize| i + 1..left.len();
            let apart = |i: usize, j: usize| owner[i] != owner[j];
            assert_eq!(
                by_bits(&left, &left, words, after, apart, Vec::new()),
                by_postings(&left, &left, after, apart, Vec::new())
            );
        }
    }

    #[test]
    fn the_threshold_as_a_fraction_is_the_threshold() {
        let (num, den) = THRESHOLD_FRACTION;
        assert_eq!(num as f64 / den as f64, THRESHOLD);
        for total in 2..200usize {
            for shared in 1..=total / 2 {
                let by_division = 2.0 * shared as f64 / total as f64 >= THRESHOLD;
                let t = vec![0u32; total / 2];
                let u = vec![0u32; total - total / 2];
                assert_eq!(passing(shared as u32, &t, &u).is_some(), by_division);
            }
        }
    }

    #[test]
    fn few_best_keeps_everything_of_items_with_few_pairs() {
        let (left, right) = (lists(5, 40, 15), lists(6, 40, 15));
        let pairs = candidates(&left, &right);
        assert_eq!(
            few_best(pairs.clone(), left.len(), right.len()),
            (best_first(pairs), false)
        );
        // Many alike: each item keeps its best few, best first.
        let same = vec![vec![1u32, 2, 3]; 200];
        let pairs = candidates(&same, &same);
        let (kept, cut) = few_best(pairs, same.len(), same.len());
        assert!(cut);
        assert!(kept.len() <= 2 * FEW * same.len());
        for i in 0..same.len() {
            assert!(kept.iter().filter(|p| p.0 == i).count() >= FEW.min(same.len()));
        }
    }

    #[test]
    fn few_candidates_are_few_best_of_every_candidate() {
        for vocab in [6, 15, 400] {
            let (left, right) = (lists(7, 300, vocab), lists(8, 280, vocab));
            let all = candidates(&left, &right);
            assert_eq!(
                few_candidates(&left, &right, |_, _| true),
                few_best(all, left.len(), right.len())
            );
        }
    }

    #[test]
    fn best_first_is_the_order_of_score_then_indices() {
        let (left, right) = (lists(3, 120, 15), lists(4, 120, 15));
        let pairs = candidates(&left, &right);
        let mut sorted = pairs.clone();
        sorted.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
        assert_eq!(best_first(pairs), sorted);
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
