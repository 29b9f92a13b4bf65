//! The library list's order: entries sorted by precomputed keys, new
//! entries merged in as they arrive rather than the whole list sorted
//! again, and a filter picking from the list already in order.

use crate::store::library::source::Entry;

use super::Sort;
use crate::tui::app::App;

impl App {
    /// Adds loaded entries, keeping the selection on the same pathway:
    /// the new entries are put in order among themselves and merged into
    /// the list, never sorting the whole list again.
    pub fn add_entries(&mut self, entries: Vec<Entry>) {
        let start = self.entries.len();
        self.entries.extend(entries);
        if !self.in_order(start) {
            self.refresh_visible();
            return;
        }
        let keep = self.kept_selection();
        let sort = self.library.sort;
        let all = &self.entries;
        let mut added: Vec<usize> = (start..all.len()).collect();
        added.sort_by(|&a, &b| compare(all, sort, a, b));
        let lib = &mut self.library;
        lib.stamps.extend(all[start..].iter().map(Entry::stamp));
        lib.order = merge(&lib.order, &added, |a, b| compare(all, sort, a, b));
        added.retain(|&i| all[i].keys().matches(&lib.filtered_by));
        if !added.is_empty() {
            lib.visible = merge(&lib.visible, &added, |a, b| compare(all, sort, a, b));
        }
        self.keep_selection(keep);
    }

    /// Recomputes the filtered, sorted list after a change of entries,
    /// filter or sort. Only a change of sort or of entries sorts again; a
    /// change of filter picks from the list already in order.
    pub fn refresh_visible(&mut self) {
        let keep = self.kept_selection();
        if !self.sorted(self.entries.len()) {
            let sort = self.library.sort;
            let all = &self.entries;
            let mut order: Vec<usize> = (0..all.len()).collect();
            order.sort_by(|&a, &b| compare(all, sort, a, b));
            self.library.order = order;
            self.library.sorted_by = sort;
            self.library.stamps = all.iter().map(Entry::stamp).collect();
        }
        let needle = self.library.filter.to_lowercase();
        let all = &self.entries;
        self.library.visible = self
            .library
            .order
            .iter()
            .copied()
            .filter(|&i| all[i].keys().matches(&needle))
            .collect();
        self.library.filtered_by = needle;
        self.keep_selection(keep);
    }

    /// Whether the list's order holds the first `len` entries as they are
    /// now, in the order asked for, and no others.
    fn sorted(&self, len: usize) -> bool {
        let lib = &self.library;
        lib.sorted_by == lib.sort
            && lib.stamps.len() == len
            && lib.order.len() == len
            && self.entries[..len]
                .iter()
                .zip(&lib.stamps)
                .all(|(e, &s)| e.stamp() == s)
    }

    /// [`App::sorted`], and the visible rows are filtered as asked.
    fn in_order(&self, len: usize) -> bool {
        self.sorted(len) && self.library.filtered_by == self.library.filter.to_lowercase()
    }

    /// The entry the user chose, to keep selected as the list changes.
    fn kept_selection(&self) -> Option<usize> {
        self.library
            .visible
            .get(self.library.selected)
            .copied()
            .filter(|_| self.library.chosen)
    }

    fn keep_selection(&mut self, keep: Option<usize>) {
        let visible = &self.library.visible;
        self.library.selected = keep
            .and_then(|k| visible.iter().position(|&i| i == k))
            .unwrap_or(0)
            .min(visible.len().saturating_sub(1));
    }
}

/// The order of two entries in the list: by the sort's key, then by title,
/// then by file name, so the order does not depend on which file was read
/// first.
fn compare(entries: &[Entry], sort: Sort, a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (entries[a].keys(), entries[b].keys());
    let first = match sort {
        Sort::Title => std::cmp::Ordering::Equal,
        Sort::Status => x.status_rank.cmp(&y.status_rank),
        Sort::Review => {
            (x.review_due.is_none(), x.review_due).cmp(&(y.review_due.is_none(), y.review_due))
        }
    };
    first
        .then_with(|| x.title().cmp(y.title()))
        .then_with(|| entries[a].file.cmp(&entries[b].file))
        .then(a.cmp(&b))
}

/// Two lists each in order, as one list in order. `b` is the short list
/// (the entries just read): each of its items finds its place in `a` by
/// binary search, and the runs of `a` between are copied whole, so adding
/// a batch costs a copy of the list, not a comparison per row.
fn merge(a: &[usize], b: &[usize], cmp: impl Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut start = 0;
    for &item in b {
        // After every row of `a` that does not sort after it.
        let place =
            start + a[start..].partition_point(|&row| cmp(item, row) != std::cmp::Ordering::Less);
        out.extend_from_slice(&a[start..place]);
        out.push(item);
        start = place;
    }
    out.extend_from_slice(&a[start..]);
    out
}
