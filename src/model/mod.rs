//! The pathway model: typed documents and the rules they keep. Pure data,
//! no files and no terminal.

#[macro_use]
pub mod path;
pub mod canonical;
pub mod change;
pub mod difference;
pub mod fields;
pub mod meeting;
pub mod normalise;
pub mod pathway;
pub mod runchart;
pub mod schema;
pub mod signoff;
pub mod similar;
pub mod slug;
pub mod validate;
mod validate_meeting;

pub use change::Change;
pub use path::{FieldPath, Seg};
pub use pathway::*;
pub use validate::{Problem, StepsSeen, blocking, is_slug, validate, validate_with};
pub mod words;
