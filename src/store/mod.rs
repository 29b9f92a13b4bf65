//! Files on disk, in modules by concern: reading a pathway file with clear
//! errors ([`read`]), keeping people's work ([`persist`]), the people
//! working on a library ([`team`]), the library itself ([`library`]), and
//! what they all stand on: the configuration, git, the one way files are
//! opened ([`safe_open`]) and the shared `.carepath/` folder. The YAML
//! text layer, which keeps comments and layout, is below the store, in
//! [`crate::text::yaml`].

pub mod config;
pub mod git;
pub mod library;
pub mod persist;
pub mod read;
pub mod safe_open;
pub mod shared;
pub mod team;

// Each module is also known by its name directly under `store`, as it
// was before the store was divided by concern.
pub use library::{
    builtin, generate, index, localise, source, summary, summary_scan, template, vocabulary,
};
pub use persist::{history, journal, lock, rename, save, saving, session};
pub use read::{input, load, messages};
pub use team::{identity, people, presence, records, rejections, signing, verify, watch};

// The YAML text layer lives below the store (in `crate::text::yaml`) so
// that `merge` can write into text without importing the store; these
// names keep the store's older paths working.
pub use crate::text::yaml::{
    edit, edit_list, indent as yaml_indent, source_map, tree as yaml_tree,
};
