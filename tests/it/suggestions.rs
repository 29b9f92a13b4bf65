//! How well carepath suggests which points of two analyses are one, on
//! pairs that share few words (`tests/fixtures/suggestions/pairs.yaml`):
//! precision and recall, printed, with floors the vocabulary must keep.
//! Run with `cargo test --test suggestions -- --nocapture` to see them.

use carepath::compare::{Match, Synonyms, align_in};
use carepath::model::{Analysis, Participant, ParticipantKind, Pathway, Point};

#[derive(serde::Deserialize)]
struct Pairs {
    must: Vec<[String; 2]>,
    must_not: Vec<[String; 2]>,
}

fn pairs() -> Pairs {
    let text = std::fs::read_to_string("tests/fixtures/suggestions/pairs.yaml").unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// Whether carepath suggests `a` and `b` as one point when each is the
/// only cause in its side's analysis.
fn suggested(a: &str, b: &str, synonyms: &Synonyms) -> bool {
    let mut p: Pathway = serde_yaml::from_str("carepath: 1\nid: t\ntitle: T\n").unwrap();
    for (id, kind, text) in [
        ("hospital", ParticipantKind::Hospital, a),
        ("home", ParticipantKind::CareHome, b),
    ] {
        p.participants.push(Participant {
            id: id.into(),
            name: id.into(),
            kind,
        });
        let point = Point {
            id: None,
            text: text.into(),
            weight: None,
            evidence: None,
        };
        p.analyses.insert(
            id.into(),
            Analysis {
                causes: vec![point],
                ..Analysis::default()
            },
        );
    }
    let al = align_in(&p, "hospital", "home", &Default::default(), synonyms).unwrap();
    al.rows().any(|r| r.matched == Some(Match::Suggested))
}

struct Quality {
    precision: f64,
    recall: f64,
    missed: Vec<String>,
    wrong: Vec<String>,
}

fn measure(synonyms: &Synonyms) -> Quality {
    let pairs = pairs();
    let mut missed = Vec::new();
    let mut wrong = Vec::new();
    for [a, b] in &pairs.must {
        if !suggested(a, b, synonyms) {
            missed.push(format!("{a} / {b}"));
        }
    }
    for [a, b] in &pairs.must_not {
        if suggested(a, b, synonyms) {
            wrong.push(format!("{a} / {b}"));
        }
    }
    let found = pairs.must.len() - missed.len();
    let proposed = found + wrong.len();
    Quality {
        precision: if proposed == 0 {
            1.0
        } else {
            found as f64 / proposed as f64
        },
        recall: found as f64 / pairs.must.len() as f64,
        missed,
        wrong,
    }
}

#[test]
fn the_vocabulary_finds_pairs_that_share_few_words() {
    let pairs = pairs();
    assert!(pairs.must.len() >= 20 && pairs.must_not.len() >= 10);
    let bare = measure(&Synonyms::default());
    let with = measure(Synonyms::builtin());
    println!(
        "suggestions on {} pairs that must and {} that must not be suggested:",
        pairs.must.len(),
        pairs.must_not.len()
    );
    println!(
        "  words alone (stemmed):   precision {:.2}, recall {:.2}",
        bare.precision, bare.recall
    );
    println!(
        "  with the vocabulary:     precision {:.2}, recall {:.2}",
        with.precision, with.recall
    );
    for m in &with.missed {
        println!("  missed: {m}");
    }
    for w in &with.wrong {
        println!("  wrongly suggested: {w}");
    }
    assert!(with.recall >= 0.75, "recall {:.2}", with.recall);
    assert!(with.precision >= 0.8, "precision {:.2}", with.precision);
    assert!(
        with.recall > bare.recall + 0.3,
        "the vocabulary makes the difference"
    );
}

#[test]
fn a_librarys_own_words_are_used() {
    let (a, b) = (
        "The red bag is left on the ward",
        "The hospital transfer pack gets lost on the ward",
    );
    assert!(!suggested(a, b, Synonyms::builtin()));
    let ours = Synonyms::with_library(&[(
        "red-bag".into(),
        vec!["red bag".into(), "hospital transfer pack".into()],
    )]);
    assert!(suggested(a, b, &ours));
}

#[test]
fn compare_reads_the_librarys_vocabulary_beside_the_pathways() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.yaml");
    std::fs::write(
        &file,
        "carepath: 1\nid: p\ntitle: P\nparticipants:\n  - id: hospital\n    name: H\n    kind: hospital\n  - id: home\n    name: C\n    kind: care-home\nanalyses:\n  hospital:\n    causes:\n      - text: The red bag is left on the ward\n  home:\n    causes:\n      - text: The hospital transfer pack gets lost on the ward\n",
    )
    .unwrap();
    let compare = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
            .args(["compare", file.to_str().unwrap(), "--format", "json"])
            .args(["--between", "hospital", "home"])
            .env("CAREPATH_CONFIG_DIR", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["sections"]["causes"][0]["match"].clone()
    };
    assert_eq!(
        compare(),
        serde_json::Value::Null,
        "not without the library's words"
    );
    std::fs::write(
        dir.path().join("vocabulary.yaml"),
        "red-bag: [red bag, hospital transfer pack]\n",
    )
    .unwrap();
    assert_eq!(compare(), "suggested");
}
