//! Two versions of a generated 10,000-step pathway (about 2 MB) with 100
//! scattered changes. Targets: `carepath diff` (reading both files and
//! comparing) under 100 ms; a three-way merge under 200 ms. Also the merge
//! written into OURS' text, as `carepath merge` does.

use carepath::diff::diff;
use carepath::model::{Participant, ParticipantKind, Pathway, Step, StepKind};
use carepath::store::read::load::load_str;
use criterion::{Criterion, criterion_group, criterion_main};

fn big(steps: usize) -> Pathway {
    let mut p: Pathway =
        serde_yaml::from_str("carepath: 1\nid: big\ntitle: A very long pathway\n").unwrap();
    for (id, kind) in [
        ("hospital", ParticipantKind::Hospital),
        ("home", ParticipantKind::CareHome),
        ("gp", ParticipantKind::Gp),
    ] {
        p.participants.push(Participant {
            id: id.into(),
            name: format!("The {id}"),
            kind,
        });
    }
    for n in 0..steps {
        p.steps.push(Step {
            id: format!("s{n}"),
            title: format!("Step {n}: check the medicines"),
            kind: StepKind::Action,
            owner: Some(["hospital", "home", "gp"][n % 3].into()),
            detail: Some(format!("Agreed with the home, step {n}.\n")),
            red_flags: vec![
                "New confusion".into(),
                format!("Falls in the last {n} days"),
            ],
            next: if n + 1 < steps {
                vec![format!("s{}", n + 1)]
            } else {
                Vec::new()
            },
            branches: Vec::new(),
        });
    }
    p
}

fn changed(p: &Pathway, half: usize) -> Pathway {
    let mut q = p.clone();
    let n = q.steps.len();
    for k in (0..100).filter(|k| half == 2 || k % 2 == half) {
        let i = (k * 97) % n;
        match k % 4 {
            0 => q.steps[i].title.push_str(" (revised)"),
            1 => {
                let other = if q.steps[i].owner.as_deref() == Some("gp") {
                    "hospital"
                } else {
                    "gp"
                };
                q.steps[i].owner = Some(other.into());
            }
            2 => q.steps[i].red_flags.push("Pressure damage".into()),
            _ => q.steps[i].detail = Some("Rewritten after the workshop.\n".into()),
        }
    }
    q
}

fn bench(c: &mut Criterion) {
    let old = big(10_000);
    let new = changed(&old, 2);
    let (old_text, new_text) = (
        serde_yaml::to_string(&old).unwrap(),
        serde_yaml::to_string(&new).unwrap(),
    );
    eprintln!(
        "each version: {:.2} MB",
        old_text.len() as f64 / 1024.0 / 1024.0
    );
    assert_eq!(diff(&old, &new).len(), 100);
    let mut group = c.benchmark_group("diff_10000_steps");
    group.sample_size(10);
    // As `carepath diff` does it: both versions read at once, then compared.
    group.bench_function("read_both_and_diff", |b| {
        b.iter(|| {
            let (a, b) = std::thread::scope(|s| {
                let a = s.spawn(|| load_str("old version", &old_text).unwrap());
                let b = load_str("new version", &new_text).unwrap();
                (a.join().unwrap(), b)
            });
            assert_eq!(diff(&a, &b).len(), 100);
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let (old_file, new_file) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old_file, &old_text).unwrap();
    std::fs::write(&new_file, &new_text).unwrap();
    let bin = env!("CARGO_BIN_EXE_carepath");
    group.bench_function("carepath_diff_command", |b| {
        b.iter(|| {
            let out = std::process::Command::new(bin)
                .arg("diff")
                .arg(&old_file)
                .arg(&new_file)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1));
        })
    });
    // The same pair through difftastic, a structural diff of syntax trees,
    // when it is installed (benches/diff-vs-difftastic.sh installs it).
    if std::process::Command::new("difft")
        .arg("--version")
        .output()
        .is_ok()
    {
        group.bench_function("difftastic_same_files", |b| {
            b.iter(|| {
                let out = std::process::Command::new("difft")
                    .args(["--display", "inline", "--color", "never"])
                    .arg(&old_file)
                    .arg(&new_file)
                    .output()
                    .unwrap();
                assert!(out.status.success());
            })
        });
    }
    group.bench_function("diff_only", |b| b.iter(|| diff(&old, &new)));
    // Three-way: each side makes 50 of the changes, on different steps.
    let ours = changed(&old, 0);
    let theirs = changed(&old, 1);
    group.bench_function("merge_three_versions", |b| {
        b.iter(|| {
            let r = carepath::merge::merge(&old, &ours, &theirs).unwrap();
            assert!(r.conflicts.is_empty());
        })
    });
    // As `carepath merge` writes it: the result made in OURS' own text,
    // change by change, so OURS' layout stays.
    let ours_text = serde_yaml::to_string(&ours).unwrap();
    let merged = carepath::merge::merge(&old, &ours, &theirs).unwrap().merged;
    group.bench_function("merge_written_into_ours", |b| {
        b.iter(|| carepath::merge::write::into_ours(&ours_text, &ours, &merged).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
