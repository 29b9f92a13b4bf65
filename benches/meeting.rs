//! The partners' meeting at scale. Targets: the agenda of a pathway with
//! 1,000 analysis points, 200 questions and 500 actions in under 20 ms;
//! `carepath actions` over a library of 2,000 pathways in under 1 s.

use std::process::Command;

use carepath::meeting::{AgendaInput, agenda, agenda_of};
use carepath::model::Pathway;
use carepath::store::library::generate::write_library;
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

/// Four participants with 250 points each (every third shared by id, at
/// different weights), 200 questions, 500 actions, 100 decisions and two
/// measures with five years of monthly values.
fn big_meeting() -> String {
    let sides = ["ae", "crisis", "amhp", "police"];
    let mut y = String::from("carepath: 1\nid: big\ntitle: Big\nparticipants:\n");
    for s in sides {
        y.push_str(&format!("  - id: {s}\n    name: {s}\n    kind: other\n"));
    }
    y.push_str("  - id: silent\n    name: Silent\n    kind: patients\nanalyses:\n");
    let weights = ["high", "medium", "low"];
    for (k, s) in sides.iter().enumerate() {
        y.push_str(&format!("  {s}:\n    causes:\n"));
        for n in 0..250 {
            if n % 3 == 0 {
                y.push_str(&format!(
                    "      - id: shared-{n}\n        text: Shared cause {n} about beds and waits\n        weight: {}\n",
                    weights[(n + k) % 3]
                ));
            } else {
                y.push_str(&format!(
                    "      - text: {s} sees problem {n} with handover number {n} on ward {k}\n        weight: {}\n",
                    weights[n % 3]
                ));
            }
        }
    }
    y.push_str("measures:\n");
    for m in 0..2 {
        y.push_str(&format!(
            "  - text: Measure {m}\n    target: below 4\n    values:\n"
        ));
        for i in 0..60 {
            let date = NaiveDate::from_ymd_opt(2022 + i / 12, (i % 12) as u32 + 1, 1).unwrap();
            let v = if i < 30 { 5.0 } else { 3.0 } + ((i * 7) % 5) as f64 / 10.0;
            y.push_str(&format!("      - {{date: {date}, value: {v}}}\n"));
        }
    }
    y.push_str("decisions:\n");
    for d in 0..100 {
        y.push_str(&format!(
            "  - id: d{d}\n    date: 2026-01-01\n    agreed: Decision {d}\n    present: [ae, police]\n    points: [shared-{}]\n",
            d * 3
        ));
    }
    y.push_str("questions:\n");
    for q in 0..200 {
        y.push_str(&format!(
            "  - id: q{q}\n    by: ae\n    date: 2026-0{}-01\n    text: Question {q}?\n",
            q % 9 + 1
        ));
        if q % 2 == 0 {
            y.push_str("    closed: {by: ae, date: 2026-10-01}\n");
        }
    }
    y.push_str("actions:\n");
    for a in 0..500 {
        y.push_str(&format!(
            "  - id: a{a}\n    what: Action {a}\n    owner: {}\n    due: 2026-{:02}-{:02}\n    serves: d{}\n",
            sides[a % 4],
            a % 12 + 1,
            a % 28 + 1,
            a % 100
        ));
    }
    y
}

fn meeting(c: &mut Criterion) {
    let p: Pathway = carepath::store::read::load::load_str("big.yaml", &big_meeting()).unwrap();
    let points: usize = p
        .analyses
        .values()
        .map(|a| a.causes.len() + a.goals.len() + a.values.len())
        .sum();
    assert_eq!(
        (points, p.questions.len(), p.actions.len()),
        (1000, 200, 500)
    );
    let input = AgendaInput::on(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    let made = agenda_of(&p, &input);
    assert!(made.open_disagreements() > 100);
    // The app has the comparison already (it draws it); the agenda reuses
    // it. Both are measured: the agenda alone, and with the comparison made.
    let matrix = carepath::compare::matrix(&p);
    c.bench_function("agenda_1000_points_200_questions_500_actions", |b| {
        b.iter(|| agenda(&p, &matrix, &input))
    });
    c.bench_function("agenda_with_its_comparison_made", |b| {
        b.iter(|| agenda_of(&p, &input))
    });
    // What the app does on every frame and key: the comparison is kept
    // for the pathway's version and made again only after an edit.
    let kept = carepath::tui::meeting::Compared::default();
    let vocabulary = (
        &carepath::compare::Rejections::default(),
        carepath::compare::Synonyms::builtin(),
    );
    c.bench_function("agenda_with_its_comparison_kept", |b| {
        b.iter(|| agenda(&p, &kept.of(&p, 1, vocabulary), &input))
    });

    let dir = tempfile::tempdir().unwrap();
    write_library(dir.path(), 2000).unwrap();
    let run = || {
        let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
            .args(["actions", "--format", "json"])
            .arg(dir.path())
            .env("CAREPATH_TODAY", "2026-11-30")
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout.len()
    };
    assert!(run() > 100_000, "the library's pathways have actions");
    let mut group = c.benchmark_group("library_2000");
    group.sample_size(10);
    group.bench_function("carepath_actions_json", |b| b.iter(run));
    group.finish();
}

criterion_group!(benches, meeting);
criterion_main!(benches);
