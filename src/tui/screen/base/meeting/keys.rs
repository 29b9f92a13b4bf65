//! The meeting's keys: its own (taking the agenda item by item), then
//! deciding, leading and asking as in the comparison, paging, undo, redo
//! and save, and those that work everywhere.

use crossterm::event::KeyCode;

use crate::tui::keys::{self, Action, Binding, Char, Code, b};

/// Taking the agenda: opening an item, moving, leaving, adding an action.
pub const MEETING: [Binding; 4] = [
    b(
        &[Code(KeyCode::Enter), Code(KeyCode::Right), Char('l')],
        "Enter",
        Action::Open,
        "open the item where it can be decided or answered",
        "open",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "move through the agenda",
        "move",
    ),
    b(
        &[Code(KeyCode::Esc), Code(KeyCode::Backspace)],
        "Esc",
        Action::Back,
        "back to the pathway",
        "back",
    ),
    b(
        &[Char('a')],
        "a",
        Action::AddAction,
        "add an action: who does what by when",
        "action",
    ),
];

/// The meeting's key table, in the order the status bar and help show it.
pub fn table() -> Vec<Binding> {
    let mut all = MEETING.to_vec();
    all.extend([keys::DECIDE, keys::LEAD, keys::ASK]);
    all.extend([keys::PAGE, keys::TOP, keys::BOTTOM]);
    all.extend(keys::UNDO_REDO_SAVE);
    all.extend(keys::global());
    all
}
