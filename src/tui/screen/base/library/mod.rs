//! The library: every pathway of the folder, to filter, sort and open.
//! Its state is [`LibraryState`] (held in [`App::library`]), kept in order
//! as files arrive by [`order`]; its keys are in [`keys`], what it does
//! with them in [`handle`], how it is drawn in [`draw`].

mod draw;
mod handle;
pub mod keys;
mod order;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::Base;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{Action, Binding, Context};
use crate::tui::message::Effect;

pub use handle::{open_selected, paste_filter};

/// How the list is sorted; `s` goes round them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Title,
    Status,
    Review,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Title => Sort::Status,
            Sort::Status => Sort::Review,
            Sort::Review => Sort::Title,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Title => "title",
            Sort::Status => "status",
            Sort::Review => "review date",
        }
    }
}

/// The library list: filter, sort and selection.
#[derive(Debug, Clone, Default)]
pub struct LibraryState {
    pub filter: String,
    pub filtering: bool,
    pub sort: Sort,
    /// Indices into `App::entries`, in display order, filtered.
    pub visible: Vec<usize>,
    /// The selected row of `visible`.
    pub selected: usize,
    /// Whether the user has chosen a row; until then the first row stays
    /// selected as pathways arrive, rather than whichever came first.
    pub chosen: bool,
    /// Every entry in the order of `sorted_by`, filtered or not, kept in
    /// order as files arrive rather than sorted again.
    order: Vec<usize>,
    sorted_by: Sort,
    /// Each entry's stamp when `order` was made: an entry whose stamp
    /// differs has changed since, and the order is made again.
    stamps: Vec<u64>,
    /// The lowercased filter `visible` was made with.
    filtered_by: String,
}

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
        keys::table(ctx)
    }

    fn handle(&self, app: &mut App, _ctx: Context, action: Action) -> Option<Effect> {
        handle::act(app, action);
        None
    }

    fn typed(&self, app: &mut App, ctx: Context, key: KeyEvent) -> bool {
        ctx == Context::Filter && {
            handle::type_filter(app, key);
            true
        }
    }

    /// Every click on the library is its own, on a row or not.
    fn click(&self, app: &mut App, at: Position) -> bool {
        handle::click(app, at);
        true
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
        draw::draw(app, frame, body, drawn);
    }
}
