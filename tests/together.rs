//! Working together on one library, through `update`: others' saves
//! arriving, presence, sign-off and the history of saves.

use std::path::{Path, PathBuf};

use carepath::store::identity::Identity;
use carepath::store::source::{Source, load_all};
use carepath::tui::app::{App, Versions};
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::update::update;
use carepath::tui::view::view;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FILE: &str = "discharge-to-care-home.yaml";

const PEOPLE: &str = "asmith:\n  name: Dr Anna Smith\n  role: Consultant geriatrician\n  participant: hospital\nbjones:\n  name: Ben Jones\n  participant: oakview\n";

/// A library of the examples, opened by `user`, with the discharge pathway
/// open on its overview.
fn library(user: &str) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    for f in carepath::store::library::scan_folder(std::path::Path::new("pathways")).unwrap() {
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("people.yaml"), PEOPLE).unwrap();
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(dir.path().to_path_buf())).unwrap());
    app.team.library = Some(dir.path().to_path_buf());
    app.team.me = Some(Identity {
        user: user.into(),
        host: "workshop-server".into(),
        pid: 1,
    });
    app.team.people = carepath::store::people::People::load(dir.path()).unwrap();
    // The library is sorted by title; the discharge pathway comes first.
    keys(&mut app, "\n");
    assert_eq!(app.open_pathway().unwrap().0.id, "discharge-to-care-home");
    let file = dir.path().join(FILE);
    (dir, file, app)
}

fn render(app: &App) -> String {
    render_at(app, 100, 30)
}

fn render_at(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        render(app);
    }
}

fn ctrl(app: &mut App, c: char) {
    update(
        app,
        Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

/// Someone else's `carepath set`, and the watcher reporting it.
fn someone_sets(app: &mut App, file: &Path, path: &str, value: &str) {
    carepath::cli::set::set(file, path, value).unwrap();
    let changed = carepath::store::watch::read(file).unwrap();
    update(app, Message::FileChanged(Box::new(changed)));
}

fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

#[test]
fn a_save_by_someone_else_shows_at_once_saying_who_and_what() {
    let (_dir, file, mut app) = library("bjones");
    someone_sets(&mut app, &file, "place", "Riverside North");
    assert_eq!(
        app.open_pathway().unwrap().0.place.as_deref(),
        Some("Riverside North")
    );
    let me = &carepath::store::identity::current().user;
    assert!(
        message(&app).contains(&format!(
            "{me} saved: place: changed to \"Riverside North\""
        )),
        "{}",
        message(&app)
    );
    assert!(render(&app).contains("Riverside North"));
}

#[test]
fn their_save_is_merged_into_unsaved_edits_and_both_are_saved() {
    let (_dir, file, mut app) = library("bjones");
    // Unsaved: the title, here.
    keys(&mut app, "i\n!\n\x1b");
    assert!(render(&app).contains("● unsaved"));
    someone_sets(
        &mut app,
        &file,
        "steps.plan-early.title",
        "Plan from day one",
    );
    let (p, _) = app.open_pathway().unwrap();
    assert_eq!(p.title, "Discharge from hospital to a care home!");
    assert_eq!(p.steps[0].title, "Plan from day one");
    assert!(message(&app).contains("Merged into your unsaved edits"));
    assert!(render(&app).contains("● unsaved"), "still not saved");
    ctrl(&mut app, 's');
    let saved = carepath::store::load::load_file(&file).unwrap();
    assert_eq!(saved.title, "Discharge from hospital to a care home!");
    assert_eq!(saved.steps[0].title, "Plan from day one");
}

#[test]
fn the_same_value_changed_by_both_opens_the_conflict_screen() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "i\n!\n\x1b");
    someone_sets(&mut app, &file, "title", "Their title");
    let conflicts = app.pathway.as_ref().unwrap().conflicts.as_ref();
    let conflicts = conflicts.expect("the conflict screen is open");
    assert_eq!(conflicts.list.len(), 1);
    assert_eq!(conflicts.list[0].path, "title");
    let screen = render(&app);
    assert!(screen.contains("Their title"), "{screen}");
    assert!(
        screen.contains("Discharge from hospital to a care home!"),
        "{screen}"
    );
    // Keep ours, and save: the file has ours, and nothing was lost
    // silently: theirs was shown.
    keys(&mut app, "o");
    ctrl(&mut app, 's');
    let saved = carepath::store::load::load_file(&file).unwrap();
    assert_eq!(saved.title, "Discharge from hospital to a care home!");
}

#[test]
fn signing_off_is_refused_to_someone_who_speaks_for_nobody() {
    let (_dir, file, mut app) = library("guest");
    let before = std::fs::read_to_string(&file).unwrap();
    keys(&mut app, "S");
    assert!(
        message(&app).contains("guest does not speak for any participant"),
        "{}",
        message(&app)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn a_sign_off_is_saved_and_an_edit_leaves_it_for_an_earlier_version() {
    let (_dir, file, mut app) = library("asmith");
    keys(&mut app, "S");
    assert!(
        message(&app).contains("Signed off for"),
        "{}",
        message(&app)
    );
    let saved = carepath::store::load::load_file(&file).unwrap();
    assert_eq!(saved.sign_off.len(), 1);
    assert_eq!(saved.sign_off[0].by, "asmith");
    assert_eq!(saved.sign_off[0].participant, "hospital");
    assert!(carepath::model::signoff::is_current(
        &saved,
        &saved.sign_off[0]
    ));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("# "), "the file's comments are kept");
    let screen = render_at(&app, 120, 60);
    assert!(screen.contains("✓ "), "{screen}");
    assert!(screen.contains("signed by Dr Anna Smith"), "{screen}");
    assert!(
        screen.contains(
            "Agreeing needs a sign-off of this version from: Oakview Care Home (oakview)"
        ),
        "{screen}"
    );

    // Signing again replaces the participant's own sign-off.
    keys(&mut app, "S");
    assert_eq!(
        carepath::store::load::load_file(&file)
            .unwrap()
            .sign_off
            .len(),
        1
    );

    keys(&mut app, "i\n!\n\x1b");
    ctrl(&mut app, 's');
    let screen = render_at(&app, 120, 60);
    assert!(screen.contains("for an earlier version"), "{screen}");
    assert!(screen.contains("Riverside General"), "{screen}");
}

#[test]
fn agreed_needs_every_participant_on_the_current_version() {
    let (_dir, file, _app) = library("asmith");
    let e = carepath::cli::set::set(&file, "status", "agreed").unwrap_err();
    assert!(
        e.contains("needs a sign-off of the current version from every participant"),
        "{e}"
    );
    assert!(e.contains("Oakview Care Home (oakview)"), "{e}");
    let mut s = carepath::store::session::Session::open(&file).unwrap();
    assert!(s.change("status", "agreed").is_err());
}

#[test]
fn others_in_the_pathway_show_in_the_status_bar_and_on_their_step() {
    let (dir, _file, mut app) = library("bjones");
    let other = carepath::store::presence::Presence {
        user: "asmith".into(),
        name: "Dr Anna Smith".into(),
        host: "elsewhere".into(),
        pid: 77,
        pathway: Some("discharge-to-care-home".into()),
        step: Some("plan-early".into()),
        screen: "steps".into(),
        heartbeat: chrono::Utc::now(),
    };
    carepath::store::presence::announce(dir.path(), &other).unwrap();
    update(&mut app, Message::Tick);
    keys(&mut app, "2");
    let screen = render_at(&app, 80, 24);
    assert!(screen.contains("also here: Dr Anna Smith"), "{screen}");
    assert!(screen.contains("[AS]"), "{screen}");
    insta::assert_snapshot!("presence_steps_80x24", screen);
    // This session said where it is, for the others.
    let me = carepath::store::presence::others(dir.path(), "elsewhere", 77, chrono::Utc::now());
    assert_eq!(me.len(), 1);
    assert_eq!(me[0].name, "Ben Jones");
    assert_eq!(me[0].step.as_deref(), Some("plan-early"));
    // Gone when they leave.
    carepath::store::presence::leave(dir.path(), &other.host, other.pid);
    update(&mut app, Message::Tick);
    assert!(!render(&app).contains("Dr Anna Smith"));
}

#[test]
fn the_history_lists_saves_and_opens_what_one_changed() {
    let (_dir, file, mut app) = library("asmith");
    carepath::cli::set::set(&file, "place", "Riverside North").unwrap();
    carepath::cli::set::set(&file, "steps.plan-early.owner", "oakview").unwrap();
    keys(&mut app, "H");
    let picker = app.versions.as_ref().expect("the saves are listed");
    assert!(matches!(&picker.versions, Versions::Saves(s) if s.len() == 2));
    let screen = render(&app);
    assert!(screen.contains("Saves of this pathway"), "{screen}");
    assert!(
        screen.contains("steps[plan-early].owner"),
        "newest first: {screen}"
    );
    keys(&mut app, "j\n");
    let diff = app.diff.as_ref().expect("what the save changed");
    assert_eq!(diff.changes.len(), 1);
    assert_eq!(diff.changes[0].path, "place");
    assert!(diff.title.starts_with("Saved by"));
}

/// The overview's sign-off section and the list of saves, at 80×24, with
/// fixed times so the screens can be compared.
#[test]
fn sign_offs_and_saves_at_80x24() {
    let (_dir, file, mut app) = library("bjones");
    let p = carepath::store::load::load_file(&file).unwrap();
    let digest = carepath::model::signoff::digest(&p);
    let text = std::fs::read_to_string(&file).unwrap();
    let text = format!(
        "{text}sign_off:\n  - participant: hospital\n    by: asmith\n    at: 2026-11-20T10:02:00Z\n    digest: {digest}\n  - participant: oakview\n    by: bjones\n    at: 2026-11-18T09:00:00Z\n    digest: sha256:0000\n"
    );
    std::fs::write(&file, &text).unwrap();
    let changed = carepath::store::watch::read(&file).unwrap();
    update(&mut app, Message::FileChanged(Box::new(changed)));
    keys(&mut app, "1");
    let mut screen = String::new();
    for _ in 0..40 {
        update(
            &mut app,
            Message::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
        );
        screen = render_at(&app, 80, 24);
    }
    assert!(screen.contains("✓ Riverside General"), "{screen}");
    assert!(screen.contains("◌ Oakview Care Home"), "{screen}");
    insta::assert_snapshot!("sign_off_80x24", screen);

    let history = file.parent().unwrap().join(".carepath/history");
    std::fs::create_dir_all(&history).unwrap();
    let lines = [
        r#"{"at":"2026-11-20T10:02:00Z","by":"asmith","summary":["sign_off[0]: added \"hospital\""],"changes":1,"before":"a","after":"b"}"#,
        r#"{"at":"2026-11-21T15:40:00Z","by":"bjones","summary":["steps[plan-early].title: changed from \"Plan discharge from the day of admission\" to \"Plan from day one\""],"changes":3,"before":"b","after":"c"}"#,
        "not a line of the history",
    ];
    std::fs::write(
        history.join("discharge-to-care-home.jsonl"),
        lines.join("\n"),
    )
    .unwrap();
    keys(&mut app, "H");
    assert!(message(&app).contains("1 line(s) of the history could not be read or trusted"));
    let screen = render_at(&app, 80, 24);
    assert!(
        screen.contains("Ben Jones: steps[plan-early].title"),
        "{screen}"
    );
    insta::assert_snapshot!("saves_80x24", screen);
    // A save whose versions are not kept says so, and nothing breaks.
    keys(&mut app, "\n");
    assert!(
        message(&app).starts_with("Cannot show this save"),
        "{}",
        message(&app)
    );
}

/// The offer of kept edits shows what they change in the file as it is
/// now, and says when restoring will merge.
#[test]
fn kept_edits_are_offered_with_what_they_change() {
    let (dir, file, mut app) = library("bjones");
    keys(&mut app, "\x1b");
    let state = dir.path().join("state");
    let before = std::fs::read_to_string(&file).unwrap();
    let kept = before.replace(
        "title: Discharge from hospital to a care home",
        "title: Discharge to care homes",
    );
    carepath::store::journal::write(&state, &file, &before, &kept).unwrap();
    // A fixed time, so the screen can be compared.
    for j in std::fs::read_dir(&state).unwrap() {
        let j = j.unwrap().path();
        let text = std::fs::read_to_string(&j).unwrap();
        let text: Vec<String> = text
            .lines()
            .map(|l| {
                if l.starts_with("at:") {
                    "at: 2026-11-24 18:30".into()
                } else {
                    l.to_string()
                }
            })
            .collect();
        std::fs::write(&j, text.join("\n") + "\n").unwrap();
    }
    // Someone saved another change since.
    carepath::cli::set::set(&file, "place", "Riverside North").unwrap();
    app.journal = Some(state);
    app.entries = load_all(&Source::Folder(dir.path().to_path_buf())).unwrap();
    app.refresh_visible();
    keys(&mut app, "\n");
    let screen = render_at(&app, 80, 24);
    assert!(
        screen.contains("They make 1 change to the file as it is now"),
        "{screen}"
    );
    assert!(screen.contains("title: changed from"), "{screen}");
    assert!(screen.contains("restoring merges them with it"), "{screen}");
    insta::assert_snapshot!("kept_edits_offer_80x24", screen);
    keys(&mut app, "d");
    let diff = app.diff.as_ref().expect("the kept edits' changes");
    assert_eq!(diff.changes.len(), 1, "their save is not undone");
    keys(&mut app, "\x1b");
    assert!(
        app.pathway.as_ref().unwrap().recovery.is_some(),
        "the offer is still there"
    );
    keys(&mut app, "r");
    let (p, _) = app.open_pathway().unwrap();
    assert_eq!(p.title, "Discharge to care homes");
    assert_eq!(
        p.place.as_deref(),
        Some("Riverside North"),
        "merged with the save since"
    );
}

/// Someone added to people.yaml during the workshop can sign off at once;
/// a people.yaml that does not read says where, and signs nobody off.
#[test]
fn people_yaml_is_read_again_when_it_matters() {
    let (dir, file, mut app) = library("cwhite");
    keys(&mut app, "S");
    assert!(message(&app).contains("cwhite does not speak for any participant"));
    let people = dir.path().join("people.yaml");
    std::fs::write(
        &people,
        format!("{PEOPLE}cwhite:\n  name: Cath White\n  participant: oakview\n"),
    )
    .unwrap();
    keys(&mut app, "S");
    assert!(
        message(&app).contains("Signed off for Oakview Care Home"),
        "{}",
        message(&app)
    );
    assert_eq!(
        carepath::store::load::load_file(&file).unwrap().sign_off[0].by,
        "cwhite"
    );

    std::fs::write(
        &people,
        "cwhite:\n  name: Cath White\n  participant: [oakview\n",
    )
    .unwrap();
    keys(&mut app, "S");
    let m = message(&app);
    assert!(
        m.starts_with("Not signed: people.yaml does not read:"),
        "{m}"
    );
    assert!(m.contains("people.yaml:3:"), "names the line: {m}");
}

/// A pathway someone removes is closed here and shown as gone; with
/// unsaved edits here, they are kept.
#[test]
fn a_pathway_removed_on_disk_is_shown_as_gone_and_edits_are_kept() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "i\n!\n\x1b");
    std::fs::remove_file(&file).unwrap();
    let gone = carepath::store::watch::read(&file).expect("reported");
    assert!(gone.gone);
    update(&mut app, Message::FileChanged(Box::new(gone)));
    assert!(
        message(&app).contains("no longer there"),
        "{}",
        message(&app)
    );
    assert_eq!(
        app.open_pathway().unwrap().0.title,
        "Discharge from hospital to a care home!",
        "the unsaved edit is still here"
    );

    let (_dir, file, mut app) = library("bjones");
    std::fs::remove_file(&file).unwrap();
    let gone = carepath::store::watch::read(&file).unwrap();
    update(&mut app, Message::FileChanged(Box::new(gone)));
    assert!(app.pathway.is_none(), "closed");
    let screen = render(&app);
    assert!(
        screen.contains("no longer there") || screen.contains("discharge-to-care-home.yaml"),
        "{screen}"
    );
}
