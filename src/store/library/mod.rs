//! The library: which files of a folder are pathways, where the library
//! comes from (a folder, a file, the built-in examples), the summaries the
//! list shows and the index that keeps them between starts, new pathways
//! from a template, local versions of a shared pathway, and the library's
//! own words.

pub mod builtin;
pub mod folder;
pub mod generate;
pub mod index;
mod index_clean;
mod index_format;
pub mod localise;
mod meeting_scan;
pub mod source;
pub mod summary;
pub mod summary_scan;
pub mod template;
pub mod vocabulary;

// The folder's scan is what `store::library` has always named.
pub use folder::*;
