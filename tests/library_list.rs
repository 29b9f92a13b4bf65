//! The library list of a large library: pathways arrive in batches, in
//! whatever order the reading threads finish, and the list is the same as
//! if they had all come at once; a second start reads only what changed.

use std::sync::mpsc;

use carepath::store::library::source::{Entry, LoadEvent, Source, load_all, spawn_load};
use carepath::tui::app::{App, Sort};
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    App::new(
        "library".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    )
}

fn titles(app: &App) -> Vec<String> {
    app.library
        .visible
        .iter()
        .map(|&i| {
            let e = &app.entries[i];
            e.summary().map_or(e.file.clone(), |s| s.title.clone())
        })
        .collect()
}

fn library(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    carepath::store::library::generate::write_library(dir.path(), count).unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "carepath: 1\nid: [").unwrap();
    // Written an hour ago, as a library usually is: a file changed in the
    // last seconds is read again even if the index knows it.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for f in std::fs::read_dir(dir.path()).unwrap() {
        let file = std::fs::File::options()
            .write(true)
            .open(f.unwrap().path())
            .unwrap();
        file.set_modified(hour_ago).unwrap();
    }
    dir
}

/// Everything a background load sends, in the order it arrives.
fn background_load(source: &Source) -> Vec<Vec<Entry>> {
    let (tx, rx) = mpsc::channel();
    spawn_load(source.clone(), tx, |e| e);
    let mut batches = Vec::new();
    for event in rx {
        match event {
            LoadEvent::Loaded(batch) => batches.push(batch),
            LoadEvent::Done => break,
            _ => {}
        }
    }
    batches
}

fn typed(app: &mut App, text: &str) {
    update(
        app,
        Message::Key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE)),
    );
    for c in text.chars() {
        update(
            app,
            Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

#[test]
fn batches_in_any_order_give_the_list_all_at_once_gives() {
    let dir = library(150);
    let source = Source::Folder(dir.path().to_path_buf());
    for sort in [Sort::Title, Sort::Status, Sort::Review] {
        let mut whole = app();
        whole.library.sort = sort;
        whole.add_entries(load_all(&source).unwrap());

        let mut batches = app();
        batches.library.sort = sort;
        let mut all = load_all(&source).unwrap();
        all.reverse();
        while !all.is_empty() {
            let rest = all.split_off(all.len().min(7));
            batches.add_entries(std::mem::replace(&mut all, rest));
        }
        assert_eq!(titles(&batches), titles(&whole), "sorted by {sort:?}");
        assert_eq!(titles(&whole).len(), 151);
    }
}

#[test]
fn the_filter_holds_as_files_arrive_and_the_chosen_row_stays_chosen() {
    let dir = library(60);
    let source = Source::Folder(dir.path().to_path_buf());
    let mut all = load_all(&source).unwrap();
    let rest = all.split_off(30);
    let mut app = app();
    app.add_entries(all);
    typed(&mut app, "riverside");
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
    );
    let chosen = titles(&app)[app.library.selected].clone();
    app.add_entries(rest);
    let shown = titles(&app);

    let mut whole = self::app();
    whole.add_entries(load_all(&source).unwrap());
    typed(&mut whole, "riverside");
    assert_eq!(
        shown,
        titles(&whole),
        "the same rows as filtering all at once"
    );
    assert!(shown.len() < 60 && shown.iter().any(|t| t.contains("Riverside")));
    assert_eq!(shown[app.library.selected], chosen);
}

#[test]
fn the_background_load_lists_summaries_and_opening_reads_the_whole_pathway() {
    let dir = library(20);
    let state = tempfile::tempdir().unwrap();
    // SAFETY: this test binary sets the variable before any thread reads it.
    unsafe { std::env::set_var("CAREPATH_STATE_DIR", state.path()) };
    let source = Source::Folder(dir.path().to_path_buf());
    let mut app = app();
    for batch in background_load(&source) {
        app.add_entries(batch);
    }
    assert_eq!(app.entries.len(), 21);
    assert!(
        app.entries.iter().all(|e| e.pathway().is_none()),
        "summaries only"
    );
    assert_eq!(app.entries.iter().filter(|e| e.is_broken()).count(), 1);
    app.library.selected = 1;
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let (pathway, _) = app.open_pathway().expect("the pathway opened");
    assert!(!pathway.steps.is_empty(), "read whole");

    // A second start takes the unchanged files from the index, in one
    // batch, and reads again only the file that changed.
    let first: Vec<Vec<Entry>> = background_load(&source);
    assert!(first.len() <= 2);
    let name = dir.path().join(&app.entries[app.library.visible[3]].file);
    let text = std::fs::read_to_string(&name).unwrap();
    std::fs::write(&name, text.replace("title: ", "title: Changed ")).unwrap();
    let again = background_load(&source);
    assert_eq!(again[0].len(), 19, "unchanged files from the index at once");
    let reread: Vec<&Entry> = again[1..].iter().flatten().collect();
    assert_eq!(reread.len(), 2, "the changed file and the broken one");
    assert!(
        reread
            .iter()
            .any(|e| e.summary().is_some_and(|s| s.title.starts_with("Changed ")))
    );
}
