//! The key map. One table per screen lists every key, what it does and how
//! it is shown; the status bar shows the `hint` ones and `?` shows all, so a
//! key on screen is always a key that works.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does. Its name in `config.yaml`'s `keys:` is the variant's
/// in kebab case (`SignOff` → `sign-off`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Left,
    Right,
    /// Enter: open, go in, follow.
    Open,
    /// Esc: close, go out.
    Back,
    /// Go back along the walk through the steps.
    WalkBack,
    NextTab,
    PrevTab,
    Tab(usize),
    Filter,
    NextMatch,
    PrevMatch,
    Sort,
    /// Open the comparison of participants' analyses.
    Compare,
    /// Switch between two participants and every participant at once.
    ToggleMatrix,
    /// Choose which participants are compared.
    PickPair,
    SetLeft,
    SetRight,
    /// Open the edit form for what is on screen.
    Edit,
    /// Edit the chosen field in $VISUAL / $EDITOR.
    ExternalEditor,
    Undo,
    Redo,
    Save,
    Discard,
    AddItem,
    DeleteItem,
    MoveItemUp,
    MoveItemDown,
    /// Show what is wrong with the pathway.
    Problems,
    /// Show unsaved changes against the saved file.
    ShowChanges,
    /// Decide the conflicts of a merge that did not finish.
    Conflicts,
    /// Bring back journalled edits, or throw them away.
    Restore,
    DropJournal,
    KeepOurs,
    TakeTheirs,
    /// Compare with an earlier version from git.
    History,
    /// The saves the library's history kept.
    Saves,
    /// Sign off the pathway for the user's participant.
    SignOff,
    /// Send saved changes to the shared git repository and take others'.
    Sync,
    /// What this place changed from the base its pathway is a local
    /// version of.
    LocalChanges,
    Rebase,
    /// Compare: make a suggested pair one point (a shared id).
    ConfirmPair,
    /// Compare: a suggested pair is not the same point.
    RejectPair,
    /// Compare: copy a point one side has into the other side's analysis.
    Adopt,
    /// Publish the library, or the open pathway, as a web site.
    Export,
    /// Start an analysis for a participant who has none.
    StartAnalysis,
    /// Remove a participant's analysis (after a question).
    RemoveAnalysis,
    /// Compare: choose a point, then its partner on the other side.
    Link,
    /// Compare: two points linked by one id are not the same after all.
    Unlink,
    /// Compare: link the point with the partner the detail pane ranks
    /// first (or the one with this number).
    LinkPartner(usize),
    /// Answers to a question.
    Yes,
    No,
    /// A form: fold or open the rows of the participant here.
    Fold,
    /// List who is in the library, and where.
    WhoIsHere,
    /// The steps drawn as a flow, or as a list again.
    Flow,
    /// Open the meeting's agenda, built from the pathway.
    Meeting,
    /// Ask the others in the pathway to follow this screen, or stop.
    Lead,
    /// Follow the facilitator who asks; or leave their screen.
    Follow,
    /// Record what the group decided on a disagreement.
    Decide,
    /// Raise a question on what is chosen (a step, a point, the pathway).
    Ask,
    /// Answer the open question.
    Answer,
    /// Close the open question (its asker or the pathway's lead).
    CloseQuestion,
    /// Add an action: who does what by when.
    AddAction,
    Help,
    ToggleMouse,
    Suspend,
    Quit,
}

/// Where the user is; each context has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum Context {
    Library,
    /// Typing into the library filter or a search: letters are text, not
    /// commands.
    Filter,
    Pathway,
    Steps,
    /// In a step's list of exits (next steps and branches).
    Exits,
    /// Comparing two participants' analyses.
    Compare,
    /// Every participant's analysis at once.
    Matrix,
    /// Choosing the participants to compare.
    Picker,
    /// The edit form: choosing a field.
    Form,
    /// Typing a field's new value: letters are text.
    Input,
    /// Choosing a field's value from a list.
    Choice,
    /// Save, discard or cancel before leaving with unsaved changes.
    Confirm,
    /// Writing long text in place: every key is text but these.
    TextEditor,
    /// The list of what is wrong with the pathway.
    Problems,
    /// The changes between two versions.
    Diff,
    /// Deciding a merge's conflicts.
    Conflicts,
    /// Offered edits kept from a session that ended without saving.
    Recover,
    /// Choosing an earlier version.
    Commits,
    /// The meeting's agenda.
    Meeting,
    /// A question's thread, from the agenda.
    Thread,
    /// A measure's run chart, from the agenda.
    Chart,
    /// Writing a decision, a question, an answer or an action: letters
    /// are text.
    Draft,
    /// Another session asks this one to follow it.
    FollowAsk,
    /// Following the facilitator's screen.
    Following,
    Help,
    /// A question asked before something is done.
    Question,
    /// Comparing, with a point chosen to link: choosing its partner.
    LinkTo,
    /// The list of who is here.
    WhoIsHere,
    /// The steps drawn as a flow.
    Flow,
}

/// A key (or keys) and what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written on screen.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// The word shown after the keys in the status bar; empty for keys
    /// listed only in the help.
    pub hint: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Char(char),
    Ctrl(char),
}

pub use Key::{Char, Code, Ctrl};

pub const fn b(
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        help,
        hint,
    }
}

pub const UP_DOWN: Binding = b(
    &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
    "↑↓/jk",
    Action::Up,
    "move up and down",
    "move",
);

const PAGE: Binding = b(
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

const TOP: Binding = b(
    &[Code(KeyCode::Home), Char('g')],
    "Home/g",
    Action::Top,
    "go to the top",
    "",
);

const BOTTOM: Binding = b(
    &[Code(KeyCode::End), Char('G')],
    "End/G",
    Action::Bottom,
    "go to the bottom",
    "",
);

const MOVE: [Binding; 4] = [UP_DOWN, PAGE, TOP, BOTTOM];

/// While typing a filter, letters are text: only the arrows move.
const ARROWS: Binding = b(
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

const QUIT: Binding = b(&[Char('q'), Ctrl('c')], "q", Action::Quit, "quit", "quit");

const OPEN_WHO_IS_HERE: Binding = b(
    &[Char('w')],
    "w",
    Action::WhoIsHere,
    "who is here: name, organisation, where they are",
    "",
);

const GLOBAL: [Binding; 5] = [SHOW_HELP, MOUSE, SUSPEND, QUIT, OPEN_WHO_IS_HERE];

/// The keys that work on most screens: help, mouse, suspend, quit, who
/// is here.
pub fn global() -> [Binding; 5] {
    GLOBAL
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

const NEW_PATHWAY: Binding = b(
    &[Char('n')],
    "n",
    Action::AddItem,
    "start a new pathway from a template",
    "new",
);

const LIBRARY: [Binding; 3] = [
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

const SYNC: Binding = b(
    &[Char('Y')],
    "Y",
    Action::Sync,
    "sync: send what is saved, take others' changes (git)",
    "",
);

const LOCAL_CHANGES: Binding = b(
    &[Char('B')],
    "B",
    Action::LocalChanges,
    "what this place changed from its base (a local version)",
    "",
);

const REBASE: Binding = b(
    &[Char('R')],
    "R",
    Action::Rebase,
    "take the base's new version, keeping this place's changes (a local version)",
    "",
);

const FILTER: [Binding; 2] = [
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

const OPEN_COMPARE: Binding = b(
    &[Char('c')],
    "c",
    Action::Compare,
    "compare the participants' analyses",
    "compare",
);

/// Keys shared by both views of the comparison.
const POINTS: [Binding; 2] = [
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "move between points",
        "",
    ),
    b(
        &[Code(KeyCode::Esc), Code(KeyCode::Backspace)],
        "Esc",
        Action::Back,
        "back to the pathway",
        "back",
    ),
];

const COMPARE: [Binding; 3] = [
    b(
        &[Char('n'), Char('N')],
        "n/N",
        Action::NextMatch,
        "next / previous disagreement",
        "next disagreement",
    ),
    b(
        &[Char('p')],
        "p",
        Action::PickPair,
        "choose which participants to compare",
        "pick",
    ),
    b(
        &[Char('a')],
        "a",
        Action::ToggleMatrix,
        "every participant at once",
        "all",
    ),
];

const MATRIX: [Binding; 2] = [
    b(
        &[Char('n'), Char('N')],
        "n/N",
        Action::NextMatch,
        "next / previous point people see differently",
        "next disagreement",
    ),
    b(
        &[Char('a')],
        "a",
        Action::ToggleMatrix,
        "back to two participants side by side",
        "two sides",
    ),
];

const PICKER: [Binding; 4] = [
    b(
        &[Char('a'), Code(KeyCode::Left), Char('h')],
        "a/←",
        Action::SetLeft,
        "compare this participant on the left",
        "left",
    ),
    b(
        &[Char('b'), Code(KeyCode::Right), Char('l')],
        "b/→",
        Action::SetRight,
        "compare this participant on the right",
        "right",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "move",
        "move",
    ),
    b(
        &[Code(KeyCode::Enter), Code(KeyCode::Esc)],
        "Enter/Esc",
        Action::Back,
        "done",
        "done",
    ),
];

const EDITING: [Binding; 4] = [
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

const FORM: [Binding; 4] = [
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
const FORM_MOVE: [Binding; 3] = [
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

const FORM_LIST: [Binding; 4] = [
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

const INPUT: [Binding; 2] = [
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

const CHOICE: [Binding; 3] = [
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

const PATHWAY: [Binding; 4] = [
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

const CONFLICTS: [Binding; 7] = [
    b(&[Char('o')], "o", Action::KeepOurs, "keep ours", "ours"),
    b(
        &[Char('t')],
        "t",
        Action::TakeTheirs,
        "take theirs",
        "theirs",
    ),
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "type the value yourself",
        "edit",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "choose a conflict",
        "",
    ),
    b(
        &[Ctrl('s')],
        "Ctrl-s",
        Action::Save,
        "when all are decided: write them and save",
        "save",
    ),
    b(
        &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
        "PgUp/PgDn",
        Action::PageUp,
        "scroll a long value",
        "scroll",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "close; decisions are kept until you leave the pathway",
        "close",
    ),
];

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

const COMPARE_EDIT: [Binding; 3] = [
    b(
        &[Char('y')],
        "y",
        Action::ConfirmPair,
        "confirm a suggested pair: the same point, with one id",
        "confirm",
    ),
    b(
        &[Char('r')],
        "r",
        Action::RejectPair,
        "reject a suggested pair: not the same point, never suggested again (asks first; u takes it back)",
        "reject",
    ),
    b(
        &[Char('t')],
        "t",
        Action::Adopt,
        "take a point only one side has into the other side's analysis",
        "take",
    ),
];

/// Every participant's own analysis: start one, remove one.
const ANALYSES: [Binding; 2] = [
    b(
        &[Char('A')],
        "A",
        Action::StartAnalysis,
        "start an analysis for a participant who has none",
        "",
    ),
    b(
        &[Char('X')],
        "X",
        Action::RemoveAnalysis,
        "remove a participant's analysis (asks first)",
        "",
    ),
];

/// Linking two points by hand in the comparison.
const LINKING: [Binding; 3] = [
    b(
        &[Char('L')],
        "L",
        Action::Link,
        "link by hand: choose this point, then its partner on the other side",
        "link",
    ),
    b(
        &[Char('U')],
        "U",
        Action::Unlink,
        "unlink two points that share an id: not the same point",
        "",
    ),
    b(
        &[Char('1'), Char('2'), Char('3'), Char('4'), Char('5')],
        "1-5",
        Action::LinkPartner(0),
        "link a point with no partner to a likely partner the detail lists",
        "",
    ),
];

/// Choosing the partner of the point being linked.
const LINK_TO: [Binding; 2] = [
    b(
        &[Code(KeyCode::Enter), Char('L')],
        "Enter",
        Action::Link,
        "link the chosen point with this one",
        "link here",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "stop linking",
        "cancel",
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

const OPEN_MEETING: Binding = b(
    &[Char('O')],
    "O",
    Action::Meeting,
    "the meeting: an agenda of what is open, sharpest first",
    "meeting",
);

const OPEN_CHART: Binding = b(
    &[Code(KeyCode::Enter)],
    "Enter",
    Action::Open,
    "on Measures: the run chart of the chosen measure",
    "run chart",
);

const LEAD: Binding = b(
    &[Char('F')],
    "F",
    Action::Lead,
    "lead: ask the others here to follow your screen; again stops",
    "",
);

const ASK: Binding = b(
    &[Char('Q')],
    "Q",
    Action::Ask,
    "raise a question on what is chosen (a step, a point, or the pathway)",
    "",
);

const DECIDE: Binding = b(
    &[Char('d')],
    "d",
    Action::Decide,
    "record what the group decided on this disagreement",
    "decide",
);

const MEETING: [Binding; 4] = [
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

const THREAD: [Binding; 4] = [
    b(
        &[Char('r')],
        "r",
        Action::Answer,
        "answer the question",
        "answer",
    ),
    b(
        &[Char('c')],
        "c",
        Action::CloseQuestion,
        "close the question (its asker or the pathway's lead)",
        "close it",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "scroll",
        "",
    ),
    b(
        &[Code(KeyCode::Esc), Code(KeyCode::Backspace)],
        "Esc",
        Action::Back,
        "back to the agenda",
        "back",
    ),
];

const CHART: [Binding; 1] = [b(
    &[
        Code(KeyCode::Esc),
        Code(KeyCode::Backspace),
        Code(KeyCode::Enter),
    ],
    "Esc",
    Action::Back,
    "back to the agenda, or to the measures",
    "back",
)];

const DRAFT: [Binding; 6] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "record it (saved with Ctrl-s, like any edit)",
        "record",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "drop it: nothing is recorded",
        "cancel",
    ),
    b(
        &[Code(KeyCode::Up), Code(KeyCode::Down)],
        "↑↓",
        Action::Up,
        "choose a field",
        "field",
    ),
    b(
        &[Code(KeyCode::Tab), Code(KeyCode::BackTab)],
        "Tab",
        Action::NextTab,
        "next field (Shift-Tab: previous)",
        "",
    ),
    b(
        &[Code(KeyCode::Left), Code(KeyCode::Right)],
        "←→",
        Action::Left,
        "choose a value; on a participant, in the room or not (Space too); in text, the cursor",
        "choose",
    ),
    b(
        &[Code(KeyCode::F(1))],
        "F1",
        Action::Help,
        "every key of this form (? is typed as text here)",
        "help",
    ),
];

const FOLLOW_ASK: [Binding; 2] = [
    b(
        &[Char('f')],
        "f",
        Action::Follow,
        "follow the facilitator's screen",
        "follow",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "not now (other keys work as before)",
        "not now",
    ),
];

const FOLLOWING: [Binding; 1] = [b(
    &[Char('f'), Code(KeyCode::Esc)],
    "f/Esc",
    Action::Follow,
    "leave the facilitator's screen and look around on your own",
    "leave",
)];

const EXPORT: Binding = b(
    &[Char('E')],
    "E",
    Action::Export,
    "export as a web site to the folder in the config (export:)",
    "",
);

/// Every binding of a context, most specific first, with the keys the
/// user chose in `config.yaml` ([`super::user_keys`]).
pub fn bindings(ctx: Context) -> Vec<Binding> {
    let built = bindings_as_built(ctx);
    match super::user_keys::chosen() {
        Some(user) => user.apply(built),
        None => built,
    }
}

/// Every binding of a context as carepath ships it.
pub fn bindings_as_built(ctx: Context) -> Vec<Binding> {
    if let Some(own) = super::screen::keys_of(ctx) {
        return own;
    }
    let mut all = Vec::new();
    match ctx {
        Context::Library => {
            all.extend(LIBRARY);
            all.push(NEW_PATHWAY);
            all.push(SYNC);
            all.push(EXPORT);
            all.extend(MOVE);
            all.extend(GLOBAL);
        }
        Context::Filter => {
            all.extend(FILTER);
            all.push(ARROWS);
        }
        Context::Pathway => {
            all.extend(MOVE);
            all.push(OPEN_CHART);
            all.extend(PATHWAY);
            all.extend(EDITING);
            all.push(OPEN_COMPARE);
            all.push(OPEN_MEETING);
            all.push(LEAD);
            all.push(ASK);
            all.extend(FIND);
            all.push(EDIT_FILE);
            all.push(super::screen::problems::OPEN);
            all.extend(VERSIONS);
            all.push(LOCAL_CHANGES);
            all.push(REBASE);
            all.push(SHOW_CONFLICTS);
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
            all.push(OPEN_COMPARE);
            all.push(OPEN_MEETING);
            all.push(LEAD);
            all.push(ASK);
            all.extend(FIND);
            all.push(EDIT_FILE);
            all.push(super::screen::problems::OPEN);
            all.extend(VERSIONS);
            all.push(LOCAL_CHANGES);
            all.push(REBASE);
            all.push(SHOW_CONFLICTS);
            all.extend(PATHWAY[..3].iter().copied());
            all.push(EXPORT);
            all.extend(GLOBAL);
        }
        Context::Exits => {
            all.extend(EXITS);
            all.push(UP_DOWN);
            all.extend(GLOBAL);
        }
        Context::Compare => {
            all.extend(COMPARE);
            all.push(POINTS[0]);
            all.push(PAGE);
            all.push(POINTS[1]);
            all.push(DECIDE);
            all.push(LEAD);
            all.push(ASK);
            all.extend(COMPARE_EDIT);
            all.extend(LINKING);
            all.push(ANALYSES[0]);
            all.extend(EDITING[1..].iter().copied());
            all.extend([TOP, BOTTOM]);
            all.extend(GLOBAL);
        }
        Context::Matrix => {
            all.extend(MATRIX);
            all.push(ANALYSES[0]);
            all.push(POINTS[0]);
            all.push(PAGE);
            all.push(POINTS[1]);
            all.push(DECIDE);
            all.push(LEAD);
            all.push(ASK);
            all.extend(EDITING[1..].iter().copied());
            all.extend([TOP, BOTTOM]);
            all.extend(GLOBAL);
        }
        Context::Picker => {
            all.extend(PICKER);
            all.extend(GLOBAL);
        }
        Context::Form => {
            all.extend(FORM);
            all.extend(FORM_MOVE);
            all.extend([PAGE, TOP, BOTTOM]);
            all.extend(FORM_LIST);
            all.extend(EDITING[1..].iter().copied());
            all.extend(GLOBAL);
        }
        Context::Input => all.extend(INPUT),
        Context::Choice => {
            all.extend(CHOICE);
            all.push(FORM_MOVE[0]);
            all.extend([PAGE, TOP, BOTTOM]);
            all.extend(GLOBAL);
        }
        Context::Conflicts => {
            all.extend(CONFLICTS);
            all.extend(GLOBAL);
        }
        Context::LinkTo => {
            all.extend(LINK_TO);
            all.push(UP_DOWN);
            all.extend(GLOBAL);
        }
        Context::Flow => {
            all.extend(FLOW);
            all.extend([PAGE, TOP, BOTTOM]);
            all.extend(PATHWAY[..3].iter().copied());
            all.push(EDITING[0]);
            all.push(OPEN_COMPARE);
            all.extend(GLOBAL);
        }
        Context::Meeting => {
            all.extend(MEETING);
            all.push(DECIDE);
            all.push(LEAD);
            all.push(ASK);
            all.extend([PAGE, TOP, BOTTOM]);
            all.extend(EDITING[1..].iter().copied());
            all.extend(GLOBAL);
        }
        Context::Thread => {
            all.extend(THREAD);
            all.push(LEAD);
            all.extend(EDITING[1..].iter().copied());
            all.extend(GLOBAL);
        }
        Context::Chart => {
            all.extend(CHART);
            all.push(LEAD);
            all.extend(GLOBAL);
        }
        Context::Draft => {
            all.extend(DRAFT);
        }
        Context::FollowAsk => {
            all.extend(FOLLOW_ASK);
            all.extend(GLOBAL);
        }
        Context::Following => {
            all.extend(FOLLOWING);
            all.extend(GLOBAL);
        }
        // The screens on the stack: their tables are in their own files.
        _ => {}
    }
    all
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Code(code) => !ctrl && ev.code == code,
        }
    }
}

/// The action `ev` means in `ctx`, if any.
pub fn action(ctx: Context, ev: &KeyEvent) -> Option<Action> {
    action_in(&bindings(ctx), ev)
}

/// The action `ev` means among `bindings`, if any.
pub fn action_in(bindings: &[Binding], ev: &KeyEvent) -> Option<Action> {
    for binding in bindings {
        if binding.keys.iter().any(|k| k.matches(ev)) {
            return Some(refine(binding.action, ev));
        }
    }
    None
}

/// Some bindings group opposite keys under one line of help; this picks the
/// action of the key that was pressed.
fn refine(action: Action, ev: &KeyEvent) -> Action {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match (action, ev.code) {
        (Action::Up, KeyCode::Down | KeyCode::Char('j')) => Action::Down,
        (Action::NextTab, KeyCode::BackTab) => Action::PrevTab,
        (Action::Left, KeyCode::Right) => Action::Right,
        (Action::PageUp, KeyCode::PageDown | KeyCode::Char(' ')) => Action::PageDown,
        (Action::PageUp, KeyCode::Char('f')) if ctrl => Action::PageDown,
        (Action::NextMatch, KeyCode::Char('N')) => Action::PrevMatch,
        (Action::LinkPartner(_), KeyCode::Char(c)) => {
            Action::LinkPartner(c.to_digit(10).map_or(0, |d| d as usize).saturating_sub(1))
        }
        (Action::Fold, KeyCode::Left | KeyCode::Char('h')) => Action::Left,
        (Action::Tab(_), KeyCode::Char(c)) => {
            Action::Tab(c.to_digit(10).map_or(0, |d| d as usize).saturating_sub(1))
        }
        (other, _) => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn arrows_and_vim_keys_move() {
        for ctx in [Context::Library, Context::Pathway, Context::Steps] {
            assert_eq!(action(ctx, &key(KeyCode::Down)), Some(Action::Down));
            assert_eq!(action(ctx, &key(KeyCode::Char('j'))), Some(Action::Down));
            assert_eq!(action(ctx, &key(KeyCode::Char('k'))), Some(Action::Up));
            assert_eq!(action(ctx, &key(KeyCode::PageDown)), Some(Action::PageDown));
        }
    }

    #[test]
    fn typing_a_filter_is_not_taken_for_commands() {
        assert_eq!(action(Context::Filter, &key(KeyCode::Char('q'))), None);
        assert_eq!(action(Context::Filter, &key(KeyCode::Char('j'))), None);
        assert_eq!(
            action(Context::Filter, &key(KeyCode::Esc)),
            Some(Action::Back)
        );
    }

    #[test]
    fn digits_pick_a_section() {
        assert_eq!(
            action(Context::Pathway, &key(KeyCode::Char('3'))),
            Some(Action::Tab(2))
        );
    }

    #[test]
    fn ctrl_c_quits_and_ctrl_z_suspends() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(action(Context::Library, &ctrl('c')), Some(Action::Quit));
        assert_eq!(action(Context::Steps, &ctrl('z')), Some(Action::Suspend));
    }

    #[test]
    fn every_context_shows_help_and_a_way_out() {
        // Every context where keys are commands (not typed text).
        for ctx in [
            Context::Library,
            Context::Pathway,
            Context::Steps,
            Context::Exits,
            Context::Compare,
            Context::Matrix,
            Context::Picker,
            Context::Form,
            Context::Choice,
            Context::Confirm,
            Context::Problems,
            Context::Diff,
            Context::Commits,
            Context::Conflicts,
            Context::Recover,
            Context::Meeting,
            Context::Thread,
            Context::Chart,
            Context::FollowAsk,
            Context::Following,
        ] {
            let all = bindings(ctx);
            assert!(
                all.iter()
                    .any(|b| !b.hint.is_empty() && b.action == Action::Help),
                "{ctx:?}"
            );
            assert!(
                all.iter()
                    .any(|b| !b.hint.is_empty() && matches!(b.action, Action::Back | Action::Quit)),
                "{ctx:?}"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_on_one_screen() {
        use strum::IntoEnumIterator;
        let mut twice = Vec::new();
        for ctx in Context::iter() {
            let all = bindings_as_built(ctx);
            for (n, b) in all.iter().enumerate() {
                for k in b.keys {
                    if let Some(first) = all[..n]
                        .iter()
                        .find(|o| o.keys.contains(k) && o.action != b.action)
                    {
                        twice.push(format!(
                            "{ctx:?}: {k:?} is {:?} and {:?}",
                            first.action, b.action
                        ));
                    }
                }
            }
        }
        assert!(twice.is_empty(), "{twice:#?}");
    }
}
