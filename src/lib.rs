//! carepath: co-design local care pathways in the terminal.
//!
//! The crate follows one direction of data flow: `store` reads files into the
//! pure `model`; `compare`, `diff` and `merge` work on models; `tui` and
//! `cli` present them. Only `tui` touches the terminal.

#[macro_use]
pub mod model;
pub mod alloc;
pub mod cli;
pub mod compare;
pub mod diff;
pub mod export;
pub mod meeting;
pub mod merge;
pub mod store;
pub mod text;
pub mod tui;
