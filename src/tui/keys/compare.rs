//! Keys of the comparison of analyses: two participants or all, and linking points.

use crossterm::event::KeyCode;

use super::{Action, Binding, Char, Code, b};

pub const OPEN_COMPARE: Binding = b(
    &[Char('c')],
    "c",
    Action::Compare,
    "compare the participants' analyses",
    "compare",
);

/// Keys shared by both views of the comparison.
pub(super) const POINTS: [Binding; 2] = [
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

pub(super) const COMPARE: [Binding; 3] = [
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

pub(super) const MATRIX: [Binding; 2] = [
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

pub(super) const COMPARE_EDIT: [Binding; 3] = [
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
pub const ANALYSES: [Binding; 2] = [
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
pub(super) const LINKING: [Binding; 3] = [
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
