//! Comparing participants' analyses: two side by side, or every one at
//! once as a matrix.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Base;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{Action, Binding, Context};
use crate::tui::message::Effect;

pub struct Compare;

impl Base for Compare {
    fn context(&self, app: &App) -> Context {
        match app.pathway.as_ref().and_then(|p| p.compare.as_ref()) {
            Some(c) if c.matrix => Context::Matrix,
            _ => Context::Compare,
        }
    }

    fn name(&self, ctx: Context) -> &'static str {
        match ctx {
            Context::Matrix => "every participant",
            _ => "comparing two participants",
        }
    }

    fn presence(&self, _app: &App) -> &'static str {
        "compare"
    }

    fn keys(&self, ctx: Context) -> Option<Vec<Binding>> {
        matches!(ctx, Context::Compare | Context::Matrix).then(|| crate::tui::keys::base_table(ctx))
    }

    fn handle(&self, app: &mut App, _ctx: Context, action: Action) -> Option<Effect> {
        crate::tui::compare::act(app, action);
        None
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
        if let Some((p, state)) = app.open_pathway()
            && let Some(cmp) = &state.compare
        {
            crate::tui::view::compare::draw(app, p, cmp, frame, body, drawn);
        }
    }
}
