//! Files on disk: reading pathways with clear errors, the library folder,
//! the built-in examples, configuration.

pub mod builtin;
pub mod config;
pub mod generate;
pub mod git;
pub mod history;
pub mod identity;
pub mod index;
pub mod input;
pub mod journal;
pub mod library;
pub mod load;
pub mod localise;
pub mod lock;
pub mod messages;
pub mod people;
pub mod presence;
pub mod records;
pub mod rejections;
pub mod rename;
pub mod safe_open;
pub mod save;
pub mod saving;
pub mod session;
pub mod shared;
pub mod signing;
pub mod source;
pub mod summary;
pub mod template;
pub mod verify;
pub mod vocabulary;
pub mod watch;

// The YAML text layer lives below the store (in `crate::text::yaml`) so
// that `merge` can write into text without importing the store; these
// names keep the store's older paths working.
pub use crate::text::yaml::{edit, edit_list, source_map, tree as yaml_tree};
