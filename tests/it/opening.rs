//! Opening a pathway: its file is read once, off the UI thread, and keys
//! typed while it is read are not lost or taken for the library's.

use super::harness::{file_text, is_open, pathway_open};
use carepath::store::library::source::{Source, load_all};
use carepath::tui::app::App;
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::update::update;
use carepath::tui::worker::{drive, perform};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

fn library() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "pathways/discharge-to-care-home.yaml",
        dir.path().join("discharge-to-care-home.yaml"),
    )
    .unwrap();
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(dir.path().to_path_buf())).unwrap());
    (dir, app)
}

fn key(code: KeyCode) -> Message {
    Message::Key(KeyEvent::from(code))
}

/// Enter then `i` at once: the `i` waits for the pathway and opens its
/// form, rather than being taken as a key of the library.
#[test]
fn keys_typed_while_a_pathway_is_read_are_its_keys() {
    let (dir, mut app) = library();
    let work = update(&mut app, key(KeyCode::Enter));
    assert!(!pathway_open(&app), "shown only once its file is read");
    assert!(update(&mut app, key(KeyCode::Char('i'))).is_empty());
    let mut read = Vec::new();
    for effect in work.into_iter().filter(|e| e.is_work()) {
        perform(effect, &mut |m| read.push(m));
    }
    for m in read {
        drive(&mut app, m);
    }
    assert!(
        is_open::<carepath::tui::app::FormState>(&app),
        "i opened the form"
    );
    assert_eq!(
        file_text(&app),
        std::fs::read_to_string(dir.path().join("discharge-to-care-home.yaml")).unwrap(),
        "editing starts from the text read"
    );
}

/// Esc while the file is read stops the opening; its answer, when it
/// comes, opens nothing.
#[test]
fn esc_while_a_pathway_is_read_stops_the_opening() {
    let (_dir, mut app) = library();
    let work = update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Esc));
    let mut read = Vec::new();
    for effect in work.into_iter().filter(|e| e.is_work()) {
        perform(effect, &mut |m| read.push(m));
    }
    for m in read {
        drive(&mut app, m);
    }
    assert!(!pathway_open(&app));
}
