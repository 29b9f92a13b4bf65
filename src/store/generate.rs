//! Writes a large synthetic library for benchmarks: the built-in examples
//! repeated under new ids, with varied titles and places, so loading and
//! drawing can be measured on thousands of realistic files.

use std::io;
use std::path::Path;

use super::builtin;

const PLACES: &[&str] = &[
    "Riverside",
    "Northside",
    "Hillcrest",
    "Eastbay",
    "Tūhono",
    "Caerwen",
];

/// Writes `count` pathway files into `dir` (which must exist).
pub fn write_library(dir: &Path, count: usize) -> io::Result<()> {
    let examples = builtin::examples();
    if examples.is_empty() {
        return Err(io::Error::other(
            "carepath was built without its example pathways",
        ));
    }
    for n in 0..count {
        let (name, bytes) = examples[n % examples.len()];
        let text = String::from_utf8_lossy(bytes);
        let stem = name.trim_end_matches(".yaml");
        let id = format!("{stem}-{n:05}");
        let place = PLACES[n % PLACES.len()];
        let mut out = String::with_capacity(text.len() + 64);
        for line in text.lines() {
            if line.starts_with("id: ") {
                out.push_str(&format!("id: {id}"));
            } else if let Some(title) = line.strip_prefix("title: ") {
                out.push_str(&format!("title: {} ({place} {n})", title.trim_matches('"')));
            } else if line.starts_with("place: ") {
                out.push_str(&format!("place: {place}"));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        std::fs::write(dir.join(format!("{id}.yaml")), out)?;
    }
    Ok(())
}
