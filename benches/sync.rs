//! Libraries across places. Targets: `carepath sync` with nothing to do
//! on a 500-pathway library under 300 ms (the whole command: commit check,
//! fetch from a bare repository in a folder, nothing to merge or push);
//! a rebase of a 200-step local version onto a revised base under 100 ms
//! (each side has changed ten steps; merged in place, keeping layout).

use std::path::Path;
use std::process::Command;

use carepath::text::yaml::edit::set_value;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const BIN: &str = env!("CARGO_BIN_EXE_carepath");

fn run(args: &[&str], dir: &Path) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn sync_nothing_to_do(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lib = d.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    carepath::store::library::generate::write_library(&lib, 500).unwrap();
    let bare = d.join("shared.git");
    std::fs::create_dir_all(&bare).unwrap();
    let out = Command::new("git")
        .args(["init", "-q", "--bare", "-b", "main"])
        .current_dir(&bare)
        .output()
        .unwrap();
    assert!(out.status.success());
    run(
        &["init", "--git", "lib", "--remote", bare.to_str().unwrap()],
        d,
    );
    run(&["sync", "lib"], d);
    let mut group = c.benchmark_group("sync");
    group.sample_size(20);
    group.bench_function("nothing_to_do_500_pathways", |b| {
        b.iter(|| run(&["sync", "lib"], d))
    });
    group.finish();
}

/// A base of `n` steps, with a comment above each.
fn base(n: usize) -> String {
    let mut t = String::from(
        "# The region's pathway.\ncarepath: 1\nid: region\ntitle: Regional pathway\nparticipants:\n  - id: hospital\n    name: Hospital\n    kind: hospital\nsteps:\n",
    );
    for i in 0..n {
        t.push_str(&format!(
            "  # Step {i}.\n  - id: s{i}\n    title: Step {i} of the pathway\n    owner: hospital\n    detail: What happens at step {i}, and who does it.\n"
        ));
    }
    t
}

fn rebase_200_steps(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("region")).unwrap();
    std::fs::create_dir_all(d.join("here")).unwrap();
    let region = d.join("region/region.yaml");
    std::fs::write(&region, base(200)).unwrap();
    run(
        &["localise", "region/region.yaml", "-o", "here/local.yaml"],
        d,
    );
    let local = d.join("here/local.yaml");
    let mut text = std::fs::read_to_string(&local).unwrap();
    for i in 0..10 {
        text = set_value(&text, &format!("steps.s{}.title", i * 20), "Changed here").unwrap();
    }
    std::fs::write(&local, &text).unwrap();
    let mut revised = base(200);
    for i in 0..10 {
        revised = set_value(
            &revised,
            &format!("steps.s{}.detail", i * 20 + 7),
            "Revised",
        )
        .unwrap();
    }
    std::fs::write(&region, &revised).unwrap();

    let mut group = c.benchmark_group("rebase");
    group.sample_size(20);
    group.bench_function("200_steps_in_process", |b| {
        b.iter_batched(
            || std::fs::write(&local, &text).unwrap(),
            |()| {
                let r = carepath::cli::localise::rebase_file(&local).unwrap();
                assert!(matches!(
                    r,
                    carepath::cli::localise::Rebased::Merged { ref conflicts, .. } if conflicts.is_empty()
                ));
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("200_steps_command", |b| {
        b.iter_batched(
            || std::fs::write(&local, &text).unwrap(),
            |()| run(&["rebase", "here/local.yaml"], d),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, sync_nothing_to_do, rebase_200_steps);
criterion_main!(benches);
