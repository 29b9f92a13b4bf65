//! Saves by several processes at once lose nothing: eight `carepath set`
//! processes each make many saves of distinct values to one pathway, all
//! at the same time; afterwards the file holds every value and the history
//! has an entry for every save. Ten saves each by default; the full
//! hundred each (800 saves, a couple of minutes) is ignored by default and
//! run by `.ci/run`.

use std::fmt::Write;
use std::process::Command;

const PROCESSES: usize = 8;

/// A pathway with a step for every save to come, so each save has its own
/// value to set.
fn pathway(saves: usize) -> String {
    let mut text = String::from(
        "# Kept through every save\ncarepath: 1\nid: workshop\ntitle: Workshop\nsteps:\n",
    );
    for p in 0..PROCESSES {
        for n in 0..saves {
            writeln!(text, "  - id: s-{p}-{n}\n    title: Not yet").unwrap();
        }
    }
    text
}

#[test]
fn eight_processes_saving_ten_times_at_once_lose_no_change() {
    saving_at_once(10);
}

#[test]
#[ignore = "800 saves take a couple of minutes; .ci/run runs it"]
fn eight_processes_saving_a_hundred_times_at_once_lose_no_change() {
    saving_at_once(100);
}

fn saving_at_once(saves: usize) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("workshop.yaml");
    std::fs::write(&file, pathway(saves)).unwrap();
    let bin = env!("CARGO_BIN_EXE_carepath");
    let workers: Vec<_> = (0..PROCESSES)
        .map(|p| {
            let file = file.clone();
            std::thread::spawn(move || {
                for n in 0..saves {
                    let out = Command::new(bin)
                        .args([
                            "set",
                            file.to_str().unwrap(),
                            &format!("steps.s-{p}-{n}.title"),
                            &format!("Saved by process {p}, save {n}"),
                        ])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let saved = carepath::store::read::load::load_file(&file).expect("the file still loads");
    let lost: Vec<&str> = saved
        .steps
        .iter()
        .filter(|s| s.title == "Not yet")
        .map(|s| s.id.as_str())
        .collect();
    assert!(lost.is_empty(), "lost saves: {lost:?}");
    for s in &saved.steps {
        let (p, n) = s.id[2..].split_once('-').unwrap();
        assert_eq!(s.title, format!("Saved by process {p}, save {n}"));
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# Kept through every save"));

    let (history, unreadable) = carepath::store::persist::history::load(&file).unwrap();
    assert_eq!(unreadable, 0);
    assert_eq!(history.len(), PROCESSES * saves, "one entry per save");
    // Each entry follows the one before: saves were one after another.
    for pair in history.windows(2) {
        assert_eq!(pair[0].after, pair[1].before);
    }
    assert!(history.iter().all(|e| e.changes == 1));
}
