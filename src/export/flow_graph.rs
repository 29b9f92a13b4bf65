//! The shape of a pathway's flow, shared by every drawing of it (the web
//! page's diagram and the app's flow view): the steps in the file's order,
//! a plain `next` to the step just below as a short way down, and every
//! other way out (a decision's branch, a jump, a loop back) as a jump that
//! runs in a lane of its own beside the steps.

use crate::model::Pathway;

/// A way out of a step that is not a plain step down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub from: usize,
    /// Which of the step's jumps this is, from the top.
    pub row: usize,
    /// The step it goes to; `None` when no step has that id.
    pub to: Option<usize>,
    pub target: String,
    /// The branch's condition, for a branch.
    pub when: Option<String>,
}

/// Whether step `i` goes on to the step just below it by a plain `next`.
pub fn goes_down(p: &Pathway, i: usize) -> bool {
    p.steps.get(i).is_some_and(|s| {
        s.exits()
            .any(|e| e.when.is_none() && p.step_index(e.target) == Some(i + 1))
    })
}

/// The jumps of step `i`, in the order of its exits.
pub fn jumps_of(p: &Pathway, i: usize) -> Vec<Jump> {
    let Some(step) = p.steps.get(i) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for exit in step.exits() {
        let to = p.step_index(exit.target);
        if to == Some(i + 1) && exit.when.is_none() {
            continue;
        }
        out.push(Jump {
            from: i,
            row: out.len(),
            to,
            target: exit.target.to_string(),
            when: exit.when.map(str::to_string),
        });
    }
    out
}

/// How many ways lead into each step (plain steps down and jumps): more
/// than one is where paths join.
pub fn ways_in(p: &Pathway) -> Vec<usize> {
    let mut n = vec![0; p.steps.len()];
    for step in &p.steps {
        for exit in step.exits() {
            if let Some(to) = p.step_index(exit.target) {
                n[to] += 1;
            }
        }
    }
    n
}

/// Lanes for spans (from, to) so that no two spans in one lane overlap:
/// each takes the first lane free over its whole length.
pub fn lanes<T: PartialOrd + Copy>(spans: &[(T, T)]) -> (Vec<usize>, usize) {
    let mut used: Vec<Vec<(T, T)>> = Vec::new();
    let mut out = Vec::with_capacity(spans.len());
    for &(a, b) in spans {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let free = used
            .iter()
            .position(|lane| lane.iter().all(|&(s, e)| hi < s || lo > e));
        let n = match free {
            Some(n) => n,
            None => {
                used.push(Vec::new());
                used.len() - 1
            }
        };
        used[n].push((lo, hi));
        out.push(n);
    }
    (out, used.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_take_separate_lanes() {
        let (l, n) = lanes(&[(0, 5), (2, 3), (6, 8), (4, 1)]);
        assert_eq!(l, vec![0, 1, 0, 2]);
        assert_eq!(n, 3);
    }
}
