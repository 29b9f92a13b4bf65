//! Suggestions people have turned down: two points that are worded alike
//! but are not the same point. A rejected pairing is never proposed again.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::normalise::plain;
use crate::model::Section;

/// One turned-down pairing, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    pub pathway: String,
    pub section: String,
    pub a: String,
    pub b: String,
}

/// The rejected pairings of one library.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rejections {
    pairs: HashSet<(String, String, String, String)>,
}

impl Rejections {
    pub fn new(list: &[Rejection]) -> Rejections {
        let mut r = Rejections::default();
        for x in list {
            r.insert(x);
        }
        r
    }

    fn key(pathway: &str, section: &str, a: &str, b: &str) -> (String, String, String, String) {
        // Either way round is the same pairing.
        let (a, b) = (plain(a), plain(b));
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        (pathway.to_string(), section.to_string(), a, b)
    }

    pub fn insert(&mut self, x: &Rejection) {
        self.pairs
            .insert(Self::key(&x.pathway, &x.section, &x.a, &x.b));
    }

    /// Takes a rejection back (it was undone).
    pub fn remove(&mut self, x: &Rejection) {
        self.pairs
            .remove(&Self::key(&x.pathway, &x.section, &x.a, &x.b));
    }

    /// Whether nobody has turned any pairing down: the comparisons then
    /// skip asking about each pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Whether people have said these two texts are not the same point.
    pub fn contains(&self, pathway: &str, section: Section, a: &str, b: &str) -> bool {
        !self.pairs.is_empty()
            && self
                .pairs
                .contains(&Self::key(pathway, section.as_str(), a, b))
    }
}
