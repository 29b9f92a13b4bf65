//! An open pathway: its header, its sections as tabs, its steps as a list
//! or a flow, choosing where to go from a step, and finding text in a
//! section. Its keys are in [`keys`], what they do in [`handle`] and
//! [`find`], its drawing in [`draw`] with the sections' text in
//! [`sections`], the steps in [`steps`] and their flow in [`flow`]. Its
//! state is the app's [`crate::tui::app::PathwayState`], which the
//! comparison and the meeting share.

mod draw;
mod find;
mod flow;
mod handle;
mod keys;
mod sections;
mod steps;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

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
        keys::table(ctx)
    }

    fn handle(&self, app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
        handle::handle(app, ctx, action)
    }

    fn typed(&self, app: &mut App, ctx: Context, key: KeyEvent) -> bool {
        ctx == Context::Filter && {
            find::typed(app, key);
            true
        }
    }

    fn click(&self, app: &mut App, at: Position) -> bool {
        handle::click(app, at)
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
        if let Some((p, state)) = app.open_pathway() {
            draw::draw(app, p, state, frame, body, drawn);
        }
    }
}
