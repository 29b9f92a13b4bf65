//! Writes the inputs of `benches/perf-report.sh`: a generated library, a
//! pathway with two long analyses, or three versions of a long pathway.
//!
//! ```text
//! perf_gen library DIR COUNT
//! perf_gen analyses FILE POINTS
//! perf_gen versions DIR STEPS     # writes base.yaml, ours.yaml, theirs.yaml
//! ```

use std::path::Path;

use carepath::store::library::generate::{Version, analyses_pathway, long_pathway, write_library};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |s: &str| s.parse::<usize>().map_err(std::io::Error::other);
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["library", dir, count] => {
            std::fs::create_dir_all(dir)?;
            write_library(Path::new(dir), number(count)?)
        }
        ["analyses", file, points] => {
            let id = Path::new(file)
                .file_stem()
                .map_or("analyses".into(), |s| s.to_string_lossy());
            std::fs::write(file, analyses_pathway(&id, number(points)?))
        }
        ["versions", dir, steps] => {
            let dir = Path::new(dir);
            std::fs::create_dir_all(dir)?;
            let steps = number(steps)?;
            for (name, v) in [
                ("base.yaml", Version::Base),
                ("ours.yaml", Version::Ours),
                ("theirs.yaml", Version::Theirs),
            ] {
                std::fs::write(dir.join(name), long_pathway(steps, v))?;
            }
            Ok(())
        }
        _ => Err(std::io::Error::other(
            "usage: perf_gen library DIR COUNT | analyses FILE POINTS | versions DIR STEPS",
        )),
    }
}
