//! Linking two points by hand in the comparison, once the first is
//! chosen (`L`): choosing its partner on the other side, Enter links them
//! ([`crate::tui::link`]), Esc stops. The comparison stays beneath and
//! moves as usual; it marks the point chosen first and says in its detail
//! pane how to finish.

use crossterm::event::KeyCode;
use ratatui::Frame;

use super::{Outcome, Regions, Scope, Screen};
use crate::compare::Row;
use crate::compare::partners::Side;
use crate::model::Section;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};

/// The point chosen first, while its partner is being chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Linking {
    pub section: Section,
    pub side: Side,
    /// Its place in its participant's list of that section.
    pub index: usize,
    pub text: String,
}

pub const KEYS: [Binding; 2] = [
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

/// Linking's keys, moving in the comparison, and those that work
/// everywhere.
pub fn keys() -> Vec<Binding> {
    let mut all = KEYS.to_vec();
    all.push(keys::UP_DOWN);
    all.extend(keys::global());
    all
}

impl Linking {
    /// Whether row `r` of `section` holds the point chosen first.
    pub fn holds(&self, section: Section, r: &Row) -> bool {
        self.section == section
            && match self.side {
                Side::A => r.a.as_ref(),
                Side::B => r.b.as_ref(),
            }
            .is_some_and(|x| x.text == self.text)
    }

    /// What the comparison's detail pane says while linking.
    pub fn note(&self) -> String {
        format!(
            "Linking {}: move to its partner on the other side and press Enter (Esc stops).",
            crate::model::words::quote(&self.text)
        )
    }
}

impl Screen for Linking {
    fn name(&self) -> &'static str {
        "linking two points"
    }

    fn context(&self) -> Context {
        Context::LinkTo
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn is_view(&self) -> bool {
        true
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Back => {
                app.message = Some("Not linked.".into());
                Outcome::Close
            }
            Action::Link | Action::Open if crate::tui::link::finish(app, self) => Outcome::Close,
            Action::Link | Action::Open => Outcome::Consumed,
            // Moving to the partner moves in the comparison beneath.
            _ => {
                crate::tui::screen::base::compare::act(app, action);
                Outcome::Consumed
            }
        }
    }

    /// Drawn by the comparison beneath ([`Linking::holds`],
    /// [`Linking::note`]), where the points are.
    fn render(&self, _app: &App, _frame: &mut Frame, _at: &Regions, _drawn: &mut Areas) {}
}
