//! Time from process start to the first frame, measured through a real
//! pseudo-terminal, and peak memory once a 2,000-pathway library is loaded.
//! Targets: first frame under 50 ms on the bundled library and under 100 ms
//! on 2,000 pathways, and under 100 ms on a library whose history holds
//! 20,000 saves; whole library loaded in under 2 s; memory under 300 MB.

#[path = "../tests/it/common.rs"]
mod common;

use std::time::{Duration, Instant};

use common::Session;
use criterion::{Criterion, criterion_group, criterion_main};

static REPORT_MEMORY: std::sync::Once = std::sync::Once::new();

fn startup(c: &mut Criterion) {
    let empty = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let big = tempfile::tempdir().unwrap();
    carepath::store::library::generate::write_library(big.path(), 2000).unwrap();
    let big_arg = big.path().to_str().unwrap().to_string();

    let saved = tempfile::tempdir().unwrap();
    history_of_20000_saves(saved.path());
    let saved_arg = saved.path().to_str().unwrap().to_string();

    let mut group = c.benchmark_group("startup");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("first_frame_bundled_library", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let mut s = Session::start(&[], empty.path(), config.path(), 120, 40);
                s.wait_for("Review due");
                total += start.elapsed();
                s.send("q");
                s.wait_exit();
            }
            total
        })
    });
    group.bench_function("first_frame_2000_pathways", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let mut s = Session::start(&[&big_arg], empty.path(), config.path(), 120, 40);
                s.wait_for("Review due");
                total += start.elapsed();
                s.send("q");
                s.wait_exit();
            }
            total
        })
    });
    group.bench_function("first_frame_history_of_20000_saves", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let mut s = Session::start(&[&saved_arg], empty.path(), config.path(), 120, 40);
                s.wait_for("Review due");
                total += start.elapsed();
                s.send("q");
                s.wait_exit();
            }
            total
        })
    });
    group.bench_function("whole_2000_library_on_screen", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let mut s = Session::start(&[&big_arg], empty.path(), config.path(), 120, 40);
                s.wait_for("2000 pathways");
                total += start.elapsed();
                if let Some(kib) = s.peak_memory_kib() {
                    REPORT_MEMORY.call_once(|| {
                        eprintln!(
                            "peak memory with 2,000 pathways loaded: {:.1} MB",
                            kib as f64 / 1024.0
                        )
                    });
                }
                s.send("q");
                s.wait_exit();
            }
            total
        })
    });
    group.finish();
}

/// The example pathways, one of them saved 20,000 times (the history's
/// lines; its versions pruned as the history prunes them).
fn history_of_20000_saves(dir: &std::path::Path) {
    for entry in std::fs::read_dir("pathways").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let file = dir.join("discharge-to-care-home.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = text.replacen("title: ", "title: Changed ", 1);
    for n in 0..20_000 {
        let (before, after) = if n % 2 == 0 {
            (&text, &changed)
        } else {
            (&changed, &text)
        };
        carepath::store::persist::history::append(
            &file,
            "bench",
            before,
            after,
            (vec!["title: changed".into()], 1),
        )
        .unwrap();
    }
}

criterion_group!(benches, startup);
criterion_main!(benches);
