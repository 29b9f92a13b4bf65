//! How long a save by one session takes to appear on another's screen.
//! Target: under 1 s (median of 20), aiming for under 250 ms.
//!
//! A real carepath runs in a pseudo-terminal on a library; this program
//! saves a new step title twenty times, as another session would (under
//! the lock, with its history entry), and times each from the end of the
//! save to the moment the title is on the other's screen.

#[path = "../tests/it/common.rs"]
mod common;

use std::time::{Duration, Instant};

use common::Session;

const RUNS: usize = 20;

fn main() {
    // `cargo test --benches` runs each bench once as a smoke test; the
    // pseudo-terminals are only worth it under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let lib = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let file = lib.path().join("discharge-to-care-home.yaml");
    std::fs::copy("pathways/discharge-to-care-home.yaml", &file).unwrap();
    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        120,
        40,
    );
    s.wait_for("Discharge from hospita");
    s.send("\r");
    s.send("2");
    s.wait_for("Steps (8)");

    let mut times = Vec::with_capacity(RUNS);
    for n in 0..RUNS {
        let title = format!("Plan discharge, version {n}");
        carepath::cli::set::set(&file, "steps.plan-early.title", &title).unwrap();
        let saved = Instant::now();
        s.wait_for(&title);
        times.push(saved.elapsed());
        // Apart, as people's saves are.
        std::thread::sleep(Duration::from_millis(100));
    }
    s.send("q");
    s.wait_exit();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "live/save_seen_by_another_session: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms ({RUNS} saves)",
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS - 1])
    );
}
