//! The in-process harness every screen test uses: keys in as a person types
//! them, each followed by a frame (so the layout `update` reads is the one
//! on screen, as in the running app), and the screen out as text.
//!
//! Keys are written as characters: `\n` is Enter, `\x1b` Esc, `\t` Tab and
//! `\u{E000}` PageDown; anything else is that character.
//!
//! Tests ask what a user sees through the queries below (which screen has
//! the keys, the tab and step, the pathway as it stands, the status line)
//! rather than reading the app's fields, so that moving a screen's state
//! changes this file and no test. The few set-ups with no key path (a
//! session in a shared library, a screen built for a test) are here too.

#![allow(dead_code)]

use carepath::model::Pathway;
use carepath::store::library::source::{Source, load_all};
use carepath::tui::app::{App, CompareState, Tab};
use carepath::tui::keys::Context;
use carepath::tui::message::{Effect, Message};
use carepath::tui::screen::Screen;
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

/// A temporary library holding a copy of the example pathways, for the
/// tests that save: the examples in the repository stay as they are.
pub fn examples_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let examples = carepath::store::library::scan_folder(std::path::Path::new("pathways"))
        .expect("the examples are listed");
    for f in examples {
        let name = f.file_name().expect("a file name");
        std::fs::copy(&f, dir.path().join(name)).expect("an example copies");
    }
    dir
}

/// Set-up: this session is `user` on `host` (process `pid`) in the shared
/// library at `dir`, whose `people.yaml` (if any) says who everyone is.
pub fn join(app: &mut App, dir: &std::path::Path, user: &str, host: &str, pid: u32) {
    use carepath::store::team::{identity::Identity, people::People};
    app.team.library = Some(dir.to_path_buf());
    app.team.me = Some(Identity {
        user: user.into(),
        host: host.into(),
        pid,
    });
    app.team.people = People::load(dir).expect("people.yaml reads");
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

// What a user sees, asked of the app. Tests ask these rather than reading
// the app's fields, so that moving a screen's state moves one line here.

/// Which screen has the keys now (the library, a pathway's tab, the form,
/// a question over it…), as the help's title names it.
pub fn on_screen(app: &App) -> Context {
    carepath::tui::update::context(app)
}

/// Whether a pathway is open, rather than the library shown.
pub fn pathway_open(app: &App) -> bool {
    app.open_pathway().is_some()
}

/// The open pathway as it stands now, unsaved edits included: what its
/// screens show and a save writes.
pub fn document(app: &App) -> &Pathway {
    app.open_pathway().expect("a pathway is open").0
}

/// The file's text a save would write now, comments and layout kept.
pub fn file_text(app: &App) -> String {
    let (_, state) = app.open_pathway().expect("a pathway is open");
    let session = state.session.as_ref().expect("an edit was made");
    session.text().expect("the edits write")
}

/// Whether the header says "● unsaved".
pub fn unsaved(app: &App) -> bool {
    carepath::tui::editing::is_dirty(app)
}

/// The open pathway's tab.
pub fn tab(app: &App) -> Tab {
    app.open_pathway().expect("a pathway is open").1.tab
}

/// The place in the list of the step the steps tab has selected.
pub fn step(app: &App) -> usize {
    app.open_pathway().expect("a pathway is open").1.step
}

/// How far the reading pane of the open tab is scrolled, in lines.
pub fn scroll(app: &App) -> u16 {
    let (_, state) = app.open_pathway().expect("a pathway is open");
    state.scroll[state.tab.index()]
}

/// Whether this session follows a facilitator's screen (its banner says
/// "Following").
pub fn following(app: &App) -> bool {
    app.follow.following.is_some()
}

/// Whether this session leads: asks the others in its pathway to follow.
pub fn leading(app: &App) -> bool {
    app.follow.leading
}

/// The comparison shown, when one is.
pub fn comparing(app: &App) -> Option<&CompareState> {
    app.open_pathway()?.1.compare.as_ref()
}

/// How many rows the library lists, as filtered.
pub fn rows_shown(app: &App) -> usize {
    app.library.visible.len()
}

/// The row the library lists the file `file` on, as sorted and filtered.
pub fn library_row(app: &App, file: &str) -> Option<usize> {
    app.library
        .visible
        .iter()
        .position(|&i| app.entries[i].file == file)
}

/// The title of the library's selected row (its file name when it does
/// not load).
pub fn selected_title(app: &App) -> String {
    let e = app.selected_entry().expect("a row is selected");
    e.pathway().map_or(e.file.clone(), |p| p.title.clone())
}

/// Whether a screen of type `T` is open, on top or beneath another.
pub fn is_open<T: Screen>(app: &App) -> bool {
    app.stack.is_open::<T>()
}

/// The open screen of type `T` (the topmost), to read what it shows.
pub fn screen_of<T: Screen>(app: &App) -> &T {
    find_screen::<T>(app).unwrap_or_else(|| panic!("{} is open", std::any::type_name::<T>()))
}

/// The open screen of type `T`, when one is.
pub fn find_screen<T: Screen>(app: &App) -> Option<&T> {
    app.stack.find::<T>()
}

/// The rows of the comparison as its screen lists them, in the library's
/// vocabulary and without the pairs people turned down.
pub fn compared_rows(app: &App) -> Vec<carepath::compare::Row> {
    alignment(app).rows().cloned().collect()
}

/// The comparison's alignment, as its screen shows it.
pub fn alignment(app: &App) -> carepath::compare::Alignment {
    let cmp = comparing(app).expect("comparing");
    carepath::tui::compare::alignment(document(app), cmp, (&app.rejections, &app.synonyms))
        .expect("the two sides align")
}

/// The agenda item chosen, while the meeting is shown.
pub fn agenda_row(app: &App) -> Option<usize> {
    app.open_pathway()?.1.meeting.as_ref().map(|m| m.selected)
}

/// Set-up: puts the edit form's selection on its row `at`, as moving to it
/// row by row would.
pub fn select_form_row(app: &mut App, at: usize) {
    use carepath::tui::app::FormState;
    app.stack
        .find_mut::<FormState>()
        .expect("the form is open")
        .selected = at;
}

/// Set-up: opens `screen` on top, built as a test needs it (a list of
/// changes or of conflicts made up for the test), where reaching it by
/// keys would need a history or a merge made first.
pub fn show(app: &mut App, screen: impl Screen) {
    app.stack.push(screen);
}

/// Set-up: puts the edit form's selection on the first row `which` picks
/// (`what` says which, should there be none), as moving to it would.
pub fn choose_row(
    app: &mut App,
    which: impl Fn(&carepath::tui::app::FormField) -> bool,
    what: &str,
) {
    use carepath::tui::app::FormState;
    let form = app.stack.find_mut::<FormState>().expect("the form is open");
    form.selected = form
        .fields
        .iter()
        .position(which)
        .unwrap_or_else(|| panic!("{what}"));
}

/// Set-up: selects the library's row showing `entry` (an index into the
/// app's entries), as moving to it would.
pub fn select_entry(app: &mut App, entry: usize) {
    let row = app.library.visible.iter().position(|&i| i == entry);
    app.library.selected = row.expect("the entry is listed");
}

/// Set-up: selects the step at `at` in the open pathway, as moving to it
/// would.
pub fn select_step(app: &mut App, at: usize) {
    app.pathway.as_mut().expect("a pathway is open").step = at;
}
