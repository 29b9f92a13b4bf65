//! The partners one search has found that could still rank among the
//! [`FEW`] best, for [`super`].
//!
//! Two analyses of thousands of points in a small vocabulary give each
//! point hundreds of passing partners; holding them all, and selecting
//! the few best again at every step of the search, cost more than
//! finding them. A partner that cannot beat the last of the few best
//! held is counted, not held, and is told apart from one that can by
//! integer arithmetic.

use super::super::few::FEW;

/// One partner held: its place in the order of the few best, and the
/// score as shared terms over the terms of both (the score is twice
/// that).
#[derive(Clone, Copy)]
struct Partner {
    /// Best first as one integer: the score's bits inverted (scores are
    /// positive, and a positive float's bits rise with it), then the
    /// item, earliest first. Selecting the few best by it, rather than by
    /// comparing scores then items, was a twentieth of comparing every
    /// point of one analysis of 4,000 with the others.
    order: u128,
    shared: u32,
    total: u32,
}

impl Partner {
    fn new(item: usize, score: f64, shared: u32, total: u32) -> Partner {
        let order = u128::from(!score.to_bits()) << 64 | item as u128;
        Partner {
            order,
            shared,
            total,
        }
    }

    fn item(&self) -> usize {
        self.order as u64 as usize
    }

    fn score(&self) -> f64 {
        f64::from_bits(!((self.order >> 64) as u64))
    }
}

#[derive(Default)]
pub(super) struct Held {
    /// Up to four times [`FEW`], unordered: the few best are selected
    /// once for every three times [`FEW`] partners let in, where once
    /// for every [`FEW`] (up to twice as many held) took a twentieth
    /// more processor time comparing two analyses of 4,000 points, and
    /// eight times as many held took no less.
    partners: Vec<Partner>,
    /// The last of the few best at the latest cut; no partner that does
    /// not beat it gets in.
    last: Option<Partner>,
    /// Passing partners `keep` allows, counted exactly up to one more
    /// than [`FEW`].
    counted: usize,
}

impl Held {
    pub(super) fn clear(&mut self) {
        self.partners.clear();
        self.last = None;
        self.counted = 0;
    }

    /// Offers `item`, sharing `shared` of the `total` terms of the two
    /// and passing the threshold, if `keep` allows it.
    #[inline]
    pub(super) fn offer(
        &mut self,
        item: usize,
        shared: u32,
        total: usize,
        keep: impl FnOnce(usize) -> bool,
    ) {
        let total = total as u32;
        if let Some(last) = self.last {
            // shared / total against last.shared / last.total, exactly.
            let (x, y) = (
                u64::from(shared) * u64::from(last.total),
                u64::from(last.shared) * u64::from(total),
            );
            if x < y || (x == y && item > last.item()) {
                if self.counted <= FEW && keep(item) {
                    self.counted += 1;
                }
                return;
            }
        }
        if !keep(item) {
            return;
        }
        self.counted += 1;
        let score = 2.0 * f64::from(shared) / f64::from(total);
        self.partners.push(Partner::new(item, score, shared, total));
        if self.partners.len() >= 4 * FEW {
            self.cut();
        }
    }

    /// Keeps the best [`FEW`] held.
    fn cut(&mut self) {
        let len = self.partners.len();
        if len > FEW || (len == FEW && self.last.is_none()) {
            self.partners
                .select_nth_unstable_by_key(FEW - 1, |p| p.order);
            self.partners.truncate(FEW);
            self.last = self.partners.get(FEW - 1).copied();
        }
    }

    /// The score of the last of the [`FEW`] best found, once that many
    /// are.
    pub(super) fn kth(&mut self) -> Option<f64> {
        self.cut();
        self.last.map(|p| p.score())
    }

    /// Whether more passing partners than [`FEW`] were offered.
    pub(super) fn more_than_few(&self) -> bool {
        self.counted > FEW
    }

    /// The best [`FEW`], in no particular order, with their scores.
    pub(super) fn best(&mut self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.cut();
        self.partners.iter().map(|p| (p.item(), p.score()))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{FEW, Held};

    proptest! {
        /// Whatever order partners come in, what is held is the few best
        /// of all offered (ties to the earliest item), and the count
        /// says whether there were more.
        #[test]
        fn held_is_the_few_best_of_all_offered(
            offers in prop::collection::vec((1u32..6, 5usize..12, any::<bool>()), 0..200),
        ) {
            let mut held = Held::default();
            let mut all = Vec::new();
            for (item, &(shared, total, kept)) in offers.iter().enumerate().rev() {
                held.offer(item, shared, total, |_| kept);
                if kept {
                    all.push((item, 2.0 * f64::from(shared) / total as f64));
                }
            }
            all.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            let more = all.len() > FEW;
            all.truncate(FEW);
            all.sort_by_key(|p| p.0);
            let mut got: Vec<(usize, f64)> = held.best().collect();
            got.sort_by_key(|p| p.0);
            prop_assert_eq!(got, all);
            prop_assert_eq!(held.more_than_few(), more);
        }
    }
}
