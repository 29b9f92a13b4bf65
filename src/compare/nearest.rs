//! Each point's few best partners, found without scoring every pair.
//!
//! In a small vocabulary (a few dozen terms) most pairs share a term and
//! a few in a hundred pass the threshold, so scoring every pair, or even
//! every passing pair, grows with the square of the points. A point's
//! best partners share the most terms with it: they are found first by
//! the sets of three terms it shares with them (an index of every item's
//! three-term subsets; four, in a search among thousands of items),
//! then, only while fewer than [`FEW`](super::few::FEW) are certain,
//! by fewer terms, down to one. A search stops as soon as no partner not yet
//! seen could rank among the few best, so each point costs about its few
//! best partners, not every other point.
//!
//! The result is exactly that of scoring every pair and keeping each
//! item's [`FEW`](super::few::FEW) best (see [`super::few::few_best`]): every partner found
//! is scored exactly, and a search only stops when the bound on the rest
//! says none of them could rank.

mod held;
mod subsets;

use std::cell::OnceCell;
use std::ops::Range;

use held::Held;
use subsets::{DEEPEST, Keyed, Subsets, each_subset, subsets_of};

use super::similar::{Pair, THRESHOLD, best_first, least_shared};

/// Items with more terms than this have too many subsets to index; they
/// are scored directly by every search.
const LONGEST_INDEXED: usize = 16;

/// From how many items a search looks among it looks up partners from
/// [`DEEPEST`] shared terms down, rather than from one fewer: among many
/// items a point's few best partners share that many terms often
/// enough that finding them first, and skipping most of those that
/// share fewer, pays for the larger index and the more subsets looked
/// up (every point of two analyses of 4,000 each searched among the
/// other's 4,000 took about a fortieth less processor time; two aligned
/// analyses of about 2,700 points left over each, about a fourteenth
/// more).
const DEEPEST_FROM: usize = 3_500;

/// Term sets of one side, with what the search looks them up by.
pub(super) struct Side<'a> {
    terms: &'a [Vec<u32>],
    words: usize,
    bits: Vec<u64>,
    /// Each item's number of terms, read beside its bits by every visit:
    /// a small table rather than each item's list.
    sizes: Vec<u32>,
    /// Every term is below this.
    vocabulary: usize,
    /// From how many items a search looks up [`DEEPEST`] shared terms.
    deepest_from: usize,
    /// The longest item indexed.
    longest: usize,
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

impl<'a> Side<'a> {
    /// `words`: 64-bit words a term set takes as a bit set (the terms are
    /// all below `64 * words`).
    pub(super) fn new(terms: &'a [Vec<u32>], words: usize) -> Side<'a> {
        Side::deepest_from(terms, words, DEEPEST_FROM)
    }

    /// [`Side::new`], looking up [`DEEPEST`] shared terms in searches
    /// among `from` items or more.
    fn deepest_from(terms: &'a [Vec<u32>], words: usize, from: usize) -> Side<'a> {
        let mut bits = vec![0u64; terms.len() * words];
        let mut lengths = Vec::new();
        let mut long = Vec::new();
        let sizes = terms.iter().map(|set| set.len() as u32).collect();
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
        let vocabulary = terms.iter().flatten().max().map_or(0, |&t| t as usize + 1);
        let longest = lengths
            .iter()
            .copied()
            .filter(|&l| l <= LONGEST_INDEXED)
            .max()
            .unwrap_or(0);
        Side {
            terms,
            words,
            bits,
            sizes,
            vocabulary,
            deepest_from: from,
            longest,
            lengths,
            long,
            subsets: Default::default(),
        }
    }

    #[inline]
    fn shared(&self, query: &[u64], j: usize) -> u32 {
        if let ([q], Some(y)) = (query, self.bits.get(j)) {
            return (q & y).count_ones();
        }
        let y = &self.bits[j * self.words..(j + 1) * self.words];
        query.iter().zip(y).map(|(p, q)| (p & q).count_ones()).sum()
    }

    fn subsets(&self, o: usize, keyed_by: Keyed) -> &Subsets {
        self.subsets[keyed_by as usize][o - 1].get_or_init(|| {
            let indexed = || {
                self.terms
                    .iter()
                    .enumerate()
                    .filter(|(_, set)| set.len() <= LONGEST_INDEXED)
                    .map(|(i, set)| (i, set.as_slice()))
            };
            Subsets::new(indexed, o, keyed_by, self.vocabulary, self.longest)
        })
    }
}

/// What one search found: its item's [`FEW`](super::few::FEW) best partners, in no
/// particular order, and whether it has more passing partners than those.
struct Found {
    best: Vec<(usize, f64)>,
    more: bool,
}

/// A search's state: partners seen (by a stamp per item of the other
/// side) and those that pass.
struct Search {
    stamp: Vec<u32>,
    now: u32,
    passing: Held,
    /// The fewest shared terms with which a partner of each total length
    /// passes the threshold.
    least: Vec<u32>,
    /// The keys of the query's subsets of one size, those of the subsets
    /// looked up (with a length), and where their items are.
    subset_keys: Vec<u64>,
    keys: Vec<u64>,
    spans: Vec<(u32, u32)>,
}

impl Search {
    fn new(others: usize) -> Search {
        Search {
            stamp: vec![0; others],
            now: 0,
            passing: Held::default(),
            least: Vec::new(),
            subset_keys: Vec::new(),
            keys: Vec::new(),
            spans: Vec::new(),
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
        let most = m + side.lengths.last().copied().unwrap_or(0);
        if self.least.len() <= most {
            self.least = (0..=2 * most).map(|t| least_shared(t) as u32).collect();
        }
        let mut bits = [0u64; 4];
        for &t in query {
            let t = t as usize;
            bits[t / 64] |= 1 << (t % 64);
        }
        let bits = &bits[..side.words];
        let least = &self.least;
        let see = |j: usize, side: &Side, stamp: &mut [u32], out: &mut Held| {
            see(j, side, (bits, m), least, (stamp, now), out, keep);
        };
        let long_from = side.long.partition_point(|&j| (j as usize) < range.start);
        for &j in &side.long[long_from..] {
            if j as usize >= range.end {
                break;
            }
            see(j as usize, side, &mut self.stamp, &mut self.passing);
        }
        let deepest = if range.len() >= side.deepest_from {
            DEEPEST
        } else {
            DEEPEST - 1
        };
        let top = m.min(deepest);
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
            let (keys, spans) = (&mut self.keys, &mut self.spans);
            if o == top {
                // Every partner sharing `top` terms or more.
                let index = side.subsets(o, Keyed::BySet);
                keys.clear();
                each_subset(query, o, index.keys, &mut |k| keys.push(k));
                index.spans(keys, spans);
                for &span in spans.iter() {
                    index.each(span, &range, |j| see(j, side, stamp, passing));
                }
            } else {
                // Partners sharing `o` terms, of the lengths at which they
                // could still rank: the rest score below the few best.
                // Shortest first: they score the most, and raise the
                // floor the longer ones must reach.
                let index = side.subsets(o, Keyed::BySetAndLength);
                // The query's subsets, listed once for every length.
                let subset_keys = &mut self.subset_keys;
                subset_keys.clear();
                each_subset(query, o, index.keys, &mut |k| subset_keys.push(k));
                for &l in side.lengths.iter().filter(|&&l| l >= o) {
                    let most = 2.0 * o as f64 / (m + l) as f64;
                    if most < passing.kth().unwrap_or(THRESHOLD) {
                        skipped |= most >= THRESHOLD;
                        continue;
                    }
                    keys.clear();
                    keys.extend(subset_keys.iter().map(|&k| index.with_length(k, l)));
                    index.spans(keys, spans);
                    for &span in spans.iter() {
                        index.each(span, &range, |j| see(j, side, stamp, passing));
                    }
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
            if self.passing.kth().is_some_and(|s| s > bound) {
                break;
            }
        }
        Found {
            more: !exhausted || self.passing.more_than_few(),
            best: self.passing.best().collect(),
        }
    }
}

/// Scores `side`'s item `j` as a partner of the query of `bits` and `m`
/// terms, once a search: inlined into every loop that visits items,
/// where a call for each of the hundreds of items a point visits cost
/// more than its work.
#[inline(always)]
fn see(
    j: usize,
    side: &Side,
    (bits, m): (&[u64], usize),
    least: &[u32],
    (stamp, now): (&mut [u32], u32),
    out: &mut Held,
    keep: &impl Fn(usize) -> bool,
) {
    if stamp[j] == now {
        return;
    }
    stamp[j] = now;
    let (shared, total) = (side.shared(bits, j), m + side.sizes[j] as usize);
    if least.get(total).is_some_and(|&least| shared >= least) {
        out.offer(j, shared, total, keep);
    }
}

/// The pairs of `left` × `right` among the [`FEW`](super::few::FEW) best of their left
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
