//! Saving a one-value change to a 1 MB pathway file. Targets: under 20 ms,
//! and under 30 ms for a save with the lock, including the check that
//! nobody saved meanwhile (and, since sessions share a library, keeping
//! the save in the history). Measured: the splice alone; in the app, the
//! change (written into the text and read back) and then the save keypress
//! (lock, check, write, history); and the whole `carepath set` path (load
//! with full checks, splice, load again, save, history).

use carepath::text::yaml::edit::set_value;
use criterion::{Criterion, criterion_group, criterion_main};

/// The discharge example with its steps repeated until the file is ~1 MB.
fn big_pathway() -> String {
    let base = std::fs::read_to_string("pathways/discharge-to-care-home.yaml").unwrap();
    let (head, rest) = base.split_once("steps:\n").unwrap();
    let (steps, tail) = rest.split_once("monday_morning:").unwrap();
    let mut text = format!("{head}steps:\n");
    let mut n = 0;
    while text.len() < 1024 * 1024 {
        text.push_str(
            &steps
                .replace("id: ", &format!("id: c{n}-"))
                .replace("next: [", &format!("next: [c{n}-"))
                .replace(&format!("next: c{n}-"), "next: "),
        );
        n += 1;
    }
    // Branch targets were renamed with the ids; keep them pointing home.
    let text = fix_branches(&text);
    // What is recorded on a step (a question, say) goes with its first copy.
    let tail = tail.replace("    step: ", "    step: c0-");
    format!("{text}monday_morning:{tail}")
}

fn fix_branches(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prefix = String::new();
    for line in text.lines() {
        if let Some(id) = line.trim_start().strip_prefix("- id: ") {
            prefix = id.split('-').next().unwrap_or("").to_string();
        }
        if let Some(target) = line.strip_prefix("        next: ") {
            out.push_str(&format!("        next: {prefix}-{target}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn save(c: &mut Criterion) {
    let text = big_pathway();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("discharge-to-care-home.yaml");
    std::fs::write(&file, &text).unwrap();
    carepath::store::read::load::load_file(&file)
        .unwrap_or_else(|d| panic!("{:?}", &d[..d.len().min(3)]));
    eprintln!(
        "pathway file: {:.2} MB",
        text.len() as f64 / 1024.0 / 1024.0
    );

    let mut group = c.benchmark_group("save_1mb");
    group.sample_size(20);
    group.bench_function("splice_one_value", |b| {
        b.iter(|| set_value(&text, "analyses.oakview.causes.meds-late.weight", "low").unwrap())
    });
    group.bench_function("typed_read_only", |b| {
        b.iter(|| serde_yaml::from_str::<carepath::model::Pathway>(&text).unwrap())
    });
    group.bench_function("load_str_full_checks", |b| {
        b.iter(|| {
            carepath::store::read::load::load_str("discharge-to-care-home.yaml", &text).unwrap()
        })
    });
    // In the app: the change is made (and written into the text), then
    // Ctrl-s checks the file is unchanged on disk, reads back what it will
    // write, and writes it atomically.
    let mut session = carepath::store::persist::session::Session::open(&file).unwrap();
    let mut high = false;
    group.bench_function("app_change_then_save", |b| {
        b.iter(|| {
            high = !high;
            let value = if high { "high" } else { "low" };
            session
                .change("analyses.oakview.causes.meds-late.weight", value)
                .unwrap();
            session.save().unwrap();
        })
    });
    // Each save a new version, as in real use: the history keeps each one.
    let mut n = 0;
    group.bench_function("app_save_keypress", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                session
                    .change("title", &format!("Discharge, version {n}"))
                    .unwrap();
                let start = std::time::Instant::now();
                session.save().unwrap();
                total += start.elapsed();
            }
            total
        })
    });
    let mut flip = false;
    group.bench_function("carepath_set_whole", |b| {
        b.iter(|| {
            flip = !flip;
            let value = if flip { "low" } else { "high" };
            carepath::cli::set::set(&file, "analyses.oakview.causes.meds-late.weight", value)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, save);
criterion_main!(benches);
