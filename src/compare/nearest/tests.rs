use proptest::prelude::*;

use super::super::few::few_best;
use super::super::similar::{candidates, candidates_within, few_searched, few_searched_within};
use super::{DEEPEST_FROM, Side, few_best_pairs};

/// Term sets from a vocabulary of `vocab` terms, as [`super::super::similar::Vocabulary`]
/// gives them: sorted, without repeats.
fn sets(vocab: u32, most: usize, n: usize) -> impl Strategy<Value = Vec<Vec<u32>>> {
    prop::collection::vec(prop::collection::vec(0..vocab, 0..=most), 0..=n).prop_map(|lists| {
        lists
            .into_iter()
            .map(|mut terms| {
                terms.sort_unstable();
                terms.dedup();
                terms
            })
            .collect()
    })
}

/// Some pairs people turned down, as the comparisons' `keep` does.
fn keep(every: usize) -> impl Fn(usize, usize) -> bool {
    move |i, j| every == 0 || (i * 7 + j * 3) % every != 0
}

/// Scoring every pair and keeping each item's few best: what the
/// search must give.
fn oracle(left: &[Vec<u32>], right: &[Vec<u32>], every: usize) -> (Vec<super::Pair>, bool) {
    let k = keep(every);
    let all = candidates(left, right)
        .into_iter()
        .filter(|&(i, j, _)| k(i, j))
        .collect();
    few_best(all, left.len(), right.len())
}

/// The fewest 64-bit words that hold the term sets (one with fewer
/// than 64 terms: the dense keys).
fn words<'a>(sets: impl Iterator<Item = &'a Vec<u32>>) -> usize {
    let top = sets.flatten().max().map_or(0, |&t| t as usize + 1);
    top.div_ceil(64).max(1)
}

fn check(left: &[Vec<u32>], right: &[Vec<u32>], every: usize) {
    let (want, cut) = oracle(left, right, every);
    let words = words(left.iter().chain(right));
    let (got, may_cut) = few_searched(left, right, words, keep(every));
    assert_eq!(got, want);
    // Where a pair was left out, the search says so.
    assert!(may_cut || !cut);
    // Whether searches look up [`DEEPEST`] shared terms or one fewer.
    for from in [0, usize::MAX] {
        let l = Side::deepest_from(left, words, from);
        let r = Side::deepest_from(right, words, from);
        let all = (|_| 0..right.len(), |_| 0..left.len());
        let (got, may_cut) = few_best_pairs(&l, &r, all.0, all.1, keep(every));
        assert_eq!(got, want, "deepest from {from}");
        assert!(may_cut || !cut);
    }
}

fn check_within(terms: &[Vec<u32>], owner: &[usize], every: usize) {
    let k = keep(every);
    let all = candidates_within(terms, owner)
        .into_iter()
        .filter(|&(i, j, _)| k(i, j))
        .collect();
    let (want, _) = few_best(all, terms.len(), terms.len());
    assert_eq!(
        few_searched_within(terms, owner, words(terms.iter()), keep(every)),
        want
    );
}

/// Two sides' term sets from one vocabulary (a handful of terms to a
/// few hundred), short and long, and how often `keep` says no.
fn sides() -> impl Strategy<Value = (Vec<Vec<u32>>, Vec<Vec<u32>>, usize)> {
    (
        prop_oneof![2u32..12, 12u32..60, 60u32..256],
        prop_oneof![1usize..6, 6usize..12, 12usize..24],
    )
        .prop_flat_map(|(vocab, most)| (sets(vocab, most, 150), sets(vocab, most, 150), 0usize..6))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_search_keeps_the_pairs_that_scoring_every_pair_keeps(
        (left, right, every) in sides()
    ) {
        check(&left, &right, every);
    }

    #[test]
    fn within_one_list_too(
        (terms, owners, every) in sides(),
        together in any::<bool>(),
    ) {
        let n = owners.len() % 4 + 2;
        let owner: Vec<usize> = (0..terms.len())
            .map(|i| if together { i * n / terms.len().max(1) } else { (i * 7 + i / 3) % n })
            .collect();
        check_within(&terms, &owner, every);
    }
}

/// Many items in a small vocabulary: most pairs pass, and each search
/// stops long before it has seen them all.
#[test]
fn large_sides_in_a_small_vocabulary() {
    let mut x = 7u64;
    let mut next = move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        x >> 33
    };
    // The last: sides whose searches look up the most shared terms.
    for (vocab, n) in [(47, 1500), (20, 600), (200, 800), (47, DEEPEST_FROM)] {
        let mut side = || -> Vec<Vec<u32>> {
            (0..n)
                .map(|_| {
                    let len = 1 + next() as usize % 9;
                    let mut t: Vec<u32> = (0..len).map(|_| (next() % vocab) as u32).collect();
                    t.sort_unstable();
                    t.dedup();
                    t
                })
                .collect()
        };
        let (left, right) = (side(), side());
        check(&left, &right, 0);
        check(&left, &right, 5);
        let both: Vec<Vec<u32>> = left.iter().chain(&right).cloned().collect();
        let owner: Vec<usize> = (0..both.len()).map(|i| i / n).collect();
        check_within(&both, &owner, 0);
        let mixed: Vec<usize> = (0..both.len()).map(|i| i % 3).collect();
        check_within(&both, &mixed, 4);
    }
}
