//! An index of term sets by their subsets of `o` terms, for
//! [`super`]: the items that have a given subset, found by one look-up
//! rather than by scoring every item.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// The most shared terms a search may look up by their subsets;
/// partners sharing more are found through any of their subsets of this
/// many.
pub(super) const DEEPEST: usize = 4;

/// Items by the key of one of their subsets: `entries[range]`, items
/// ascending.
pub(super) struct Subsets {
    /// Where a key's items are in `entries`: by a table of every key
    /// when keys are dense, else by a hash map.
    buckets: Buckets,
    entries: Vec<u32>,
    pub(super) keys: Keys,
}

enum Buckets {
    Dense(Vec<u32>),
    Hashed(HashMap<u64, (u32, u32), BuildHasherDefault<Mixed>>),
}

/// How a subset's key is made.
#[derive(Clone, Copy)]
pub(super) enum Keys {
    /// With every term below 64: the subset's place among the `count`
    /// subsets of `o` terms of the vocabulary (by the combinatorial
    /// number system), so that no two subsets share a key and a table
    /// of every key stays small: 23,426 slots for three of 53 terms,
    /// where six bits a term took 262,144, and building the table
    /// (touching each slot at random) was most of the index's cost.
    Ranked { count: u64 },
    /// A hash of the subset's terms.
    Hashed,
}

/// What an index of subsets is keyed by.
#[derive(Clone, Copy)]
pub(super) enum Keyed {
    BySet = 0,
    BySetAndLength = 1,
}

/// The most buckets a table of dense keys may have.
const DENSE_BUCKETS: usize = 1 << 20;

/// `BINOMIAL[t][k]`: the ways of choosing `k` of `t` terms, for the
/// ranked keys.
const BINOMIAL: [[u64; DEEPEST + 1]; 65] = {
    let mut table = [[0u64; DEEPEST + 1]; 65];
    let mut t = 0;
    while t <= 64 {
        table[t][0] = 1;
        let mut k = 1;
        while k <= DEEPEST {
            table[t][k] = if t == 0 {
                0
            } else {
                table[t - 1][k - 1] + table[t - 1][k]
            };
            k += 1;
        }
        t += 1;
    }
    table
};

impl Subsets {
    /// The index of every `o`-term subset of the items `indexed` gives
    /// (index, terms), in ascending index. `vocabulary`: every term is
    /// below it; `longest`: no item indexed is longer.
    pub(super) fn new<'t, I>(
        indexed: impl Fn() -> I,
        o: usize,
        keyed_by: Keyed,
        vocabulary: usize,
        longest: usize,
    ) -> Subsets
    where
        I: Iterator<Item = (usize, &'t [u32])>,
    {
        let by_length = matches!(keyed_by, Keyed::BySetAndLength);
        let lengths = if by_length { longest as u64 + 1 } else { 1 };
        let count = (vocabulary <= 64 && o <= DEEPEST).then(|| BINOMIAL[vocabulary][o]);
        let size = count.and_then(|c| c.checked_mul(lengths)).map(|s| s + 1);
        let mut index = Subsets {
            buckets: Buckets::Dense(Vec::new()),
            entries: Vec::new(),
            keys: Keys::Hashed,
        };
        let key = |index: &Subsets, k: u64, l: usize| {
            if by_length {
                index.with_length(k, l)
            } else {
                k
            }
        };
        if let (Some(count), Some(size)) = (count, size)
            && size <= DENSE_BUCKETS as u64
        {
            index.keys = Keys::Ranked { count };
            let size = size as usize;
            // Counted, then placed: items ascending in each bucket.
            let mut starts = vec![0u32; size];
            for (_, set) in indexed() {
                each_subset(set, o, index.keys, &mut |k| {
                    starts[key(&index, k, set.len()) as usize + 1] += 1;
                });
            }
            for n in 1..size {
                starts[n] += starts[n - 1];
            }
            let mut next = starts.clone();
            let mut entries = vec![0u32; starts[size - 1] as usize];
            for (i, set) in indexed() {
                each_subset(set, o, index.keys, &mut |k| {
                    let slot = &mut next[key(&index, k, set.len()) as usize];
                    entries[*slot as usize] = i as u32;
                    *slot += 1;
                });
            }
            index.buckets = Buckets::Dense(starts);
            index.entries = entries;
            return index;
        }
        let mut keyed: Vec<(u64, u32)> = Vec::new();
        for (i, set) in indexed() {
            each_subset(set, o, index.keys, &mut |k| {
                keyed.push((key(&index, k, set.len()), i as u32));
            });
        }
        keyed.sort_unstable();
        let mut buckets = HashMap::default();
        let mut start = 0;
        for n in 1..=keyed.len() {
            if n == keyed.len() || keyed[n].0 != keyed[start].0 {
                buckets.insert(keyed[start].0, (start as u32, n as u32));
                start = n;
            }
        }
        index.buckets = Buckets::Hashed(buckets);
        index.entries = keyed.into_iter().map(|(_, i)| i).collect();
        index
    }

    /// The key of a subset's key with an item's length.
    pub(super) fn with_length(&self, key: u64, l: usize) -> u64 {
        match self.keys {
            Keys::Ranked { count } => key + count * l as u64,
            Keys::Hashed => key ^ term_key(u32::MAX - l as u32),
        }
    }

    /// Where the items under each of `keys` are, into `spans`: looked
    /// up all before any is read, so that the look-ups, each likely a
    /// miss of the processor's cache, overlap rather than wait in turn.
    pub(super) fn spans(&self, keys: &[u64], spans: &mut Vec<(u32, u32)>) {
        spans.clear();
        match &self.buckets {
            Buckets::Dense(starts) => spans.extend(keys.iter().filter_map(|&k| {
                let k = k as usize;
                match (starts.get(k), starts.get(k + 1)) {
                    (Some(&from), Some(&to)) if from < to => Some((from, to)),
                    _ => None,
                }
            })),
            Buckets::Hashed(map) => spans.extend(keys.iter().filter_map(|k| map.get(k).copied())),
        }
        // The first item of each span read too, for the same reason:
        // the reads do not depend on one another, so they overlap.
        let first = |&(from, _): &(u32, u32)| self.entries.get(from as usize).copied();
        std::hint::black_box(spans.iter().filter_map(first).fold(0, |x, y| x ^ y));
    }

    /// Calls `f` with the items in `range` of a span [`Subsets::spans`]
    /// gave.
    pub(super) fn each(
        &self,
        (from, to): (u32, u32),
        range: &Range<usize>,
        mut f: impl FnMut(usize),
    ) {
        let bucket = &self.entries[from as usize..to as usize];
        let first = if range.start == 0 {
            0
        } else {
            bucket.partition_point(|&j| (j as usize) < range.start)
        };
        for &j in &bucket[first..] {
            if j as usize >= range.end {
                break;
            }
            f(j as usize);
        }
    }
}

/// The keys are already well-mixed hashes: used as they are.
#[derive(Default)]
struct Mixed(u64);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A random-looking 64-bit value for a term; a set's key is the XOR of
/// its terms' values (two different sets share a key by a 2⁻⁶⁴ chance,
/// and then cost a wasted look, never a wrong pair: every partner found
/// is counted again).
fn term_key(t: u32) -> u64 {
    let mut z = u64::from(t).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Calls `f` with the key of every `o`-term subset of `terms` (sorted,
/// without repeats).
pub(super) fn each_subset(terms: &[u32], o: usize, keys: Keys, f: &mut impl FnMut(u64)) {
    /// `k`: the place (from 1) among the subset's terms of the next term
    /// chosen; terms are chosen in ascending order.
    fn ranked(terms: &[u32], o: usize, k: usize, key: u64, f: &mut impl FnMut(u64)) {
        if o == 0 {
            f(key);
            return;
        }
        for (n, &t) in terms.iter().enumerate() {
            if terms.len() - n < o {
                break;
            }
            let key = key + BINOMIAL[t as usize % 64][k];
            ranked(&terms[n + 1..], o - 1, k + 1, key, f);
        }
    }
    fn hashed(terms: &[u32], o: usize, key: u64, f: &mut impl FnMut(u64)) {
        if o == 0 {
            f(key);
            return;
        }
        for (n, &t) in terms.iter().enumerate() {
            if terms.len() - n < o {
                break;
            }
            hashed(&terms[n + 1..], o - 1, key ^ term_key(t), f);
        }
    }
    match keys {
        Keys::Ranked { .. } if o <= 4 => ranked_nested(terms, o, f),
        Keys::Ranked { .. } => ranked(terms, o, 1, 0, f),
        Keys::Hashed => hashed(terms, o, 0, f),
    }
}

/// The ranked keys of every `o`-term subset of `terms`, for `o` from 1
/// to 4, by one loop a term, in the order of the general recursion:
/// indexing every item's four-term subsets (hundreds an item) through a
/// call for every term chosen was a tenth of comparing every point of two
/// analyses of 4,000.
fn ranked_nested(terms: &[u32], o: usize, f: &mut impl FnMut(u64)) {
    let rank = |t: u32, k: usize| BINOMIAL[t as usize % 64][k];
    let n = terms.len();
    for a in 0..n {
        let ka = rank(terms[a], 1);
        if o == 1 {
            f(ka);
            continue;
        }
        for b in a + 1..n {
            let kb = ka + rank(terms[b], 2);
            if o == 2 {
                f(kb);
                continue;
            }
            for c in b + 1..n {
                let kc = kb + rank(terms[c], 3);
                if o == 3 {
                    f(kc);
                    continue;
                }
                for &d in &terms[c + 1..] {
                    f(kc + rank(d, 4));
                }
            }
        }
    }
}

/// How many `o`-term subsets a set of `m` terms has.
pub(super) fn subsets_of(m: usize, o: usize) -> usize {
    if o > m {
        return 0;
    }
    (0..o).fold(1usize, |c, k| c.saturating_mul(m - k) / (k + 1))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{BINOMIAL, DEEPEST, Keys, each_subset};

    /// The keys as the general recursion gives them, in its order.
    fn recursive(terms: &[u32], o: usize) -> Vec<u64> {
        fn ranked(terms: &[u32], o: usize, k: usize, key: u64, out: &mut Vec<u64>) {
            if o == 0 {
                out.push(key);
                return;
            }
            for (n, &t) in terms.iter().enumerate() {
                ranked(
                    &terms[n + 1..],
                    o - 1,
                    k + 1,
                    key + BINOMIAL[t as usize][k],
                    out,
                );
            }
        }
        let mut out = Vec::new();
        ranked(terms, o, 1, 0, &mut out);
        out
    }

    proptest! {
        /// Every subset of up to [`DEEPEST`] terms of a vocabulary of up
        /// to 64 has a key of its own, below the number of such subsets:
        /// a look-up never finds another subset's items.
        #[test]
        fn ranked_keys_are_one_per_subset(vocabulary in 1usize..=64, o in 1usize..=DEEPEST) {
            let count = BINOMIAL[vocabulary][o];
            let all: Vec<u32> = (0..vocabulary as u32).collect();
            let mut seen = vec![false; count as usize];
            let mut n = 0u64;
            each_subset(&all, o, Keys::Ranked { count }, &mut |k| {
                n += 1;
                if let Some(s) = seen.get_mut(k as usize) {
                    *s = true;
                }
            });
            prop_assert_eq!(n, count);
            prop_assert!(seen.iter().all(|&s| s));
        }

        /// The loops a term give every subset's key, in the order of
        /// the general recursion.
        #[test]
        fn nested_loops_give_the_keys_of_the_recursion(
            terms in prop::collection::btree_set(0u32..64, 0..=18),
            o in 1usize..=DEEPEST,
        ) {
            let terms: Vec<u32> = terms.into_iter().collect();
            let mut got = Vec::new();
            each_subset(&terms, o, Keys::Ranked { count: 0 }, &mut |k| got.push(k));
            prop_assert_eq!(got, recursive(&terms, o));
        }
    }
}
