//! No key sequence, at any terminal size, makes the app panic: random
//! keys (every bound key, letters, digits, arrows) on an editable library,
//! drawn after each key at sizes down to a few cells.

use carepath::store::library::source::{Source, load_all};
use carepath::tui::app::App;
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::view::draw;
use carepath::tui::worker::drive as update;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, bool),
    Click(u16, u16),
    Wheel(bool),
    Paste(String),
}

fn input() -> impl Strategy<Value = Input> {
    let codes = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        "[a-zA-Z0-9/?!:. \\-]".prop_map(|s| KeyCode::Char(s.chars().next().unwrap())),
    ];
    prop_oneof![
        8 => (codes, prop::bool::weighted(0.08)).prop_map(|(c, ctrl)| Input::Key(c, ctrl)),
        1 => (0u16..130, 0u16..45).prop_map(|(x, y)| Input::Click(x, y)),
        1 => any::<bool>().prop_map(Input::Wheel),
        1 => "[a-z \\n\\x1b]{0,12}".prop_map(Input::Paste),
    ]
}

fn app(dir: &std::path::Path) -> App {
    for f in carepath::store::library::scan_folder(std::path::Path::new("pathways")).unwrap() {
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(dir.to_path_buf())).unwrap());
    app.folder = Some(dir.to_path_buf());
    app.loading.done = true;
    app
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_input_at_any_size_makes_the_app_panic(
        inputs in prop::collection::vec(input(), 1..120),
        (w, h) in (1u16..130, 1u16..45),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(dir.path());
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        draw(&mut term, &mut app).unwrap();
        for i in inputs {
            let msg = match i {
                Input::Key(KeyCode::Char('z' | 'c'), true) => continue, // suspend and quit are the terminal's
                Input::Key(code, ctrl) => Message::Key(KeyEvent::new(code, if ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE })),
                Input::Click(x, y) => Message::Mouse(MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column: x, row: y, modifiers: KeyModifiers::NONE }),
                Input::Wheel(down) => Message::Mouse(MouseEvent { kind: if down { MouseEventKind::ScrollDown } else { MouseEventKind::ScrollUp }, column: 5, row: 5, modifiers: KeyModifiers::NONE }),
                Input::Paste(text) => Message::Paste(text),
            };
            // Effects (the external editor, suspending) belong to the
            // terminal layer; here only the state and the drawing count.
            let _ = update(&mut app, msg);
            if app.quit {
                break;
            }
            draw(&mut term, &mut app).unwrap();
        }
    }
}
