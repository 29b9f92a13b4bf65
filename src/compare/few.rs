//! Keeping each point's few best pairs: two analyses of thousands of
//! points in a small vocabulary pass most pairs, and a pass that kept them
//! all grew with the square of the points; the few best of each point
//! grow with the points.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::similar::{Pair, best_first};

/// How many pairs each item keeps at most, in [`few_best`]: far more than
/// a real analysis gives one point, few enough that two analyses of
/// thousands of points in a small vocabulary (where most pairs pass)
/// weigh a few pairs per point, not every other point.
pub const FEW: usize = 32;

/// [`best_first`], keeping only the pairs that are among the [`FEW`] best
/// of at least one of their two items (`left`, `right`: how many items
/// each side has). Where no item has more pairs than that, nothing is
/// left out and the result is `best_first(pairs)`; the second value says
/// whether anything was.
pub fn few_best(pairs: Vec<Pair>, left: usize, right: usize) -> (Vec<Pair>, bool) {
    let (mut of_left, mut of_right) = (vec![0usize; left], vec![0usize; right]);
    let mut kept = Vec::with_capacity(pairs.len().min((left + right) * FEW));
    let total = pairs.len();
    for p in best_first(pairs) {
        let (Some(l), Some(r)) = (of_left.get_mut(p.0), of_right.get_mut(p.1)) else {
            continue;
        };
        if *l < FEW || *r < FEW {
            kept.push(p);
        }
        *l += 1;
        *r += 1;
    }
    let cut = kept.len() < total;
    (kept, cut)
}

/// Where the pairs found go, in order of `(i, j)`.
pub(super) trait Sink {
    type Out;
    fn add(&mut self, pair: Pair);
    fn done(self) -> Self::Out;
}

impl Sink for Vec<Pair> {
    type Out = Vec<Pair>;
    fn add(&mut self, pair: Pair) {
        self.push(pair);
    }
    fn done(self) -> Vec<Pair> {
        self
    }
}

/// The best [`FEW`] pairs of one item offered so far, in the order
/// they come; a pair offered later loses a tie.
///
/// Held as a heap with the worst pair on top, so that a better pair
/// replaces it in a few steps rather than a walk of every pair held: two
/// analyses of thousands of points in a small vocabulary offer each item
/// hundreds of passing pairs, many of them better than the worst held.
#[derive(Clone, Default)]
struct Best {
    held: BinaryHeap<Held>,
    /// The lowest score held, once [`FEW`] are; no pair at or below it
    /// gets in.
    lowest: f64,
}

/// A pair held by [`Best`], ordered worst last: lowest score, then the
/// latest offered (`order`), is the greatest, so the heap's top.
#[derive(Clone, Copy)]
struct Held {
    pair: Pair,
    order: usize,
}

impl Held {
    fn key(&self) -> (Reverse<u64>, usize) {
        // Scores are never negative, so their bits order as they do.
        (Reverse(self.pair.2.to_bits()), self.order)
    }
}

impl PartialEq for Held {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Held {}

impl PartialOrd for Held {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Held {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl Best {
    /// Offers `p`; `order` is its place in the order pairs come, later
    /// than every pair offered before.
    fn offer(&mut self, p: Pair, order: usize) {
        if self.held.len() < FEW {
            self.held.push(Held { pair: p, order });
            if self.held.len() == FEW {
                self.lowest = self.lowest_held();
            }
            return;
        }
        // Most pairs stop here: no better than the worst held, which
        // wins a tie as it came first.
        if p.2 <= self.lowest {
            return;
        }
        if let Some(mut worst) = self.held.peek_mut() {
            *worst = Held { pair: p, order };
        }
        self.lowest = self.lowest_held();
    }

    fn lowest_held(&self) -> f64 {
        self.held.peek().map_or(f64::NEG_INFINITY, |h| h.pair.2)
    }

    fn into_pairs(self) -> impl Iterator<Item = Pair> {
        self.held.into_iter().map(|h| h.pair)
    }
}

/// The pairs [`few_best`] keeps, gathered as they are found, each row's
/// and each column's best few, without holding the rest.
pub(super) struct FewBest {
    row: Best,
    /// The item whose pairs `row` holds.
    row_of: Option<usize>,
    kept: Vec<Pair>,
    columns: Vec<Best>,
    seen: usize,
}

impl FewBest {
    pub(super) fn new(right: usize) -> FewBest {
        FewBest {
            row: Best::default(),
            row_of: None,
            kept: Vec::new(),
            columns: vec![Best::default(); right],
            seen: 0,
        }
    }

    fn end_row(&mut self) {
        let row = std::mem::take(&mut self.row);
        self.kept.extend(row.into_pairs());
        self.row_of = None;
    }
}

impl Sink for FewBest {
    type Out = (Vec<Pair>, bool);

    fn add(&mut self, p: Pair) {
        self.seen += 1;
        if self.row_of.is_some_and(|i| i != p.0) {
            self.end_row();
        }
        self.row_of = Some(p.0);
        self.row.offer(p, p.1);
        if let Some(column) = self.columns.get_mut(p.1) {
            column.offer(p, p.0);
        }
    }

    fn done(mut self) -> (Vec<Pair>, bool) {
        self.end_row();
        let mut all = self.kept;
        for column in self.columns {
            all.extend(column.into_pairs());
        }
        all.sort_by_key(|p| (p.0, p.1));
        all.dedup_by_key(|p| (p.0, p.1));
        let cut = all.len() < self.seen;
        (best_first(all), cut)
    }
}
