//! The comparison's keys: two participants side by side, or every one at
//! once, and what both share. The groups other screens have too (the
//! meeting's, undo and save, moving, the global keys) are in
//! [`crate::tui::keys`].

use crossterm::event::KeyCode;

use crate::tui::keys::{
    ASK, Action, BOTTOM, Binding, Char, Code, Context, DECIDE, LEAD, PAGE, START_ANALYSIS, TOP, b,
    global, undo_redo_save,
};

/// Moving between the points, in both views.
const MOVE_POINTS: Binding = b(
    &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
    "↑↓/jk",
    Action::Up,
    "move between points",
    "",
);

/// Leaving the comparison, in both views.
const BACK: Binding = b(
    &[Code(KeyCode::Esc), Code(KeyCode::Backspace)],
    "Esc",
    Action::Back,
    "back to the pathway",
    "back",
);

/// Two participants side by side: their disagreements, choosing the
/// pair, every participant.
const TWO_SIDES: [Binding; 3] = [
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

/// Every participant at once.
const EVERY_ONE: [Binding; 2] = [
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

/// Changing the analyses from the row under the cursor: confirm, reject,
/// take.
const PAIRS: [Binding; 3] = [
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

/// Linking two points by hand, or undoing a link.
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

/// The key table of `ctx`, as carepath ships it: two participants
/// ([`Context::Compare`]) or every one ([`Context::Matrix`]).
pub(super) fn table(ctx: Context) -> Option<Vec<Binding>> {
    let mut all = Vec::new();
    match ctx {
        Context::Compare => {
            all.extend(TWO_SIDES);
            all.extend([MOVE_POINTS, PAGE, BACK, DECIDE, LEAD, ASK]);
            all.extend(PAIRS);
            all.extend(LINKING);
            all.push(START_ANALYSIS);
        }
        Context::Matrix => {
            all.extend(EVERY_ONE);
            all.extend([START_ANALYSIS, MOVE_POINTS, PAGE, BACK, DECIDE, LEAD, ASK]);
        }
        _ => return None,
    }
    all.extend(undo_redo_save());
    all.extend([TOP, BOTTOM]);
    all.extend(global());
    Some(all)
}
