//! `carepath compare` on the example pathways: the JSON contract checked
//! against golden files (UPDATE_GOLDEN=1 rewrites them), and the exits.

use std::path::Path;
use std::process::Command;

use carepath::cli::compare::{alignment_json, matrix_json};
use carepath::compare::{align, default_pair, matrix};
use carepath::store::read::load::load_file;

fn golden(name: &str, actual: &serde_json::Value) {
    let path = Path::new("tests/golden/compare").join(name);
    let text = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert_eq!(text, expected, "{name} differs from its golden file");
}

fn examples() -> Vec<std::path::PathBuf> {
    carepath::store::library::scan_folder(Path::new("pathways")).unwrap()
}

#[test]
fn json_of_the_default_pair_for_every_example() {
    for file in examples() {
        let p = load_file(&file).unwrap();
        let (a, b) = default_pair(&p).unwrap();
        let v = alignment_json(&p, &align(&p, &a, &b).unwrap());
        // The contract of DESIGN.md §3.
        for key in ["pathway", "a", "b", "agreement", "sections"] {
            assert!(v.get(key).is_some(), "{key} missing");
        }
        for section in ["causes", "goals", "values"] {
            for row in v["sections"][section].as_array().unwrap() {
                let status = row["status"].as_str().unwrap();
                assert!(["agree", "differ", "only_a", "only_b"].contains(&status));
                if status == "agree" || status == "differ" {
                    assert!(["id", "suggested"].contains(&row["match"].as_str().unwrap()));
                    assert!(row["a"].is_object() && row["b"].is_object());
                }
            }
        }
        golden(&format!("{}.pair.json", p.id), &v);
    }
}

#[test]
fn json_of_every_participant_for_every_example() {
    for file in examples() {
        let p = load_file(&file).unwrap();
        let v = matrix_json(&p, &matrix(&p));
        assert_eq!(
            v["participants"].as_array().unwrap().len(),
            p.participants.len()
        );
        golden(&format!("{}.matrix.json", p.id), &v);
    }
}

#[test]
fn the_discharge_pathway_shows_the_disagreement_it_was_written_for() {
    let p = load_file(Path::new("pathways/discharge-to-care-home.yaml")).unwrap();
    let al = align(&p, "hospital", "oakview").unwrap();
    let meds = al
        .rows()
        .find(|r| {
            r.a.as_ref()
                .is_some_and(|x| x.id.as_deref() == Some("meds-late"))
        })
        .unwrap();
    assert_eq!(meds.differences, vec!["text", "weight", "evidence"]);
    let goal = al
        .rows()
        .find(|r| {
            r.a.as_ref()
                .is_some_and(|x| x.id.as_deref() == Some("meds-travel"))
        })
        .unwrap();
    assert_eq!(
        goal.status,
        carepath::compare::RowStatus::Agree,
        "a full stop does not make a difference"
    );
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("compare")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn an_unknown_participant_exits_2_listing_the_valid_ids() {
    let (code, _, err) = run(&[
        "pathways/discharge-to-care-home.yaml",
        "--between",
        "hospital",
        "nobody",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("\"nobody\" is not a participant of this pathway; participants: hospital, oakview, riverside-gp, council-asc"), "{err}");
}

#[test]
fn text_is_plain_when_piped_and_says_who_has_no_analysis() {
    let (code, out, _) = run(&[
        "pathways/discharge-to-care-home.yaml",
        "--between",
        "hospital",
        "council-asc",
    ]);
    assert_eq!(code, 0);
    assert!(!out.contains('\x1b'), "no colour into a pipe");
    assert!(out.contains("council-asc has not written an analysis yet; it counts as empty"));
    assert!(out.contains("Overall: 0 agree"));
}

#[test]
fn json_from_the_command_line_parses() {
    let (code, out, _) = run(&[
        "pathways/discharge-to-care-home.yaml",
        "--between",
        "hospital",
        "oakview",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["a"], "hospital");
    assert!(v["agreement"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_broken_file_exits_2() {
    let (code, _, err) = run(&["tests/fixtures/library/broken.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("did not load"));
}
