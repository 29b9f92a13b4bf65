//! Keys that work on most screens: moving, help, the mouse, suspending, quitting.

use crossterm::event::KeyCode;

use super::{Action, Binding, Char, Code, Ctrl, b};

pub const UP_DOWN: Binding = b(
    &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
    "↑↓/jk",
    Action::Up,
    "move up and down",
    "move",
);

pub const PAGE: Binding = b(
    &[
        Code(KeyCode::PageUp),
        Ctrl('b'),
        Code(KeyCode::PageDown),
        Ctrl('f'),
        Char(' '),
    ],
    "PgUp/PgDn",
    Action::PageUp,
    "a page up and down",
    "",
);

pub const TOP: Binding = b(
    &[Code(KeyCode::Home), Char('g')],
    "Home/g",
    Action::Top,
    "go to the top",
    "",
);

pub const BOTTOM: Binding = b(
    &[Code(KeyCode::End), Char('G')],
    "End/G",
    Action::Bottom,
    "go to the bottom",
    "",
);

pub const MOVE: [Binding; 4] = [UP_DOWN, PAGE, TOP, BOTTOM];

/// While typing a filter, letters are text: only the arrows move.
pub const ARROWS: Binding = b(
    &[Code(KeyCode::Up), Code(KeyCode::Up), Code(KeyCode::Down)],
    "↑↓",
    Action::Up,
    "move up and down",
    "move",
);

/// `?`: the help of the screen the user is on.
pub const SHOW_HELP: Binding = b(
    &[Char('?'), Code(KeyCode::F(1))],
    "?",
    Action::Help,
    "show every key of this screen",
    "help",
);

pub const MOUSE: Binding = b(
    &[Char('m')],
    "m",
    Action::ToggleMouse,
    "mouse on/off (off lets you select text to copy)",
    "",
);

pub const SUSPEND: Binding = b(
    &[Ctrl('z')],
    "Ctrl-z",
    Action::Suspend,
    "suspend (type fg to come back)",
    "",
);

pub(super) const QUIT: Binding = b(&[Char('q'), Ctrl('c')], "q", Action::Quit, "quit", "quit");

pub(super) const OPEN_WHO_IS_HERE: Binding = b(
    &[Char('w')],
    "w",
    Action::WhoIsHere,
    "who is here: name, organisation, where they are",
    "",
);

pub(super) const GLOBAL: [Binding; 5] = [SHOW_HELP, MOUSE, SUSPEND, QUIT, OPEN_WHO_IS_HERE];

/// The keys that work on most screens: help, mouse, suspend, quit, who
/// is here.
pub fn global() -> [Binding; 5] {
    GLOBAL
}

pub const EXPORT: Binding = b(
    &[Char('E')],
    "E",
    Action::Export,
    "export as a web site to the folder in the config (export:)",
    "",
);

pub const SYNC: Binding = b(
    &[Char('Y')],
    "Y",
    Action::Sync,
    "sync: send what is saved, take others' changes (git)",
    "",
);

pub(super) const LOCAL_CHANGES: Binding = b(
    &[Char('B')],
    "B",
    Action::LocalChanges,
    "what this place changed from its base (a local version)",
    "",
);

pub(super) const REBASE: Binding = b(
    &[Char('R')],
    "R",
    Action::Rebase,
    "take the base's new version, keeping this place's changes (a local version)",
    "",
);

/// Typing a filter: the library's, or a find in a pathway's section.
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
