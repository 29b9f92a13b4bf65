//! Keys of editing that several screens share: editing what is on
//! screen, undo, redo and save; and those of a line being typed.

use crossterm::event::KeyCode;

use super::{Action, Binding, Char, Code, Ctrl, b};

/// Undo, redo and save: the editing keys of the screens where a change is
/// made by a key rather than in a form.
pub const UNDO_REDO_SAVE: [Binding; 3] = [
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

/// Editing what is on screen in a form, then undo, redo and save.
pub const EDITING: [Binding; 4] = [
    b(
        &[Char('i')],
        "i",
        Action::Edit,
        "edit what is on screen",
        "edit",
    ),
    UNDO_REDO_SAVE[0],
    UNDO_REDO_SAVE[1],
    UNDO_REDO_SAVE[2],
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
