//! Files on disk: reading pathways with clear errors, the library folder,
//! the built-in examples, configuration.

pub mod builtin;
pub mod config;
pub mod edit;
pub mod edit_list;
pub mod generate;
pub mod git;
pub mod history;
pub mod identity;
pub mod index;
pub mod journal;
pub mod library;
pub mod load;
pub mod lock;
pub mod messages;
pub mod people;
pub mod presence;
pub mod rejections;
pub mod rename;
pub mod save;
pub mod session;
pub mod shared;
pub mod source;
pub mod source_map;
pub mod summary;
pub mod template;
pub mod watch;
pub mod yaml_tree;
