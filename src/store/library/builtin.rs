//! The example library built into the binary, so that a fresh install opens
//! on real pathways rather than an empty screen.

use include_dir::{Dir, include_dir};

static EXAMPLES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/pathways");

/// The built-in pathway files as (file name, bytes), sorted by name.
pub fn examples() -> Vec<(&'static str, &'static [u8])> {
    let mut files: Vec<_> = EXAMPLES
        .files()
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?;
            name.ends_with(".yaml").then_some((name, f.contents()))
        })
        .collect();
    files.sort_by_key(|(name, _)| *name);
    files
}
