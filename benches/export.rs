//! Publishing. Targets: one example pathway exported as a web site in
//! under 50 ms; a 2,000-pathway library in under 5 s, with peak memory
//! under 300 MB (measured on the real binary, printed once).

use std::path::Path;
use std::process::Command;

use carepath::export::{Format, to_folder};
use carepath::store::library::generate::write_library;
use carepath::store::library::source::Source;
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()
}

/// Peak resident memory of `carepath export` on `library`, in MB.
fn peak_memory_mb(library: &Path, out: &Path) -> Option<f64> {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/carepath");
    if !bin.exists() {
        return None;
    }
    let status = Command::new(bin)
        .args(["export", "--format", "html", "-o"])
        .arg(out)
        .arg(library)
        .stdout(std::process::Stdio::null())
        .status()
        .ok()?;
    assert!(status.success());
    // The largest resident set of any waited-for child: this one.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return None;
    }
    Some(usage.ru_maxrss as f64 / 1024.0)
}

fn export(c: &mut Criterion) {
    let example = Source::File(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("pathways/discharge-to-care-home.yaml"),
    );
    let out = tempfile::tempdir().unwrap();
    c.bench_function("export_one_example_html", |b| {
        b.iter(|| to_folder(&example, Format::Html, out.path(), today()).unwrap())
    });
    for (name, format) in [
        ("markdown", Format::Markdown),
        ("mermaid", Format::Mermaid),
        ("fhir", Format::Fhir),
    ] {
        c.bench_function(&format!("export_one_example_{name}"), |b| {
            b.iter(|| to_folder(&example, format, out.path(), today()).unwrap())
        });
    }

    let lib = tempfile::tempdir().unwrap();
    write_library(lib.path(), 2000).unwrap();
    let library = Source::Folder(lib.path().to_path_buf());
    let site = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("library_2000");
    group.sample_size(10);
    group.bench_function("export_html", |b| {
        b.iter(|| {
            let w = to_folder(&library, Format::Html, site.path(), today()).unwrap();
            assert_eq!(w.pathways, 2000);
        })
    });
    group.finish();
    match peak_memory_mb(lib.path(), site.path()) {
        Some(mb) => println!("peak memory exporting 2,000 pathways as a web site: {mb:.1} MB"),
        None => println!("peak memory: build the release binary first (cargo build --release)"),
    }
}

criterion_group!(benches, export);
criterion_main!(benches);
