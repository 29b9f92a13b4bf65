//! Keys of the comparison of analyses that other screens have too: opening
//! it, and starting or removing a participant's analysis. The
//! comparison's own keys are in [`crate::tui::screen::base`]'s `compare`.

use super::{Action, Binding, Char, b};

pub const OPEN_COMPARE: Binding = b(
    &[Char('c')],
    "c",
    Action::Compare,
    "compare the participants' analyses",
    "compare",
);

pub const START_ANALYSIS: Binding = b(
    &[Char('A')],
    "A",
    Action::StartAnalysis,
    "start an analysis for a participant who has none",
    "",
);

/// Every participant's own analysis: start one, remove one.
pub const ANALYSES: [Binding; 2] = [
    START_ANALYSIS,
    b(
        &[Char('X')],
        "X",
        Action::RemoveAnalysis,
        "remove a participant's analysis (asks first)",
        "",
    ),
];
