//! Merges in the app: someone else's save arriving while this session has
//! unsaved edits, and kept edits restored after others saved. The merge is
//! written into the file as saved, keeping its comments and layout, even
//! when the edits rename an id that is used everywhere; and editing goes on
//! working afterwards.

use super::harness::{app_of, file_text, keys, message};
use carepath::model::Pathway;
use carepath::store::library::source::Source;
use carepath::store::persist::rename::rename_participant;
use carepath::store::persist::session::{Change, Session};
use carepath::text::yaml::edit::set_value;
use carepath::tui::app::App;
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;

const FILE: &str = "discharge-to-care-home.yaml";

fn app_on(dir: &std::path::Path) -> App {
    app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.to_path_buf()),
    )
}

/// Set-up: the open pathway's edit session, to make changes as the edit
/// engine makes them (an id renamed everywhere at once, an item held
/// twice), which no single key makes.
fn session(app: &mut App) -> &mut Session {
    app.pathway.as_mut().unwrap().session.as_mut().unwrap()
}

/// `text` with `change` made as the app makes it.
fn with(text: &str, change: Change) -> String {
    let p: Pathway = serde_yaml::from_str(text).unwrap();
    let mut s = Session::new(std::path::Path::new(FILE), text.into(), p);
    s.make(change).unwrap();
    s.text().unwrap()
}

fn rename(text: &str) -> Change {
    let p: Pathway = serde_yaml::from_str(text).unwrap();
    rename_participant(&p, "oakview", "oakview-home").unwrap()
}

fn library() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE);
    let base = std::fs::read_to_string(format!("pathways/{FILE}")).unwrap();
    std::fs::write(&file, &base).unwrap();
    (dir, file, base)
}

#[test]
fn a_save_arriving_while_i_rename_an_id_is_merged_without_rewriting_the_file() {
    let (dir, file, base) = library();
    let mut app = app_on(dir.path());
    keys(&mut app, "/discharge\n\ni\n!\n");
    let change = rename(&file_text(&app));
    session(&mut app).make(change).unwrap();
    // Meanwhile a colleague saves another change.
    let theirs = set_value(&base, "place", "Riverside North").unwrap();
    std::fs::write(&file, &theirs).unwrap();
    let changed = carepath::store::team::watch::read(&file).unwrap();
    update(&mut app, Message::FileChanged(Box::new(changed)));
    assert!(
        message(&app).contains("Merged into your unsaved edits"),
        "{}",
        message(&app)
    );
    let title = set_value(&theirs, "title", "Discharge from hospital to a care home!").unwrap();
    let want = with(&title, rename(&title));
    assert_eq!(file_text(&app), want);
    // Adding to a list goes on working, and the save writes exactly that.
    session(&mut app)
        .make(Change::Insert {
            path: "principles".into(),
            index: 3,
            yaml: "Ask the resident first\n".into(),
        })
        .unwrap();
    session(&mut app).save().unwrap();
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        saved,
        want.replace(
            "  - Nobody is discharged to a place that has not said yes\n",
            "  - Nobody is discharged to a place that has not said yes\n  - Ask the resident first\n"
        )
    );
}

#[test]
fn kept_edits_renaming_an_id_are_restored_into_the_file_as_saved_since() {
    let (dir, file, base) = library();
    let state = tempfile::tempdir().unwrap();
    let mine = with(&base, rename(&base));
    carepath::store::persist::journal::write(state.path(), &file, &base, &mine).unwrap();
    let theirs = set_value(&base, "place", "Riverside North").unwrap();
    std::fs::write(&file, &theirs).unwrap();
    let mut app = app_on(dir.path());
    app.journal = Some(state.path().to_path_buf());
    keys(&mut app, "/discharge\n\nr");
    assert!(
        message(&app).contains("merged with what was saved since"),
        "{}",
        message(&app)
    );
    assert_eq!(file_text(&app), with(&theirs, rename(&theirs)));
}

#[test]
fn an_item_held_twice_in_my_edits_survives_a_save_arriving_and_a_restore() {
    let (dir, file, base) = library();
    let twice = Change::Insert {
        path: "steps.plan-early.next".into(),
        index: 1,
        yaml: "home-can-meet-needs".into(),
    };
    let mut app = app_on(dir.path());
    keys(&mut app, "/discharge\n\ni\n!\n");
    session(&mut app).make(twice.clone()).unwrap();
    let theirs = set_value(&base, "place", "Riverside North").unwrap();
    std::fs::write(&file, &theirs).unwrap();
    let changed = carepath::store::team::watch::read(&file).unwrap();
    update(&mut app, Message::FileChanged(Box::new(changed)));
    let title = set_value(&theirs, "title", "Discharge from hospital to a care home!").unwrap();
    assert_eq!(file_text(&app), with(&title, twice.clone()));

    // The same edits kept from a dropped connection, restored after the save.
    let state = tempfile::tempdir().unwrap();
    std::fs::write(&file, &base).unwrap();
    let mine = with(&base, twice.clone());
    carepath::store::persist::journal::write(state.path(), &file, &base, &mine).unwrap();
    std::fs::write(&file, &theirs).unwrap();
    let mut app = app_on(dir.path());
    app.journal = Some(state.path().to_path_buf());
    keys(&mut app, "/discharge\n\nr");
    assert_eq!(file_text(&app), with(&theirs, twice));
}
