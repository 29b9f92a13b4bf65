//! Each point's few best partners, found without scoring every pair.
//!
//! In a small vocabulary (a few dozen terms) most pairs share a term and
//! a few in a hundred pass the threshold, so scoring every pair, or even
//! every passing pair, grows with the square of the points. A point's
//! best partners share the most terms with it: they are found first by
//! the sets of three terms it shares with them (an index of every item's
//! three-term subsets), then, only while fewer than [`FEW`] are certain,
//! by two terms and by one. A search stops as soon as no partner not yet
//! seen could rank among the few best, so each point costs about its few
//! best partners, not every other point.
//!
//! The result is exactly that of scoring every pair and keeping each
//! item's [`FEW`] best (see [`super::few::few_best`]): every partner found
//! is scored exactly, and a search only stops when the bound on the rest
//! says none of them could rank.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::few::FEW;
use super::similar::{Pair, THRESHOLD, best_first, passing};

/// The most shared terms a search looks up by their subsets; partners
/// sharing more are found through any of their three-term subsets.
const DEEPEST: usize = 3;

/// Items with more terms than this have too many subsets to index; they
/// are scored directly by every search.
const LONGEST_INDEXED: usize = 16;

/// Term sets of one side, with what the search looks them up by.
pub(super) struct Side<'a> {
    terms: &'a [Vec<u32>],
    words: usize,
    bits: Vec<u64>,
    /// Lengths present on this side, ascending: the bound on partners not
    /// yet seen.
    lengths: Vec<usize>,
    /// Items too long to index, ascending.
    long: Vec<u32>,
    /// For `o` shared terms (1 to [`DEEPEST`]), every `o`-term subset of
    /// every indexed item, built when first needed: by the subset alone,
    /// and by the subset and the item's length.
    subsets: [[OnceCell<Subsets>; DEEPEST]; 2],
}

/// Items by the hash of one of their subsets: `entries[range]`, items
/// ascending.
struct Subsets {
    /// Where a key's items are in `entries`: by a table of every key
    /// when keys are dense, else by a hash map.
    buckets: Buckets,
    entries: Vec<u32>,
    /// How the keys are made, and from how many terms.
    dense: bool,
    o: usize,
}

enum Buckets {
    Dense(Vec<u32>),
    Hashed(HashMap<u64, (u32, u32), BuildHasherDefault<Mixed>>),
}

/// The most buckets a table of dense keys may have.
const DENSE_BUCKETS: usize = 1 << 20;

impl Subsets {
    /// Calls `f` with the items in `range` under `key`.
    fn each(&self, key: u64, range: &Range<usize>, mut f: impl FnMut(usize)) {
        let (from, to) = match &self.buckets {
            Buckets::Dense(starts) => {
                let k = key as usize;
                match (starts.get(k), starts.get(k + 1)) {
                    (Some(&from), Some(&to)) => (from, to),
                    _ => return,
                }
            }
            Buckets::Hashed(map) => match map.get(&key) {
                Some(&range) => range,
                None => return,
            },
        };
        let bucket = &self.entries[from as usize..to as usize];
        let first = bucket.partition_point(|&j| (j as usize) < range.start);
        for &j in &bucket[first..] {
            if j as usize >= range.end {
                break;
            }
            f(j as usize);
        }
    }
}

/// What an index of subsets is keyed by.
#[derive(Clone, Copy)]
enum Keyed {
    BySet = 0,
    BySetAndLength = 1,
}

impl Subsets {
    /// The key of a subset's key with an item's length.
    fn with_length(&self, key: u64, l: usize) -> u64 {
        if self.dense {
            key | (l as u64) << (6 * self.o)
        } else {
            key ^ term_key(u32::MAX - l as u32)
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

/// Calls `f` with the key of every `o`-term subset of `terms`.
/// With `dense` keys (terms below 64), a subset's key is its terms in
/// order, six bits each: no two subsets share one.
fn each_subset(terms: &[u32], o: usize, dense: bool, f: &mut impl FnMut(u64)) {
    fn go(terms: &[u32], o: usize, key: u64, dense: bool, f: &mut impl FnMut(u64)) {
        if o == 0 {
            f(key);
            return;
        }
        for (n, &t) in terms.iter().enumerate() {
            if terms.len() - n < o {
                break;
            }
            let key = if dense {
                key << 6 | u64::from(t)
            } else {
                key ^ term_key(t)
            };
            go(&terms[n + 1..], o - 1, key, dense, f);
        }
    }
    go(terms, o, 0, dense, f);
}

/// How many `o`-term subsets a set of `m` terms has.
fn subsets_of(m: usize, o: usize) -> usize {
    if o > m {
        return 0;
    }
    (0..o).fold(1usize, |c, k| c.saturating_mul(m - k) / (k + 1))
}

impl<'a> Side<'a> {
    /// `words`: 64-bit words a term set takes as a bit set (the terms are
    /// all below `64 * words`).
    pub(super) fn new(terms: &'a [Vec<u32>], words: usize) -> Side<'a> {
        let mut bits = vec![0u64; terms.len() * words];
        let mut lengths = Vec::new();
        let mut long = Vec::new();
        for (i, set) in terms.iter().enumerate() {
            for &t in set {
                let t = t as usize;
                bits[i * words + t / 64] |= 1 << (t % 64);
            }
            lengths.push(set.len());
            if set.len() > LONGEST_INDEXED {
                long.push(i as u32);
            }
        }
        lengths.sort_unstable();
        lengths.dedup();
        Side {
            terms,
            words,
            bits,
            lengths,
            long,
            subsets: Default::default(),
        }
    }

    fn shared(&self, query: &[u64], j: usize) -> u32 {
        let y = &self.bits[j * self.words..(j + 1) * self.words];
        query.iter().zip(y).map(|(p, q)| (p & q).count_ones()).sum()
    }

    fn subsets(&self, o: usize, keyed_by: Keyed) -> &Subsets {
        self.subsets[keyed_by as usize][o - 1].get_or_init(|| {
            let by_length = matches!(keyed_by, Keyed::BySetAndLength);
            let lengths = if by_length { LONGEST_INDEXED + 1 } else { 1 };
            let size = (1usize << (6 * o)) * lengths + 1;
            let dense = self.words == 1 && size <= DENSE_BUCKETS;
            let mut index = Subsets {
                buckets: Buckets::Dense(Vec::new()),
                entries: Vec::new(),
                dense,
                o,
            };
            let indexed = || {
                self.terms
                    .iter()
                    .enumerate()
                    .filter(|(_, set)| set.len() <= LONGEST_INDEXED)
            };
            let key = |index: &Subsets, k: u64, l: usize| {
                if by_length {
                    index.with_length(k, l)
                } else {
                    k
                }
            };
            if dense {
                // Counted, then placed: items ascending in each bucket.
                let mut starts = vec![0u32; size];
                for (_, set) in indexed() {
                    each_subset(set, o, true, &mut |k| {
                        starts[key(&index, k, set.len()) as usize + 1] += 1;
                    });
                }
                for n in 1..size {
                    starts[n] += starts[n - 1];
                }
                let mut next = starts.clone();
                let mut entries = vec![0u32; starts[size - 1] as usize];
                for (i, set) in indexed() {
                    each_subset(set, o, true, &mut |k| {
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
                each_subset(set, o, false, &mut |k| {
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
        })
    }
}

/// What one search found: its item's [`FEW`] best partners, best first,
/// and whether it has more passing partners than those.
struct Found {
    best: Vec<(usize, f64)>,
    more: bool,
}

/// A search's state: partners seen (by a stamp per item of the other
/// side) and those that pass.
struct Search {
    stamp: Vec<u32>,
    now: u32,
    passing: Vec<(usize, f64)>,
}

impl Search {
    fn new(others: usize) -> Search {
        Search {
            stamp: vec![0; others],
            now: 0,
            passing: Vec::new(),
        }
    }

    /// The best of `query`'s partners among `side`'s items in `range`
    /// that `keep` allows.
    fn best(
        &mut self,
        query: &[u32],
        side: &Side,
        range: Range<usize>,
        keep: &impl Fn(usize) -> bool,
    ) -> Found {
        self.passing.clear();
        let m = query.len();
        if m == 0 || range.is_empty() {
            return Found {
                best: Vec::new(),
                more: false,
            };
        }
        self.now += 1;
        let now = self.now;
        let mut bits = [0u64; 4];
        for &t in query {
            let t = t as usize;
            bits[t / 64] |= 1 << (t % 64);
        }
        let bits = &bits[..side.words];
        // Scores one partner, once.
        let see = |j: usize, side: &Side, stamp: &mut [u32], out: &mut Vec<(usize, f64)>| {
            if stamp[j] == now {
                return;
            }
            stamp[j] = now;
            if let Some(s) = passing(side.shared(bits, j), query, &side.terms[j])
                && keep(j)
            {
                out.push((j, s));
            }
        };
        let long_from = side.long.partition_point(|&j| (j as usize) < range.start);
        for &j in &side.long[long_from..] {
            if j as usize >= range.end {
                break;
            }
            see(j as usize, side, &mut self.stamp, &mut self.passing);
        }
        let top = m.min(DEEPEST);
        // Whether partners were left unseen because they could not rank.
        let mut skipped = false;
        let mut exhausted = false;
        for o in (1..=top).rev() {
            // Looking up more subsets than there are items costs more
            // than scoring them all.
            if subsets_of(m, o) > range.len() / 4 {
                for j in range.clone() {
                    see(j, side, &mut self.stamp, &mut self.passing);
                }
                exhausted = true;
                break;
            }
            let (stamp, passing) = (&mut self.stamp, &mut self.passing);
            if o == top {
                // Every partner sharing `top` terms or more.
                let index = side.subsets(o, Keyed::BySet);
                each_subset(query, o, index.dense, &mut |k| {
                    index.each(k, &range, |j| see(j, side, stamp, passing));
                });
            } else {
                // Partners sharing `o` terms, of the lengths at which they
                // could still rank: the rest score below the few best.
                let index = side.subsets(o, Keyed::BySetAndLength);
                let floor = kth(passing).unwrap_or(THRESHOLD);
                for &l in side.lengths.iter().filter(|&&l| l >= o) {
                    let most = 2.0 * o as f64 / (m + l) as f64;
                    if most < floor {
                        skipped |= most >= THRESHOLD;
                        continue;
                    }
                    each_subset(query, o, index.dense, &mut |k| {
                        index.each(index.with_length(k, l), &range, |j| {
                            see(j, side, stamp, passing)
                        });
                    });
                }
            }
            // Every partner sharing `o` terms or more that could rank is
            // scored: the rest share at most `o - 1`, and score at most
            // `bound`.
            let bound = side
                .lengths
                .iter()
                .filter(|&&l| l > 0)
                .map(|&l| 2.0 * (o - 1).min(l) as f64 / (m + l) as f64)
                .fold(0.0, f64::max);
            if o == 1 || bound < THRESHOLD {
                exhausted = !skipped;
                break;
            }
            if kth(&mut self.passing).is_some_and(|s| s > bound) {
                break;
            }
        }
        let more = !exhausted || self.passing.len() > FEW;
        if self.passing.len() > FEW {
            self.passing.select_nth_unstable_by(FEW - 1, order);
            self.passing.truncate(FEW);
        }
        self.passing.sort_unstable_by(order);
        Found {
            best: self.passing.iter().take(FEW).copied().collect(),
            more,
        }
    }
}

/// Best first: highest score, then the earliest item.
fn order(x: &(usize, f64), y: &(usize, f64)) -> std::cmp::Ordering {
    y.1.total_cmp(&x.1).then(x.0.cmp(&y.0))
}

/// The score of the last of the [`FEW`] best found, once that many are.
fn kth(found: &mut [(usize, f64)]) -> Option<f64> {
    if found.len() < FEW {
        return None;
    }
    Some(found.select_nth_unstable_by(FEW - 1, order).1.1)
}

/// The pairs of `left` × `right` among the [`FEW`] best of their left
/// item (among the right items in `row(i)`) or of their right item (among
/// the left items in `column(j)`), that `keep` allows, best first; the
/// second value is true when some passing pair may have been left out.
/// `column` must be the converse of `row`: `j ∈ row(i)` exactly when
/// `i ∈ column(j)`.
pub(super) fn few_best_pairs(
    left: &Side,
    right: &Side,
    row: impl Fn(usize) -> Range<usize>,
    column: impl Fn(usize) -> Range<usize>,
    keep: impl Fn(usize, usize) -> bool,
) -> (Vec<Pair>, bool) {
    // Both passes give their pairs in order of `(i, j)`, and are merged:
    // sorting every pair kept (a few dozen per item) was a tenth of the
    // comparison of two analyses of 4,000 points.
    let (mut rows_more, mut columns_more) = (false, false);
    let mut by_rows = Vec::new();
    let mut search = Search::new(right.terms.len());
    for i in 0..left.terms.len() {
        let mut found = search.best(&left.terms[i], right, row(i), &|j| keep(i, j));
        rows_more |= found.more;
        found.best.sort_unstable_by_key(|&(j, _)| j);
        by_rows.extend(found.best.into_iter().map(|(j, s)| (i, j, s)));
    }
    let mut by_columns = Vec::new();
    let mut search = Search::new(left.terms.len());
    for j in 0..right.terms.len() {
        let found = search.best(&right.terms[j], left, column(j), &|i| keep(i, j));
        columns_more |= found.more;
        by_columns.extend(found.best.into_iter().map(|(i, s)| (i, j, s)));
    }
    let by_columns = by_row(by_columns, left.terms.len());
    // Where no row (or no column) has more than its few best, every
    // passing pair is kept.
    (
        best_first(merged(by_rows, by_columns)),
        rows_more && columns_more,
    )
}

/// Pairs in order of `j` put in order of `(i, j)`: a counting sort by
/// `i`, which keeps the order of `j` within each `i`. `rows`: how many
/// values `i` takes.
fn by_row(pairs: Vec<Pair>, rows: usize) -> Vec<Pair> {
    let mut starts = vec![0usize; rows + 1];
    for p in &pairs {
        if let Some(n) = starts.get_mut(p.0 + 1) {
            *n += 1;
        }
    }
    for n in 1..starts.len() {
        starts[n] += starts[n - 1];
    }
    let mut out = vec![(0, 0, 0.0); pairs.len()];
    for p in pairs {
        if let Some(at) = starts.get_mut(p.0) {
            out[*at] = p;
            *at += 1;
        }
    }
    out
}

/// Two lists of pairs in order of `(i, j)` as one, each pair once (a
/// pair in both lists has the same score in both).
fn merged(x: Vec<Pair>, y: Vec<Pair>) -> Vec<Pair> {
    let mut out = Vec::with_capacity(x.len() + y.len());
    let (mut x, mut y) = (x.into_iter().peekable(), y.into_iter().peekable());
    loop {
        let next = match (x.peek(), y.peek()) {
            (Some(a), Some(b)) => match (a.0, a.1).cmp(&(b.0, b.1)) {
                std::cmp::Ordering::Less => x.next(),
                std::cmp::Ordering::Greater => y.next(),
                std::cmp::Ordering::Equal => {
                    y.next();
                    x.next()
                }
            },
            (Some(_), None) => x.next(),
            (None, _) => y.next(),
        };
        match next {
            Some(p) => out.push(p),
            None => return out,
        }
    }
}

#[cfg(test)]
mod tests;
