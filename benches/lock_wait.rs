//! How long a key takes to reach the screen while this session's save
//! waits on a lock another process holds. Target: under 50 ms.
//!
//! A real carepath runs in a pseudo-terminal on a library; another process
//! (`flock`) holds the pathway's save lock; the session makes an edit and
//! presses Ctrl-s, so its save waits. Then the sections are switched forty
//! times, each timed from the key to the moment the screen shows the
//! section. Before saves ran on a worker, nothing was drawn until the lock
//! was released.

#[path = "../tests/it/common.rs"]
mod common;

use std::time::{Duration, Instant};

use common::Session;

const RUNS: usize = 40;

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
    let locks = lib.path().join(".carepath/locks");
    std::fs::create_dir_all(&locks).unwrap();
    let lock = locks.join("discharge-to-care-home.yaml.lock");
    std::fs::write(&lock, "").unwrap();
    let mut holder = std::process::Command::new("flock")
        .arg("-o")
        .arg(&lock)
        .args(["sleep", "120"])
        .spawn()
        .expect("flock from util-linux");
    std::thread::sleep(Duration::from_millis(200));

    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        120,
        40,
    );
    s.wait_for("Discharge from hospita");
    s.send("\r");
    s.send("i");
    s.wait_for("Edit the pathway");
    s.key("\r");
    s.key("\x15");
    s.send("Discharge to care homes");
    s.key("\r");
    s.key("\x1b");
    s.wait_for("● unsaved");
    s.send("\x13");
    s.wait_for("Saving");

    let mut times = Vec::with_capacity(RUNS);
    for n in 0..RUNS {
        let (key, shows) = if n % 2 == 0 {
            ("2", "Steps (8)")
        } else {
            ("1", "The problem")
        };
        let sent = Instant::now();
        s.send(key);
        s.wait_for(shows);
        times.push(sent.elapsed());
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("title: Discharge from hospital to a care home"),
        "the save was still waiting throughout"
    );
    holder.kill().unwrap();
    let _ = holder.wait();
    s.wait_for("Saved");
    s.send("q");
    s.wait_exit();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "lock_wait/key_to_screen_while_save_waits: median {:.1} ms, slowest {:.1} ms ({RUNS} keys)",
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1])
    );
}
