//! How alike two wordings are: each reduced to its meaning-bearing terms
//! (see [`super::normalise`]) and scored by the terms they share. The
//! comparison of analyses, the diff and the merge all match items without
//! an id by this one measure.

use std::collections::HashMap;

use super::normalise::Synonyms;

/// Pairs scoring at least this are proposed as the same point.
///
/// Chosen from the example pathways: paraphrases such as "Medicines not
/// ready when transport arrives" / "Meds arrive hours after the resident"
/// score 0.50, and "Discharged late on Friday with no handover call" /
/// "Late Friday discharges with no handover to the care home" 0.73, while
/// points that merely share a topic word ("medicines … transport" /
/// "medication changes … practice") stay at or below 0.25.
pub const THRESHOLD: f64 = 0.4;

/// Dice coefficient of two sorted, deduplicated term lists: shared terms
/// over the average size.
pub fn score(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Gives every distinct term a number, so term lists compare as integers;
/// terms are found with the synonyms given (the built-in ones by default).
pub struct Vocabulary<'a> {
    ids: HashMap<String, u32>,
    synonyms: &'a Synonyms,
}

impl Default for Vocabulary<'static> {
    fn default() -> Self {
        Vocabulary::new(Synonyms::builtin())
    }
}

impl<'a> Vocabulary<'a> {
    pub fn new(synonyms: &'a Synonyms) -> Vocabulary<'a> {
        Vocabulary {
            ids: HashMap::new(),
            synonyms,
        }
    }

    pub fn terms(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .synonyms
            .terms(text)
            .into_iter()
            .map(|t| {
                let next = self.ids.len() as u32;
                *self.ids.entry(t).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
