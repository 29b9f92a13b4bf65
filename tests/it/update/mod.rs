//! `update` as plain functions: keys and mouse in, state out, one file
//! for each screen; the set-ups they share are here.

use super::harness::app_of;
use super::harness::screen as render;
use super::harness::*;
use carepath::store::library::source::Source;
use carepath::tui::app::{App, Tab};
use carepath::tui::message::{Effect, Message};
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};

mod compare;
mod editing;
mod library;
mod reading;
mod versions;

/// A key, and the first thing it asks of the terminal.
fn key(app: &mut App, code: KeyCode) -> Option<Effect> {
    super::harness::press(app, code).into_iter().next()
}

fn app() -> App {
    let mut app = app_of(
        "fixtures",
        Theme::monochrome(),
        &Source::Folder("tests/fixtures/library".into()),
    );
    render(&mut app);
    app
}

fn examples() -> App {
    let mut app = app_of("examples", Theme::monochrome(), &Source::Builtin);
    render(&mut app);
    app
}

fn compare(app: &App) -> carepath::tui::app::CompareState {
    comparing(app).expect("comparing").clone()
}

/// A library in a temporary folder holding a copy of the examples.
fn editable() -> (tempfile::TempDir, App) {
    let dir = examples_copy();
    let mut app = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
    render(&mut app);
    (dir, app)
}

fn title(app: &App) -> String {
    document(app).title.clone()
}

fn step_ids(app: &App) -> Vec<String> {
    document(app).steps.iter().map(|s| s.id.clone()).collect()
}

/// Moves the form's selection to the first row whose label starts with `label`.
fn to_row(app: &mut App, label: &str) {
    let at = screen_of::<carepath::tui::app::FormState>(app)
        .fields
        .iter()
        .position(|f| f.label.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no row {label}"));
    keys(app, "g");
    select_form_row(app, at);
}
