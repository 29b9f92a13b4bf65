//! Aligning large analyses. Targets: two analyses of 1,000 points each in
//! under 50 ms; ten participants of 200 points each into the matrix in
//! under 200 ms; four times the points in under 4.5 times the time.

use carepath::compare::{align, matrix};
use carepath::model::{Analysis, Participant, ParticipantKind, Pathway, Point, Weight};
use criterion::{Criterion, criterion_group, criterion_main};

const WORDS: &[&str] = &[
    "discharge",
    "medicines",
    "handover",
    "friday",
    "late",
    "transport",
    "nurse",
    "ward",
    "care",
    "home",
    "family",
    "capacity",
    "falls",
    "pressure",
    "referral",
    "letter",
    "pharmacy",
    "review",
    "bed",
    "crisis",
    "assessment",
    "therapy",
    "staffing",
    "training",
    "equipment",
    "weekend",
    "night",
    "phone",
    "record",
    "consent",
    "risk",
    "plan",
    "delay",
    "waiting",
    "ambulance",
    "police",
    "mood",
    "anxiety",
    "inhaler",
    "rehab",
    "carer",
    "respite",
    "funding",
    "continuity",
    "trust",
    "language",
    "housing",
    "transport",
];

/// A deterministic sentence of five to nine words for point `n` of side `side`.
fn sentence(side: usize, n: usize) -> String {
    let mut x = (n as u64)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(side as u64 * 1442695040888963407 + 1);
    let len = 5 + (x % 5) as usize;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[(x >> 33) as usize % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn analysis(side: usize, points: usize) -> Analysis {
    let weights = [Weight::High, Weight::Medium, Weight::Low];
    let causes = (0..points)
        .map(|n| Point {
            id: (n % 3 == 0).then(|| format!("p{n}")),
            text: sentence(side, n),
            weight: Some(weights[(n + side) % 3]),
            evidence: None,
        })
        .collect();
    Analysis {
        causes,
        ..Analysis::default()
    }
}

fn pathway(sides: usize, points: usize) -> Pathway {
    let mut p: Pathway = serde_yaml::from_str("carepath: 1\nid: big\ntitle: Big\n").unwrap();
    for side in 0..sides {
        let id = format!("org{side}");
        p.participants.push(Participant {
            id: id.clone(),
            name: id.clone(),
            kind: ParticipantKind::Other,
        });
        p.analyses.insert(id, analysis(side, points));
    }
    p
}

fn compare(c: &mut Criterion) {
    let two = pathway(2, 1000);
    c.bench_function("align_two_analyses_of_1000_points", |b| {
        b.iter(|| align(&two, "org0", "org1").unwrap())
    });
    let two_large = pathway(2, 4000);
    c.bench_function("align_two_analyses_of_4000_points", |b| {
        b.iter(|| align(&two_large, "org0", "org1").unwrap())
    });
    c.bench_function("matrix_of_two_participants_of_1000_points", |b| {
        b.iter(|| matrix(&two))
    });
    c.bench_function("matrix_of_two_participants_of_4000_points", |b| {
        b.iter(|| matrix(&two_large))
    });
    let ten = pathway(10, 200);
    c.bench_function("matrix_of_ten_participants_of_200_points", |b| {
        b.iter(|| matrix(&ten))
    });
}

criterion_group!(benches, compare);
criterion_main!(benches);
