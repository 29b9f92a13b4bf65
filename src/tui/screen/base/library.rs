//! The library: every pathway of the folder, to filter, sort and open.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::Base;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{Action, Binding, Context};
use crate::tui::message::Effect;

pub struct Library;

impl Base for Library {
    fn context(&self, app: &App) -> Context {
        if app.library.filtering {
            Context::Filter
        } else {
            Context::Library
        }
    }

    fn name(&self, _ctx: Context) -> &'static str {
        "library"
    }

    fn presence(&self, _app: &App) -> &'static str {
        "library"
    }

    fn keys(&self, ctx: Context) -> Option<Vec<Binding>> {
        matches!(ctx, Context::Library | Context::Filter).then(|| crate::tui::keys::base_table(ctx))
    }

    fn handle(&self, app: &mut App, _ctx: Context, action: Action) -> Option<Effect> {
        crate::tui::update::library(app, action);
        None
    }

    fn typed(&self, app: &mut App, ctx: Context, key: KeyEvent) -> bool {
        ctx == Context::Filter && {
            crate::tui::update::edit_filter(app, key);
            true
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
        crate::tui::view::library::draw(app, frame, body, drawn);
    }
}
