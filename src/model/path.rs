//! Addresses of values inside a pathway document, such as `steps[2].owner`.
//!
//! Validation speaks in these paths; the store turns them into a line and
//! column of the file, so the model never needs to know about text positions.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
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
            }
            first = false;
        }
        Ok(())
    }
}
