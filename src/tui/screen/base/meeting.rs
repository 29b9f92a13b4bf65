//! The meeting: the agenda of what is to be agreed, and the measures.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Base;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{Action, Binding, Context};
use crate::tui::message::Effect;

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
        (ctx == Context::Meeting).then(|| crate::tui::keys::base_table(ctx))
    }

    fn handle(&self, app: &mut App, _ctx: Context, action: Action) -> Option<Effect> {
        crate::tui::meeting::act(app, action);
        None
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
        if let Some((p, state)) = app.open_pathway()
            && let Some(m) = &state.meeting
        {
            crate::tui::view::meeting::draw(app, p, m, frame, body, drawn);
        }
    }
}
