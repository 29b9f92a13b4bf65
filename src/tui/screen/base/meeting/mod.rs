//! The meeting: the agenda of what is to be agreed, taken item by item,
//! and the measures whose run charts it opens. The agenda itself is built
//! from the pathway by [`crate::tui::meeting`]; its keys are in [`keys`],
//! what it does with them in [`handle`] (and, on the Measures tab, in
//! [`measures`]), how it is drawn in [`draw`].

mod draw;
mod handle;
pub mod keys;
mod measures;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::Base;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{Action, Binding, Context};
use crate::tui::meeting::agenda;
use crate::tui::message::Effect;

pub use measures::on_measures;

/// The meeting screen: the agenda built from the pathway, and the item
/// chosen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingState {
    /// The chosen row of the agenda.
    pub selected: usize,
}

impl MeetingState {
    pub fn at(selected: usize) -> MeetingState {
        MeetingState { selected }
    }
}

pub struct Meeting;

impl Base for Meeting {
    fn context(&self, _app: &App) -> Context {
        Context::Meeting
    }

    fn name(&self, _ctx: Context) -> &'static str {
        "the meeting"
    }

    fn presence(&self, _app: &App) -> &'static str {
        "meeting"
    }

    fn keys(&self, ctx: Context) -> Option<Vec<Binding>> {
        (ctx == Context::Meeting).then(keys::table)
    }

    fn handle(&self, app: &mut App, _ctx: Context, action: Action) -> Option<Effect> {
        handle::on_agenda(app, action);
        None
    }

    fn click(&self, app: &mut App, at: Position) -> bool {
        handle::click(app, at)
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
        if let Some((p, state)) = app.open_pathway()
            && let Some(m) = &state.meeting
        {
            draw::draw(app, p, m, frame, body, drawn);
        }
    }
}

/// `O` on the pathway: opens the agenda, saying so when nothing is on it.
pub fn open(app: &mut App) {
    if let Some(s) = app.pathway.as_mut() {
        s.meeting = Some(MeetingState::default());
        s.compare = None;
    }
    if agenda(app).is_empty() {
        app.message = Some("Nothing is open in this pathway: no disagreement, question, action or measure to take.".into());
    }
}

/// Keeps the chosen row within the agenda.
pub fn clamp(app: &mut App) {
    let len = agenda(app).len();
    if let Some(m) = app.pathway.as_mut().and_then(|s| s.meeting.as_mut()) {
        m.selected = m.selected.min(len.saturating_sub(1));
    }
}
