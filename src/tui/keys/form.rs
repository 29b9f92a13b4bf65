//! Keys of the edit form: choosing a field, typing a value, choosing one, lists.

use crossterm::event::KeyCode;

use super::{Action, Binding, Char, Code, Ctrl, b};

pub(super) const EDITING: [Binding; 4] = [
    b(
        &[Char('i')],
        "i",
        Action::Edit,
        "edit what is on screen",
        "edit",
    ),
    b(&[Char('u')], "u", Action::Undo, "undo the last change", ""),
    b(&[Ctrl('r')], "Ctrl-r", Action::Redo, "redo", ""),
    b(
        &[Ctrl('s')],
        "Ctrl-s",
        Action::Save,
        "save your changes",
        "",
    ),
];

pub(super) const FORM: [Binding; 4] = [
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

/// Moving around a long form: by page, to either end, by words, by
/// participant.
pub(super) const FORM_MOVE: [Binding; 3] = [
    b(
        &[Char('/')],
        "/",
        Action::Filter,
        "find rows by typing their words",
        "find",
    ),
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

pub(super) const FORM_LIST: [Binding; 4] = [
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

pub(super) const INPUT: [Binding; 2] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "keep the new value",
        "keep",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "leave the value as it was",
        "cancel",
    ),
];

pub(super) const CHOICE: [Binding; 3] = [
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
