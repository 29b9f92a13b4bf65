//! Which items of the other side one search has visited, beside what a
//! visit reads of each, for [`super`].
//!
//! A search visits the items of the buckets it looks up in no useful
//! order, and for each read whether it was seen, its size and its bits
//! from three tables: three reads at random for every item, hundreds of
//! items a point when two analyses of 4,000 points share a small
//! vocabulary. Side by side in one slot they are one read.

/// One item as a visit reads it.
#[derive(Clone, Copy)]
struct Slot {
    /// The item's first 64-bit word of terms: all of them when the
    /// vocabulary is below 64 terms, the common case.
    bits: u64,
    size: u32,
    /// The search that last visited the item.
    stamp: u32,
}

pub(super) struct Visits {
    slots: Vec<Slot>,
    now: u32,
}

impl Visits {
    /// `bits`: the items' term sets, `words` 64-bit words each; `sizes`:
    /// their number of terms.
    pub(super) fn new(bits: &[u64], sizes: &[u32], words: usize) -> Visits {
        let slots = sizes
            .iter()
            .enumerate()
            .map(|(j, &size)| Slot {
                bits: bits.get(j * words).copied().unwrap_or(0),
                size,
                stamp: 0,
            })
            .collect();
        Visits { slots, now: 0 }
    }

    /// Starts a new search: no item is visited yet.
    pub(super) fn start(&mut self) {
        self.now += 1;
    }

    /// The first word of `j`'s terms and its size, on the search's first
    /// visit of `j`; `None` on any later one.
    #[inline(always)]
    pub(super) fn first(&mut self, j: usize) -> Option<(u64, u32)> {
        let slot = &mut self.slots[j];
        if slot.stamp == self.now {
            return None;
        }
        slot.stamp = self.now;
        Some((slot.bits, slot.size))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Visits;

    proptest! {
        /// Each search visits an item first once, and reads there the
        /// item's own first word and size, whatever it visited before.
        #[test]
        fn each_item_is_first_visited_once_a_search(
            items in prop::collection::vec((any::<[u64; 2]>(), 0u32..128), 1..40),
            searches in prop::collection::vec(prop::collection::vec(0usize..40, 0..80), 1..5),
        ) {
            let bits: Vec<u64> = items.iter().flat_map(|(b, _)| *b).collect();
            let sizes: Vec<u32> = items.iter().map(|&(_, s)| s).collect();
            let mut visits = Visits::new(&bits, &sizes, 2);
            for visited in searches {
                visits.start();
                let mut seen = vec![false; items.len()];
                for j in visited.into_iter().filter(|&j| j < items.len()) {
                    let first = visits.first(j);
                    prop_assert_eq!(first.is_some(), !seen[j]);
                    if let Some((b, s)) = first {
                        prop_assert_eq!((b, s), (items[j].0[0], items[j].1));
                    }
                    seen[j] = true;
                }
            }
        }
    }
}
