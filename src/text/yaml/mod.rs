//! The YAML text layer: a pathway file's text as people wrote it, with
//! every value's place, so a change is written into the text without
//! touching anything else (comments, blank lines, quoting, key order).
//! Pure: text in, text out, no files.

pub mod change;
pub mod de;
pub mod edit;
pub mod edit_list;
mod edit_map;
mod find;
pub mod indent;
mod items;
pub mod source_map;
pub mod steps_list;
pub mod tree;
