//! Keys of the library: opening, filtering, sorting, a new pathway.

use crossterm::event::KeyCode;

use super::{Action, Binding, Char, Code, b};

pub(super) const NEW_PATHWAY: Binding = b(
    &[Char('n')],
    "n",
    Action::AddItem,
    "start a new pathway from a template",
    "new",
);

pub(super) const LIBRARY: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter), Code(KeyCode::Right), Char('l')],
        "Enter",
        Action::Open,
        "open the pathway",
        "open",
    ),
    b(
        &[Char('/')],
        "/",
        Action::Filter,
        "filter as you type",
        "filter",
    ),
    b(
        &[Char('s')],
        "s",
        Action::Sort,
        "sort by title, status or review date",
        "sort",
    ),
];

pub(super) const FILTER: [Binding; 2] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "keep the filter and go back to the list",
        "done",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "clear the filter",
        "clear",
    ),
];
