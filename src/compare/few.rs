//! Keeping each point's few best pairs: two analyses of thousands of
//! points in a small vocabulary pass most pairs, and a pass that kept them
//! all grew with the square of the points; the few best of each point
//! grow with the points.

use std::cmp::Ordering;

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
/// Pairs that might rank are held unsorted, up to twice [`FEW`], and
/// then cut to the best [`FEW`] by a selection: two analyses of thousands
/// of points in a small vocabulary offer each item hundreds of passing
/// pairs, many of them better than the worst held, and a selection now
/// and then costs less than keeping a heap in order at every offer.
#[derive(Clone, Default)]
struct Best {
    /// Each pair with its place in the order pairs come.
    held: Vec<(Pair, usize)>,
    /// The lowest score of the best [`FEW`], once that many were cut
    /// to; no pair at or below it gets in (a tie loses to the earlier).
    lowest: Option<f64>,
}

/// Best first: the highest score, then the earliest offered.
fn rank(x: &(Pair, usize), y: &(Pair, usize)) -> Ordering {
    y.0.2.total_cmp(&x.0.2).then(x.1.cmp(&y.1))
}

impl Best {
    /// Offers `p`; `order` is its place in the order pairs come, later
    /// than every pair offered before.
    fn offer(&mut self, p: Pair, order: usize) {
        if self.lowest.is_some_and(|low| p.2 <= low) {
            return;
        }
        self.held.push((p, order));
        if self.held.len() >= 2 * FEW {
            self.cut();
        }
    }

    /// Keeps the best [`FEW`] held.
    fn cut(&mut self) {
        if self.held.len() > FEW {
            self.held.select_nth_unstable_by(FEW - 1, rank);
            self.held.truncate(FEW);
            self.lowest = self.held.get(FEW - 1).map(|h| h.0.2);
        }
    }

    /// The best [`FEW`] pairs, leaving this empty for the next item.
    fn take(&mut self) -> impl Iterator<Item = Pair> + '_ {
        self.cut();
        self.lowest = None;
        self.held.drain(..).map(|h| h.0)
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
        self.kept.extend(self.row.take());
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
        for mut column in self.columns {
            all.extend(column.take());
        }
        // A pair kept by its row and by its column is the same pair, so
        // an unstable sort does.
        all.sort_unstable_by_key(|p| (p.0, p.1));
        all.dedup_by_key(|p| (p.0, p.1));
        let cut = all.len() < self.seen;
        (best_first(all), cut)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{FEW, FewBest, Sink, few_best};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Gathering as pairs come keeps what keeping the few best of
        /// every pair keeps, ties included (scores take few values).
        #[test]
        fn gathered_as_they_come_is_few_best_of_all(
            rows in 1usize..120,
            columns in 1usize..120,
            cells in prop::collection::vec((0u8..8, any::<bool>()), 0..14_400),
        ) {
            let pairs: Vec<super::Pair> = cells
                .iter()
                .enumerate()
                .take(rows * columns)
                .filter(|(_, (_, present))| *present)
                .map(|(n, &(score, _))| (n / columns, n % columns, 0.4 + f64::from(score) / 20.0))
                .collect();
            let mut sink = FewBest::new(columns);
            for &p in &pairs {
                sink.add(p);
            }
            let want = few_best(pairs, rows, columns);
            prop_assert_eq!(sink.done(), want);
        }
    }

    #[test]
    fn many_ties_keep_the_earliest() {
        let pairs: Vec<super::Pair> = (0..3)
            .flat_map(|i| (0..5 * FEW).map(move |j| (i, j, 0.5)))
            .collect();
        let mut sink = FewBest::new(5 * FEW);
        for &p in &pairs {
            sink.add(p);
        }
        assert_eq!(sink.done(), few_best(pairs, 3, 5 * FEW));
    }
}
