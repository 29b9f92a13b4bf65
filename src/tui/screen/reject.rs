//! Turning down a suggested pair in the comparison (`r`), asked once:
//! `y` rejects it, any other key keeps the suggestion. The question is
//! the status bar's message, so the pair asked about stays in view; what
//! is recorded, and `u` taking it back, is [`crate::tui::rejecting`]'s.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;

use super::{Outcome, Regions, Scope, Screen};
use crate::tui::app::{App, Areas};
use crate::tui::keys::{Action, Binding, Char, Code, Context, b};

/// Asking whether to reject the suggested pair on a row of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reject {
    /// The row asked about, as the comparison selects it.
    pub row: usize,
}

pub const KEYS: [Binding; 2] = [
    b(
        &[Char('y')],
        "y",
        Action::Yes,
        "reject: not the same point, never suggested again (u takes it back)",
        "reject",
    ),
    b(
        &[Char('n'), Code(KeyCode::Esc)],
        "n",
        Action::No,
        "keep the suggestion (so does any other key)",
        "keep",
    ),
];

/// `r` in the comparison: asks whether to reject the suggested pair under
/// the cursor, or says why there is none.
pub fn ask(app: &mut App) {
    let rejection = match crate::tui::screen::base::compare::suggestion_here(app) {
        Ok(r) => r,
        Err(why) => {
            if !why.is_empty() {
                app.message = Some(why.into());
            }
            return;
        }
    };
    let Some(cmp) = app.pathway.as_ref().and_then(|s| s.compare.as_ref()) else {
        return;
    };
    app.stack.push(Reject { row: cmp.selected });
    app.message = Some(
        crate::text::clean(&format!(
            "Reject this suggestion: “{}” and “{}” are not the same point? y rejects, n keeps it.",
            rejection.a, rejection.b
        ))
        .into_owned(),
    );
}

impl Reject {
    /// The answer: `yes` rejects the pair asked about; anything else keeps
    /// it.
    fn answer(self, app: &mut App, yes: bool) {
        let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) else {
            return;
        };
        if !yes {
            app.message = Some("Kept as a suggestion.".into());
            return;
        }
        cmp.selected = self.row;
        if let Ok(rejection) = crate::tui::screen::base::compare::suggestion_here(app) {
            crate::tui::rejecting::reject(app, rejection);
        }
    }
}

impl Screen for Reject {
    fn name(&self) -> &'static str {
        "rejecting a suggestion"
    }

    fn context(&self) -> Context {
        Context::Reject
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        self.answer(app, action == Action::Yes);
        Outcome::Close
    }

    fn typed(&mut self, app: &mut App, _key: KeyEvent) -> Outcome {
        self.answer(app, false);
        Outcome::Close
    }

    /// Nothing over the comparison: the question is in the status bar.
    fn render(&self, _app: &App, _frame: &mut Frame, _at: &Regions, _drawn: &mut Areas) {}
}
