//! Keys of an open pathway: its tabs, its steps as a list or a flow, finding, versions and conflicts.

use crossterm::event::KeyCode;

use super::{Action, Binding, Char, Code, b};

pub(super) const FLOW: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "open the chosen step in the list, with its detail",
        "open",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "the step before / after",
        "move",
    ),
    b(
        &[Char('v'), Code(KeyCode::Esc)],
        "v/Esc",
        Action::Flow,
        "back to the list of steps",
        "list",
    ),
];

pub(super) const SHOW_FLOW: Binding = b(
    &[Char('v')],
    "v",
    Action::Flow,
    "draw the steps as a flow (decisions, branches, where paths join)",
    "flow",
);

pub(super) const FIND: [Binding; 2] = [
    b(
        &[Char('/')],
        "/",
        Action::Filter,
        "find text in this section",
        "find",
    ),
    b(
        &[Char('n'), Char('N')],
        "n/N",
        Action::NextMatch,
        "next / previous place the text is found",
        "",
    ),
];

pub(super) const PATHWAY: [Binding; 4] = [
    b(
        &[Code(KeyCode::Tab), Code(KeyCode::Right), Char('l')],
        "Tab",
        Action::NextTab,
        "next section (also → or l)",
        "section",
    ),
    b(
        &[Code(KeyCode::BackTab), Code(KeyCode::Left), Char('h')],
        "S-Tab/←",
        Action::PrevTab,
        "previous section",
        "",
    ),
    b(
        &[Char('1'), Char('2'), Char('3'), Char('4'), Char('5')],
        "1-5",
        Action::Tab(0),
        "go to a section",
        "",
    ),
    b(
        &[Code(KeyCode::Esc), Code(KeyCode::Backspace)],
        "Esc",
        Action::Back,
        "back to the library",
        "library",
    ),
];

pub(super) const VERSIONS: [Binding; 4] = [
    b(
        &[Char('d')],
        "d",
        Action::ShowChanges,
        "what your unsaved edits change in the saved file",
        "",
    ),
    b(
        &[Char('D')],
        "D",
        Action::History,
        "compare the saved file with an earlier version in git",
        "",
    ),
    b(
        &[Char('H')],
        "H",
        Action::Saves,
        "who saved what, and when; Enter shows what a save changed",
        "",
    ),
    b(
        &[Char('S')],
        "S",
        Action::SignOff,
        "sign off this version for the organisation you speak for",
        "",
    ),
];

pub(super) const SHOW_CONFLICTS: Binding = b(
    &[Char('M')],
    "M",
    Action::Conflicts,
    "decide the conflicts of a merge that did not finish",
    "",
);

pub(super) const EDIT_FILE: Binding = b(
    &[Char('e')],
    "e",
    Action::ExternalEditor,
    "edit the whole pathway file in your own editor",
    "",
);

pub(super) const STEP_LIST: [Binding; 4] = [
    b(
        &[Char('a')],
        "a",
        Action::AddItem,
        "add a step after this one",
        "add",
    ),
    b(
        &[Char('x'), Code(KeyCode::Delete)],
        "x",
        Action::DeleteItem,
        "delete this step (u undoes)",
        "",
    ),
    b(
        &[Char('K')],
        "K",
        Action::MoveItemUp,
        "move this step up",
        "",
    ),
    b(
        &[Char('J')],
        "J",
        Action::MoveItemDown,
        "move this step down",
        "",
    ),
];

pub(super) const STEPS: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "choose where to go next from this step",
        "walk on",
    ),
    b(
        &[Char('b'), Code(KeyCode::Backspace)],
        "b",
        Action::WalkBack,
        "back to the step you came from",
        "walk back",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "back to the library",
        "back",
    ),
];

pub(super) const EXITS: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter), Code(KeyCode::Right), Char('l')],
        "Enter",
        Action::Open,
        "go to the chosen step",
        "go",
    ),
    b(
        &[Code(KeyCode::Esc), Code(KeyCode::Left), Char('h')],
        "Esc",
        Action::Back,
        "back to the list of steps",
        "steps",
    ),
    b(
        &[Char('b'), Code(KeyCode::Backspace)],
        "b",
        Action::WalkBack,
        "back to the step you came from",
        "walk back",
    ),
];
