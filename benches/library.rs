//! Loading a library of 2,000 generated pathways: every pathway whole, the
//! list's summaries on a first start, and on a start with the index.
//! Target: the whole library loaded in under 2 s.

use std::sync::mpsc;

use carepath::store::library::generate::write_library;
use carepath::store::library::source::{LoadEvent, Source, load_all, spawn_load};
use criterion::{Criterion, criterion_group, criterion_main};

fn library(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    write_library(dir.path(), 2000).unwrap();
    // The library index goes beside the benchmark's library, not into the
    // user's state folder; each run starts without one.
    let state = tempfile::tempdir().unwrap();
    // SAFETY: set before any thread of this process reads the environment.
    unsafe { std::env::set_var("CAREPATH_STATE_DIR", state.path()) };
    let source = Source::Folder(dir.path().to_path_buf());

    let mut group = c.benchmark_group("library_2000");
    group.sample_size(10);
    group.bench_function("load_all_one_thread", |b| {
        b.iter(|| {
            let entries = load_all(&source).unwrap();
            assert_eq!(entries.len(), 2000);
            assert!(entries.iter().all(|e| e.pathway().is_some()));
        })
    });
    group.bench_function("background_load_until_done", |b| {
        b.iter(|| {
            let _ = std::fs::remove_dir_all(state.path().join("library-index"));
            let (tx, rx) = mpsc::channel();
            spawn_load(source.clone(), tx, |e| e);
            let mut loaded = 0;
            for event in rx {
                match event {
                    LoadEvent::Loaded(batch) => loaded += batch.len(),
                    LoadEvent::Done => break,
                    _ => {}
                }
            }
            assert_eq!(loaded, 2000);
        })
    });
    // A second start: the index from the first lists every file unchanged.
    group.bench_function("background_load_with_the_index", |b| {
        let (tx, rx) = mpsc::channel();
        spawn_load(source.clone(), tx, |e| e);
        for event in rx {
            if matches!(event, LoadEvent::Done) {
                break;
            }
        }
        b.iter(|| {
            let (tx, rx) = mpsc::channel();
            spawn_load(source.clone(), tx, |e| e);
            let mut loaded = 0;
            for event in rx {
                match event {
                    LoadEvent::Loaded(batch) => loaded += batch.len(),
                    LoadEvent::Done => break,
                    _ => {}
                }
            }
            assert_eq!(loaded, 2000);
        })
    });
    group.finish();
}

criterion_group!(benches, library);
criterion_main!(benches);
