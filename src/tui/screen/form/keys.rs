//! The edit form's keys, in named groups: choosing a field, moving about
//! a long form, a list's items, and choosing a value from a list.

use crossterm::event::KeyCode;

use crate::tui::keys::{self, Action, Binding, Char, Code, b};

/// Choosing a field and changing it.
pub const FORM: [Binding; 4] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "change the chosen field",
        "change",
    ),
    b(
        &[Char('e')],
        "e",
        Action::ExternalEditor,
        "change it in your own editor ($VISUAL or $EDITOR)",
        "editor",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "choose a field",
        "move",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "close the form",
        "close",
    ),
];

/// Finding rows by their words (and, in a choice list, choices).
pub const FIND: Binding = b(
    &[Char('/')],
    "/",
    Action::Filter,
    "find rows by typing their words",
    "find",
);

/// Folding a participant's rows under their heading, and opening them.
pub const FOLDS: [Binding; 2] = [
    b(
        &[Char('z'), Code(KeyCode::Left), Char('h')],
        "z/←",
        Action::Fold,
        "fold or open this participant's rows",
        "fold",
    ),
    b(
        &[Code(KeyCode::Right), Char('l')],
        "→",
        Action::Right,
        "open this participant's rows",
        "",
    ),
];

/// A list's items: add, delete, move.
pub const LIST: [Binding; 4] = [
    b(
        &[Char('a')],
        "a",
        Action::AddItem,
        "add an item to the list here",
        "add",
    ),
    b(
        &[Char('x'), Code(KeyCode::Delete)],
        "x",
        Action::DeleteItem,
        "delete this list item (u undoes)",
        "delete",
    ),
    b(
        &[Char('K')],
        "K",
        Action::MoveItemUp,
        "move this list item up",
        "",
    ),
    b(
        &[Char('J')],
        "J",
        Action::MoveItemDown,
        "move this list item down",
        "",
    ),
];

/// Choosing a value from a list.
pub const CHOICE: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "choose this value",
        "choose",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "move",
        "move",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "leave the value as it was",
        "cancel",
    ),
];

/// Choosing a field: the form's own keys, moving about, a list's items,
/// undo, redo and save, and those that work everywhere.
pub fn choosing() -> Vec<Binding> {
    let mut all = FORM.to_vec();
    all.push(FIND);
    all.extend(FOLDS);
    all.extend([keys::PAGE, keys::TOP, keys::BOTTOM]);
    all.extend(LIST);
    all.extend(keys::UNDO_REDO_SAVE);
    all.extend(keys::global());
    all
}

/// Choosing a value from a list: its keys, finding by words, moving by
/// page, and those that work everywhere.
pub fn choice() -> Vec<Binding> {
    let mut all = CHOICE.to_vec();
    all.push(FIND);
    all.extend([keys::PAGE, keys::TOP, keys::BOTTOM]);
    all.extend(keys::global());
    all
}
