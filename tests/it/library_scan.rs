//! How the library lists a file it has not seen: from the entries the
//! list shows, without reading the steps. A mistake in the list's own
//! fields shows in the list at once; a mistake in the steps shows once the
//! pathway is opened.

use super::harness::{pathway_open, select_entry};
use std::sync::mpsc;

use carepath::store::library::source::{Entry, LoadEvent, Source, spawn_load};
use carepath::tui::app::App;
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn loaded(source: &Source) -> Vec<Entry> {
    let (tx, rx) = mpsc::channel();
    spawn_load(source.clone(), tx, |e| e);
    let mut entries = Vec::new();
    for event in rx {
        match event {
            LoadEvent::Loaded(batch) => entries.extend(batch),
            LoadEvent::Done => break,
            _ => {}
        }
    }
    entries
}

#[test]
fn a_mistake_in_the_listed_fields_shows_at_once_and_one_in_the_steps_when_opened() {
    let state = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary, setting it before any thread
    // reads the environment.
    unsafe { std::env::set_var("CAREPATH_STATE_DIR", state.path()) };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad-status.yaml"),
        "carepath: 1\nid: bad-status\ntitle: Bad status\nstatus: finished\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bad-steps.yaml"),
        "carepath: 1\nid: bad-steps\ntitle: Bad steps\nsteps:\n  - id: a\n    next: [nowhere]\n",
    )
    .unwrap();
    let source = Source::Folder(dir.path().to_path_buf());
    let mut app = App::new(
        "library".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(loaded(&source));
    let by_file = |app: &App, file: &str| {
        app.entries
            .iter()
            .position(|e| e.file == file)
            .expect("listed")
    };
    let status = &app.entries[by_file(&app, "bad-status.yaml")];
    assert!(status.is_broken(), "the whole reading says why");
    assert!(
        status.problems()[0].message.contains("finished"),
        "{:?}",
        status.problems()
    );
    let steps = by_file(&app, "bad-steps.yaml");
    assert_eq!(
        app.entries[steps].summary().map(|s| s.title.as_str()),
        Some("Bad steps")
    );

    select_entry(&mut app, steps);
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert!(!pathway_open(&app), "it does not open");
    assert!(app.entries[steps].is_broken(), "and the list now says why");
}
