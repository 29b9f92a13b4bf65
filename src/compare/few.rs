//! Keeping each point's few best pairs: two analyses of thousands of
//! points in a small vocabulary pass most pairs, and a pass that kept them
//! all grew with the square of the points; the few best of each point
//! grow with the points.

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
#[derive(Clone, Default)]
struct Best {
    pairs: Vec<Pair>,
    /// The lowest score held, once [`FEW`] are.
    lowest: f64,
}

impl Best {
    /// Offers `p`; `order` is the place of a pair in the order pairs come.
    fn offer(&mut self, p: Pair, order: impl Fn(&Pair) -> usize) {
        if self.pairs.len() < FEW {
            self.pairs.push(p);
            if self.pairs.len() == FEW {
                self.lowest = self.lowest_held();
            }
            return;
        }
        // Most pairs stop here: no better than the worst held.
        if p.2 <= self.lowest {
            return;
        }
        let worst = self
            .pairs
            .iter()
            .enumerate()
            .filter(|(_, c)| c.2 == self.lowest)
            .max_by_key(|(_, c)| order(c))
            .map(|(n, _)| n);
        if let Some(at) = worst {
            self.pairs[at] = p;
        }
        self.lowest = self.lowest_held();
    }

    fn lowest_held(&self) -> f64 {
        self.pairs.iter().map(|c| c.2).fold(f64::INFINITY, f64::min)
    }
}

/// The pairs [`few_best`] keeps, gathered as they are found, each row's
/// and each column's best few, without holding the rest.
pub(super) struct FewBest {
    row: Best,
    kept: Vec<Pair>,
    columns: Vec<Best>,
    seen: usize,
}

impl FewBest {
    pub(super) fn new(right: usize) -> FewBest {
        FewBest {
            row: Best::default(),
            kept: Vec::new(),
            columns: vec![Best::default(); right],
            seen: 0,
        }
    }

    fn end_row(&mut self) {
        self.kept.append(&mut self.row.pairs);
        self.row = Best::default();
    }
}

impl Sink for FewBest {
    type Out = (Vec<Pair>, bool);

    fn add(&mut self, p: Pair) {
        self.seen += 1;
        if self.row.pairs.first().is_some_and(|r| r.0 != p.0) {
            self.end_row();
        }
        self.row.offer(p, |c| c.1);
        if let Some(column) = self.columns.get_mut(p.1) {
            column.offer(p, |c| c.0);
        }
    }

    fn done(mut self) -> (Vec<Pair>, bool) {
        self.end_row();
        let mut all = self.kept;
        for column in self.columns {
            all.extend(column.pairs);
        }
        all.sort_by_key(|p| (p.0, p.1));
        all.dedup_by_key(|p| (p.0, p.1));
        let cut = all.len() < self.seen;
        (best_first(all), cut)
    }
}
