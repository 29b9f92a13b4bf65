//! The keys of an open pathway, by what they are for: its sections, its
//! steps as a list or a flow, choosing an exit, finding text, and what acts
//! on the whole pathway (comparing, meeting, versions, conflicts). The
//! groups other screens share, and the keys that open the comparison, the
//! meeting and a run chart, are in [`crate::tui::keys`].

use crossterm::event::KeyCode;

use crate::tui::keys::{
    ANALYSES, ASK, BOTTOM, EDIT, EDITING, EXPORT, GLOBAL, LEAD, LOCAL_CHANGES, MOVE, OPEN_CHART,
    OPEN_COMPARE, OPEN_MEETING, PAGE, REBASE, TOP, UP_DOWN,
};
use crate::tui::keys::{Action, Binding, Char, Code, Context, b};

/// The key table of `ctx`, as carepath ships it; `None` for a context
/// that is not the pathway's.
pub fn table(ctx: Context) -> Option<Vec<Binding>> {
    let mut all = Vec::new();
    match ctx {
        Context::Pathway => {
            all.extend(MOVE);
            all.push(OPEN_CHART);
            all.extend(SECTIONS);
            all.push(TO_LIBRARY);
            all.extend(EDITING);
            whole_pathway(&mut all);
            all.push(EXPORT);
            all.extend(ANALYSES);
            all.extend(GLOBAL);
        }
        Context::Steps => {
            all.extend(STEPS);
            all.push(SHOW_FLOW);
            all.extend(MOVE);
            all.extend(EDITING);
            all.extend(STEP_LIST);
            whole_pathway(&mut all);
            all.extend(SECTIONS);
            all.push(EXPORT);
            all.extend(GLOBAL);
        }
        Context::Exits => {
            all.extend(EXITS);
            all.push(UP_DOWN);
            all.extend(GLOBAL);
        }
        Context::Flow => {
            all.extend(FLOW);
            all.extend([PAGE, TOP, BOTTOM]);
            all.extend(SECTIONS);
            all.push(EDIT);
            all.push(OPEN_COMPARE);
            all.extend(GLOBAL);
        }
        _ => return None,
    }
    Some(all)
}

/// The keys that act on the whole pathway, wherever in it one is: compare,
/// meet, ask, find, edit its file, its problems, versions and conflicts.
fn whole_pathway(all: &mut Vec<Binding>) {
    all.push(OPEN_COMPARE);
    all.push(OPEN_MEETING);
    all.push(LEAD);
    all.push(ASK);
    all.extend(FIND);
    all.push(EDIT_FILE);
    all.push(crate::tui::screen::problems::OPEN);
    all.extend(VERSIONS);
    all.push(LOCAL_CHANGES);
    all.push(REBASE);
    all.push(SHOW_CONFLICTS);
}

const FLOW: [Binding; 3] = [
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

const SHOW_FLOW: Binding = b(
    &[Char('v')],
    "v",
    Action::Flow,
    "draw the steps as a flow (decisions, branches, where paths join)",
    "flow",
);

const FIND: [Binding; 2] = [
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

/// Moving between the sections: next, previous, by number.
const SECTIONS: [Binding; 3] = [
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
];

/// Leaving the pathway for the library.
const TO_LIBRARY: Binding = b(
    &[Code(KeyCode::Esc), Code(KeyCode::Backspace)],
    "Esc",
    Action::Back,
    "back to the library",
    "library",
);

const VERSIONS: [Binding; 4] = [
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

const SHOW_CONFLICTS: Binding = b(
    &[Char('M')],
    "M",
    Action::Conflicts,
    "decide the conflicts of a merge that did not finish",
    "",
);

const EDIT_FILE: Binding = b(
    &[Char('e')],
    "e",
    Action::ExternalEditor,
    "edit the whole pathway file in your own editor",
    "",
);

const STEP_LIST: [Binding; 4] = [
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

const STEPS: [Binding; 3] = [
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

const EXITS: [Binding; 3] = [
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
