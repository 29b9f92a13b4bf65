//! Keys of the meeting shared with other screens: opening it and a
//! measure's run chart, leading, asking, deciding, and following.

use crossterm::event::KeyCode;

use super::{Action, Binding, Char, Code, b};

pub(super) const OPEN_MEETING: Binding = b(
    &[Char('O')],
    "O",
    Action::Meeting,
    "the meeting: an agenda of what is open, sharpest first",
    "meeting",
);

pub(super) const OPEN_CHART: Binding = b(
    &[Code(KeyCode::Enter)],
    "Enter",
    Action::Open,
    "on Measures: the run chart of the chosen measure",
    "run chart",
);

pub const LEAD: Binding = b(
    &[Char('F')],
    "F",
    Action::Lead,
    "lead: ask the others here to follow your screen; again stops",
    "",
);

pub const ASK: Binding = b(
    &[Char('Q')],
    "Q",
    Action::Ask,
    "raise a question on what is chosen (a step, a point, or the pathway)",
    "",
);

pub const DECIDE: Binding = b(
    &[Char('d')],
    "d",
    Action::Decide,
    "record what the group decided on this disagreement",
    "decide",
);

pub(super) const FOLLOW_ASK: [Binding; 2] = [
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

pub(super) const FOLLOWING: [Binding; 1] = [b(
    &[Char('f'), Code(KeyCode::Esc)],
    "f/Esc",
    Action::Follow,
    "leave the facilitator's screen and look around on your own",
    "leave",
)];
