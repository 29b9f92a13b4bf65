//! Aligning large analyses. Targets: two analyses of 1,000 points each in
//! under 50 ms; ten participants of 200 points each into the matrix in
//! under 200 ms; four times the points in under 4.5 times the time.

use carepath::compare::{align, matrix};
use carepath::model::{Analysis, Participant, ParticipantKind, Pathway, Point, Weight};
use carepath::store::library::generate::sentence;
use criterion::{Criterion, criterion_group, criterion_main};

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
