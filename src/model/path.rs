//! The one typed address of a value inside a pathway document, with its
//! two spellings: the readable one, `steps[2].owner` or
//! `steps[handover-call].owner`, which validation, the diff, messages and
//! the merge's record speak; and the dotted one, `steps.handover-call.owner`,
//! which `carepath set`, the forms and the edit engine take (see
//! [`FieldPath::dotted`]).
//!
//! The store turns an address into a line and column of the file, so the
//! model never needs to know about text positions.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
    /// A list item found by its `id`.
    Id(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(Seg::Key(key.into()));
        self
    }

    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Seg::Index(index));
        self
    }

    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.0.push(Seg::Id(id.into()));
        self
    }

    /// Reads the readable spelling: `steps[handover-call].branches[0]`.
    /// A bracketed number is an item's place, any other text its id.
    pub fn parse(readable: &str) -> FieldPath {
        let mut out = FieldPath::root();
        for part in readable.split('.').filter(|p| !p.is_empty()) {
            let (key, items) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                out = out.key(key);
            }
            for item in items.split('[').filter(|i| !i.is_empty()) {
                let item = item.strip_suffix(']').unwrap_or(item);
                out = match item.parse() {
                    Ok(i) => out.index(i),
                    Err(_) => out.id(item),
                };
            }
        }
        out
    }

    /// The dotted spelling the edit engine and `carepath set` take
    /// (`steps.handover-call.title`), if every segment can be written in
    /// it: an item known only by its text has no dotted address.
    pub fn dotted(&self) -> Option<String> {
        let names: Vec<String> = self
            .0
            .iter()
            .map(|seg| match seg {
                Seg::Key(k) | Seg::Id(k) => k.clone(),
                Seg::Index(i) => i.to_string(),
            })
            .collect();
        let ok = !names.is_empty()
            && names.iter().all(|n| {
                !n.is_empty()
                    && n.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
        ok.then(|| names.join("."))
    }

    pub fn segments(&self) -> &[Seg] {
        &self.0
    }

    pub fn parent(&self) -> Option<FieldPath> {
        let mut segs = self.0.clone();
        segs.pop()?;
        Some(FieldPath(segs))
    }
}

/// Builds a path from keys and indices: `path!["steps", 2, "owner"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut p = $crate::model::FieldPath::root();
        $( p = $crate::model::path::IntoSeg::push_onto($seg, p); )*
        p
    }};
}

/// Lets the `path!` macro take both keys and indices.
pub trait IntoSeg {
    fn push_onto(self, path: FieldPath) -> FieldPath;
}

impl IntoSeg for &str {
    fn push_onto(self, path: FieldPath) -> FieldPath {
        path.key(self)
    }
}

impl IntoSeg for &String {
    fn push_onto(self, path: FieldPath) -> FieldPath {
        path.key(self.as_str())
    }
}

impl IntoSeg for usize {
    fn push_onto(self, path: FieldPath) -> FieldPath {
        path.index(self)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.0 {
            match seg {
                Seg::Key(k) if first => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(i) => write!(f, "[{i}]")?,
                Seg::Id(id) => write!(f, "[{id}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_of_an_address() {
        let p = FieldPath::parse("analyses.oakview.causes[meds-late].weight");
        assert_eq!(p.to_string(), "analyses.oakview.causes[meds-late].weight");
        assert_eq!(
            p.dotted().as_deref(),
            Some("analyses.oakview.causes.meds-late.weight")
        );
        let p = FieldPath::parse("steps[2].branches[0]");
        assert_eq!(p, path!["steps", 2, "branches", 0]);
        assert_eq!(p.dotted().as_deref(), Some("steps.2.branches.0"));
        assert_eq!(
            FieldPath::parse("principles[Everybody counts]").dotted(),
            None
        );
        assert_eq!(FieldPath::parse("."), FieldPath::root());
    }
}
