//! An open pathway: its header, its sections as tabs, its steps as a list
//! or a flow, and finding text in a section.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::Base;
use crate::tui::app::{App, Areas, StepFocus, Tab};
use crate::tui::keys::{Action, Binding, Context};
use crate::tui::message::Effect;

pub struct Pathway;

impl Base for Pathway {
    fn context(&self, app: &App) -> Context {
        match &app.pathway {
            Some(p) if p.searching => Context::Filter,
            Some(p) if p.tab == Tab::Steps && p.flow => Context::Flow,
            Some(p) if p.tab == Tab::Steps && p.focus == StepFocus::Exits => Context::Exits,
            Some(p) if p.tab == Tab::Steps => Context::Steps,
            _ => Context::Pathway,
        }
    }

    fn name(&self, ctx: Context) -> &'static str {
        match ctx {
            Context::Steps => "steps",
            Context::Exits => "choosing the next step",
            Context::Flow => "the flow of the steps",
            _ => "pathway",
        }
    }

    fn presence(&self, app: &App) -> &'static str {
        let Some(state) = &app.pathway else {
            return "library";
        };
        match state.tab {
            Tab::Steps if state.flow => "flow of the steps",
            Tab::Overview => "overview",
            Tab::Steps => "steps",
            Tab::Analyses => "analyses",
            Tab::Monday => "Monday morning",
            Tab::Measures => "measures",
        }
    }

    fn keys(&self, ctx: Context) -> Option<Vec<Binding>> {
        matches!(
            ctx,
            Context::Pathway | Context::Steps | Context::Exits | Context::Flow
        )
        .then(|| crate::tui::keys::base_table(ctx))
    }

    fn handle(&self, app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
        use crate::tui::update::{exits, reading, search, steps};
        match ctx {
            Context::Filter => search(app, action),
            Context::Pathway => reading(app, action),
            Context::Steps if action == Action::Flow => crate::tui::flow::toggle(app),
            Context::Steps => steps(app, action),
            // The flow's own keys first; the rest move as in the list.
            Context::Flow if !crate::tui::flow::act(app, action) => steps(app, action),
            Context::Exits => exits(app, action),
            _ => {}
        }
        None
    }

    fn typed(&self, app: &mut App, ctx: Context, key: KeyEvent) -> bool {
        ctx == Context::Filter && {
            crate::tui::update::edit_filter(app, key);
            true
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
        if let Some((p, state)) = app.open_pathway() {
            crate::tui::view::pathway::draw(app, p, state, frame, body, drawn);
        }
    }
}
