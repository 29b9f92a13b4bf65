//! Syncing from the app: the library header says how far the library is
//! ahead of and behind the shared repository, `Y` asks for a sync (run off
//! the UI thread), and what it did is said when it ends.

use std::path::PathBuf;

use super::harness::{app_of, is_open, message, pathway_open, press, screen_at, screen_of};
use carepath::store::git::sync::{Report, Standing, Undecided};
use carepath::store::library::source::Source;
use carepath::tui::app::App;
use carepath::tui::message::{Effect, Message};
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The header's git standing is read on a wide, short terminal.
fn screen(app: &mut App) -> String {
    screen_at(app, (120, 24))
}

fn press_y(app: &mut App) -> Option<Effect> {
    press(app, KeyCode::Char('Y'))
        .into_iter()
        .find(|e| matches!(e, Effect::Sync(_)))
}

/// The app on a copy of the fixture library, which its presence is
/// written beside (the guard keeps the copy while the test runs).
fn app() -> (tempfile::TempDir, App) {
    let lib = super::common::fixture_library();
    let mut app = app_of(
        "fixtures",
        Theme::monochrome(),
        &Source::Folder(lib.path().to_path_buf()),
    );
    app.team.library = Some(lib.path().to_path_buf());
    (lib, app)
}

#[test]
fn the_header_shows_the_standing_and_y_syncs_off_the_ui_thread() {
    let (lib, mut app) = app();
    update(
        &mut app,
        Message::GitStanding(Standing {
            ahead: 2,
            behind: 1,
            shared: true,
        }),
    );
    assert!(
        screen(&mut app).contains("git: ↑2 to send ↓1 to take"),
        "{}",
        screen(&mut app)
    );

    let effect = press_y(&mut app);
    assert_eq!(effect, Some(Effect::Sync(lib.path().to_path_buf())));
    assert!(screen(&mut app).contains("syncing…"));
    assert_eq!(press_y(&mut app), None, "one sync at a time");

    update(
        &mut app,
        Message::Synced(
            Ok(Report {
                done: vec!["took 1 change from origin".into()],
                undecided: vec![Undecided {
                    file: PathBuf::from("x/discharge.yaml"),
                    conflicts: Vec::new(),
                }],
            }),
            Some(Standing {
                ahead: 3,
                behind: 0,
                shared: true,
            }),
        ),
    );
    let shown = screen(&mut app);
    assert!(shown.contains("git: ↑3 to send ↓0 to take"), "{shown}");
    let said = message(&app);
    assert!(
        said.contains("Nothing was sent")
            && said.contains("discharge.yaml")
            && said.contains("press M"),
        "{said}"
    );
}

#[test]
fn a_library_not_in_git_says_how_to_set_it_up() {
    let (_lib, mut app) = app();
    assert_eq!(press_y(&mut app), None);
    let said = message(&app);
    assert!(said.contains("carepath init --git"), "{said}");
    assert!(!screen(&mut app).contains("to send"));
}

/// A region's discharge pathway in `region/`, and this place's local
/// version of it in `here/`, where the handover call's owner is changed:
/// the folder, the base file and the local file.
fn local_version() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("region")).unwrap();
    std::fs::create_dir_all(d.join("here")).unwrap();
    let base = d.join("region/discharge-to-care-home.yaml");
    std::fs::copy("pathways/discharge-to-care-home.yaml", &base).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args([
            "localise",
            "region/discharge-to-care-home.yaml",
            "-o",
            "here/discharge-here.yaml",
        ])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(out.status.success());
    let file = d.join("here/discharge-here.yaml");
    let t = std::fs::read_to_string(&file).unwrap();
    let t =
        carepath::text::yaml::edit::set_value(&t, "steps.handover-call.owner", "oakview").unwrap();
    std::fs::write(&file, t).unwrap();
    (dir, base, file)
}

#[test]
fn a_local_version_shows_what_this_place_changed_from_its_base() {
    let (dir, _base, _file) = local_version();
    let d = dir.path();

    let mut app = app_of("here", Theme::monochrome(), &Source::Folder(d.join("here")));
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let shown = screen(&mut app);
    assert!(
        shown.contains("1 local change (B) · base discharge-to-care"),
        "{shown}"
    );
    // The section this place changed is marked; the others are not.
    assert!(shown.contains("2 Steps ~"), "{shown}");
    assert!(!shown.contains("Overview ~"), "{shown}");
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE)),
    );
    let steps = screen(&mut app);
    let call = steps
        .lines()
        .find(|l| l.contains("handover call"))
        .unwrap_or_default();
    assert!(call.contains("~"), "{steps}");
    let plan = steps
        .lines()
        .find(|l| l.contains("Plan discharge"))
        .unwrap_or_default();
    assert!(!plan.contains("~"), "{steps}");
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('B'), KeyModifiers::NONE)),
    );
    let diff = screen_of::<carepath::tui::app::DiffView>(&app);
    assert_eq!(diff.changes.len(), 1);
    assert_eq!(diff.changes[0].path, "steps[handover-call].owner");
}

/// The base is revised: the header says so, and R takes the new version
/// into the local one on the worker, keeping this place's change.
#[test]
fn r_takes_the_bases_new_version_keeping_the_local_change() {
    let (dir, base, file) = local_version();
    let d = dir.path();
    // The region revises its pathway afterwards.
    let b = std::fs::read_to_string(&base).unwrap();
    let b =
        carepath::text::yaml::edit::set_value(&b, "steps.plan-early.title", "Plan from day one")
            .unwrap();
    std::fs::write(&base, b).unwrap();

    let mut app = app_of("here", Theme::monochrome(), &Source::Folder(d.join("here")));
    let key = |app: &mut App, c: KeyCode| {
        update(app, Message::Key(KeyEvent::new(c, KeyModifiers::NONE)));
    };
    key(&mut app, KeyCode::Enter);
    assert!(
        screen(&mut app).contains("base revised"),
        "{}",
        screen(&mut app)
    );
    key(&mut app, KeyCode::Char('R'));
    assert_eq!(
        message(&app),
        "Took the base's new version; every local change is kept.",
    );
    let now = carepath::store::read::load::load_file(&file).unwrap();
    let step = |id: &str| now.steps.iter().find(|s| s.id == id).unwrap();
    assert_eq!(step("plan-early").title, "Plan from day one");
    assert_eq!(step("handover-call").owner.as_deref(), Some("oakview"));
    assert!(
        !screen(&mut app).contains("base revised"),
        "{}",
        screen(&mut app)
    );
}

/// A sync that leaves a pathway to decide opens it on its conflicts, and
/// says that nothing was sent.
#[test]
fn a_sync_that_leaves_conflicts_opens_the_conflict_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("discharge-to-care-home.yaml");
    let text = std::fs::read_to_string("pathways/discharge-to-care-home.yaml").unwrap();
    let conflict = carepath::merge::Conflict {
        path: "title".into(),
        base: Some("Discharge from hospital to a care home".into()),
        ours: Some("Discharge from hospital to a care home".into()),
        theirs: Some("Discharge to care homes".into()),
    };
    let record = carepath::merge::record::block(
        std::slice::from_ref(&conflict),
        ("this copy", "the shared library"),
    );
    std::fs::write(&file, record + &text).unwrap();
    let mut app = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
    let report = carepath::store::git::sync::Report {
        done: Vec::new(),
        undecided: vec![carepath::store::git::sync::Undecided {
            file: file.clone(),
            conflicts: vec![conflict],
        }],
    };
    update(&mut app, Message::Synced(Ok(report), None));
    assert!(pathway_open(&app), "the pathway is open");
    assert!(
        is_open::<carepath::tui::screen::conflicts::Conflicts>(&app),
        "on its conflict screen"
    );
    assert!(
        message(&app).starts_with("Nothing was sent"),
        "{}",
        message(&app)
    );
    assert!(
        screen(&mut app).contains("Discharge to care homes"),
        "{}",
        screen(&mut app)
    );
}
