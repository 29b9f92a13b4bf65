//! Local versions of a regional base pathway: two places adapt it, the
//! region revises it (a step added, one reworded, one deleted that a place
//! had changed), and each place takes the revision with `carepath rebase`:
//! its own changes and comments kept, the deleted-but-changed step shown as
//! a conflict, and `based_on` naming the new version.

use std::path::Path;
use std::process::{Command, Output};

use carepath::store::library::localise::digest;
use carepath::store::read::load::load_file;
use carepath::text::yaml::edit::set_value;
use carepath::text::yaml::edit_list::{insert_item, remove_item};

const BIN: &str = env!("CARGO_BIN_EXE_carepath");

fn carepath(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("carepath runs")
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The region's pathway: 20 steps, with comments.
fn base() -> String {
    let mut t = String::from(
        "# The region's discharge pathway, agreed by the ICB.\ncarepath: 1\nid: discharge\ntitle: Discharge to a care home\nparticipants:\n  - id: hospital\n    name: Hospital\n    kind: hospital\n  - id: home\n    name: Care home\n    kind: care-home\nsteps:\n",
    );
    for n in 1..=20 {
        t.push_str(&format!(
            "  # Step {n} as the region wrote it.\n  - id: step-{n}\n    title: Step {n} of the regional pathway\n    owner: hospital\n"
        ));
    }
    t
}

fn edit(file: &Path, f: impl Fn(&str) -> Result<String, String>) {
    let t = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, f(&t).unwrap()).unwrap();
}

#[test]
fn two_places_take_a_revised_base_keeping_their_own_changes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["region", "riverside", "hillside"] {
        std::fs::create_dir_all(d.join(f)).unwrap();
    }
    let region = d.join("region/discharge.yaml");
    std::fs::write(&region, base()).unwrap();

    for (place, file) in [
        ("riverside", "riverside/discharge-riverside.yaml"),
        ("hillside", "hillside/discharge-hillside.yaml"),
    ] {
        let out = carepath(d, &["localise", "region/discharge.yaml", "-o", file]);
        assert_eq!(out.status.code(), Some(0), "{place}: {}", said(&out));
    }
    let riverside = d.join("riverside/discharge-riverside.yaml");
    let hillside = d.join("hillside/discharge-hillside.yaml");
    let taken = load_file(&riverside).unwrap().based_on.unwrap();
    assert_eq!(taken.path, "../region/discharge.yaml");
    assert_eq!(taken.version, digest(&base()));

    // Riverside rewords step 3, adds a step of its own and a comment.
    edit(&riverside, |t| {
        set_value(t, "steps.step-3.title", "Riverside calls the home first")
    });
    edit(&riverside, |t| {
        insert_item(
            t,
            "steps",
            10,
            "id: riverside-pharmacy\ntitle: Riverside pharmacy checks the medicines\n",
        )
    });
    edit(&riverside, |t| {
        Ok(t.replace(
            "  # Step 4 as the region wrote it.\n",
            "  # Step 4 as the region wrote it.\n  # Riverside: we do this on the ward round.\n",
        ))
    });
    // Hillside changes step 7, which the region will delete, and step 12.
    edit(&hillside, |t| {
        set_value(t, "steps.step-7.title", "Hillside's own step 7")
    });
    edit(&hillside, |t| set_value(t, "steps.step-12.owner", "home"));

    let out = carepath(d, &["diff", "--base", "riverside/discharge-riverside.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    let changes = said(&out);
    assert!(
        changes.contains("Riverside calls the home first"),
        "{changes}"
    );
    assert!(
        changes.contains("riverside-pharmacy") || changes.contains("Riverside pharmacy"),
        "{changes}"
    );
    assert!(
        !changes.contains("step-5"),
        "only this place's changes: {changes}"
    );

    // The region revises its pathway.
    edit(&region, |t| {
        insert_item(
            t,
            "steps",
            20,
            "id: step-21\ntitle: Review at 30 days\nowner: home\n",
        )
    });
    edit(&region, |t| {
        set_value(t, "steps.step-5.title", "Step 5, reworded by the region")
    });
    edit(&region, |t| remove_item(t, "steps", 6));
    // The region agrees its revision: its word, not the places'.
    edit(&region, |t| {
        Ok(t.replacen(
            "title: Discharge to a care home\n",
            "title: Discharge to a care home\nstatus: agreed\n",
            1,
        ))
    });
    let revised = std::fs::read_to_string(&region).unwrap();
    assert!(!revised.contains("id: step-7\n"));

    let out = carepath(d, &["check", "riverside", "hillside"]);
    let checked = said(&out);
    assert!(checked.contains("newer version"), "{checked}");

    // Riverside: a clean rebase.
    let out = carepath(d, &["rebase", "riverside/discharge-riverside.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let p = load_file(&riverside).unwrap();
    assert_eq!(p.id, "discharge-riverside");
    assert_eq!(
        p.step("step-3").unwrap().title,
        "Riverside calls the home first"
    );
    assert!(p.step("riverside-pharmacy").is_some());
    assert_eq!(
        p.step("step-5").unwrap().title,
        "Step 5, reworded by the region"
    );
    assert!(p.step("step-21").is_some());
    assert!(p.step("step-7").is_none());
    assert_eq!(p.based_on.as_ref().unwrap().version, digest(&revised));
    assert_eq!(
        p.status,
        carepath::model::Status::Draft,
        "the place's own status"
    );
    let text = std::fs::read_to_string(&riverside).unwrap();
    assert!(text.starts_with("# The region's discharge pathway"));
    assert!(text.contains("  # Riverside: we do this on the ward round.\n"));
    assert!(text.contains("  # Step 12 as the region wrote it.\n"));
    let out = carepath(d, &["check", "riverside"]);
    assert!(!said(&out).contains("newer version"), "{}", said(&out));

    // Hillside: its changed step was deleted by the region: a conflict.
    let out = carepath(d, &["rebase", "hillside/discharge-hillside.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    let text = std::fs::read_to_string(&hillside).unwrap();
    let (conflicts, _) = carepath::merge::record::read(&text).expect("a conflict record");
    assert!(
        conflicts.iter().any(|c| c.path.contains("step-7")),
        "{conflicts:?}"
    );
    let p = load_file(&hillside).unwrap();
    assert_eq!(
        p.step("step-7").unwrap().title,
        "Hillside's own step 7",
        "kept until decided"
    );
    assert_eq!(p.step("step-12").unwrap().owner.as_deref(), Some("home"));
    assert_eq!(
        p.step("step-5").unwrap().title,
        "Step 5, reworded by the region"
    );
    assert!(p.step("step-21").is_some());
    assert_eq!(p.based_on.as_ref().unwrap().version, digest(&revised));
    assert!(text.contains("# The region's discharge pathway"));
}

#[test]
fn a_base_version_that_is_not_a_digest_or_commit_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("local.yaml");
    std::fs::write(
        &f,
        "carepath: 1\nid: local\nbased_on:\n  path: ../region/x.yaml\n  version: latest\ntitle: L\n",
    )
    .unwrap();
    let out = carepath(dir.path(), &["check", "local.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(said(&out).contains("based_on version"), "{}", said(&out));
}

#[test]
fn a_base_can_be_named_through_the_config_rather_than_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["config", "shared/region", "here"] {
        std::fs::create_dir_all(d.join(f)).unwrap();
    }
    std::fs::write(
        d.join("config/config.yaml"),
        format!("bases:\n  region: {}\n", d.join("shared/region").display()),
    )
    .unwrap();
    let region = d.join("shared/region/discharge.yaml");
    std::fs::write(&region, base()).unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .current_dir(d)
            .env("CAREPATH_CONFIG_DIR", d.join("config"))
            .output()
            .unwrap()
    };
    let out = run(&[
        "localise",
        "region:discharge.yaml",
        "-o",
        "here/discharge-here.yaml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let local = d.join("here/discharge-here.yaml");
    assert_eq!(
        load_file(&local).unwrap().based_on.unwrap().path,
        "region:discharge.yaml"
    );
    edit(&region, |t| set_value(t, "steps.step-2.title", "Revised"));
    let out = run(&["rebase", "here/discharge-here.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert_eq!(
        load_file(&local).unwrap().step("step-2").unwrap().title,
        "Revised"
    );
}
