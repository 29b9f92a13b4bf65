//! The in-process harness every screen test uses: keys in as a person types
//! them, each followed by a frame (so the layout `update` reads is the one
//! on screen, as in the running app), and the screen out as text.
//!
//! Keys are written as characters: `\n` is Enter, `\x1b` Esc, `\t` Tab and
//! `\u{E000}` PageDown; anything else is that character.

#![allow(dead_code)]

use carepath::store::library::source::{Source, load_all};
use carepath::tui::app::App;
use carepath::tui::message::{Effect, Message};
use carepath::tui::theme::Theme;
use carepath::tui::view::draw;
use carepath::tui::worker::drive;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The day every screen test is on, so review dates and overdue actions
/// read the same on any day the tests run.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date")
}

/// The app on `source`, called `label` in its header, with every pathway
/// of it read: as the app is once the library has loaded.
pub fn app_of(label: &str, theme: Theme, source: &Source) -> App {
    let mut app = App::new(label.into(), theme, today());
    app.add_entries(load_all(source).expect("the library reads"));
    app.loading.done = true;
    app
}

/// The size most screen tests are drawn at: the smallest terminal the
/// product supports.
pub const SMALL: (u16, u16) = (80, 24);

/// The key a character of a test's key string stands for.
pub fn code(c: char) -> KeyCode {
    match c {
        '\n' => KeyCode::Enter,
        '\x1b' => KeyCode::Esc,
        '\t' => KeyCode::Tab,
        // PgDn, which has no character of its own.
        '\u{E000}' => KeyCode::PageDown,
        c => KeyCode::Char(c),
    }
}

/// One key, with the whole exchange it starts (the worker's results
/// handled too), then a frame at `size`. Returns the terminal's effects.
pub fn press_at(app: &mut App, code: KeyCode, size: (u16, u16)) -> Vec<Effect> {
    let effects = drive(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    screen_at(app, size);
    effects
}

/// [`press_at`] on the small terminal.
pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    press_at(app, code, SMALL)
}

/// Ctrl and `c`, then a frame at `size`.
pub fn ctrl_at(app: &mut App, c: char, size: (u16, u16)) -> Vec<Effect> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let effects = drive(app, Message::Key(key));
    screen_at(app, size);
    effects
}

/// [`ctrl_at`] on the small terminal.
pub fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    ctrl_at(app, c, SMALL)
}

/// A key without a frame after it, for the generated workshop, which
/// draws only where it looks (a frame per key would slow its hundreds of
/// runs, and its keys never depend on the layout).
pub fn send(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    drive(app, Message::Key(key))
}

/// A mouse event at a cell, then a frame on the small terminal.
pub fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) -> Vec<Effect> {
    let event = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let effects = drive(app, Message::Mouse(event));
    screen(app);
    effects
}

/// Each key of `s` in turn, with a frame at `size` after each.
pub fn keys_at(app: &mut App, s: &str, size: (u16, u16)) {
    for c in s.chars() {
        press_at(app, code(c), size);
    }
}

/// [`keys_at`] on the small terminal.
pub fn keys(app: &mut App, s: &str) {
    keys_at(app, s, SMALL)
}

/// Draws a frame at `size` and gives the screen as text: one line per row,
/// the spaces at their ends left off.
pub fn screen_at(app: &mut App, (w, h): (u16, u16)) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    draw(&mut term, app).expect("a frame draws");
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| {
            let row: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sentence the status bar says to the user now (empty when none).
pub fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

/// [`screen_at`] on the small terminal.
pub fn screen(app: &mut App) -> String {
    screen_at(app, SMALL)
}
