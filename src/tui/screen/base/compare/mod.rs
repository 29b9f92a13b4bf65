//! Comparing participants' analyses: two side by side, or every one at
//! once as a matrix. Its keys are in [`keys`], what they do in [`handle`],
//! its drawing in [`draw`] (the matrix in [`matrix`], a lone point's likely
//! partners in [`partners`]). Choosing the pair, linking by hand and
//! turning a suggestion down are screens of their own on the stack
//! ([`crate::tui::screen::picker`], [`crate::tui::screen::linking`],
//! [`crate::tui::screen::reject`]).

mod draw;
mod handle;
mod keys;
mod matrix;
mod partners;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::Base;
use crate::compare::default_pair;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{Action, Binding, Context};
use crate::tui::message::Effect;

pub(crate) use handle::{act, suggestion_here};

/// The comparison screen of an open pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareState {
    /// The participants compared, left and right.
    pub a: String,
    pub b: String,
    /// Showing every participant at once instead of two.
    pub matrix: bool,
    /// The selected point: a row of the alignment, or of the matrix.
    pub selected: usize,
}

pub struct Compare;

/// Opens the comparison on the default pair.
pub fn open(app: &mut App) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    match default_pair(p) {
        Some((a, b)) => {
            if let Some(state) = app.pathway.as_mut() {
                state.compare = Some(CompareState {
                    a,
                    b,
                    matrix: false,
                    selected: 0,
                });
            }
        }
        None => {
            app.message = Some(
                "A comparison needs at least two participants: i on the overview (1) adds them."
                    .into(),
            )
        }
    }
}

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
        keys::table(ctx)
    }

    fn handle(&self, app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
        handle::handle(app, ctx, action);
        None
    }

    /// A click on a line of the table selects the point on it, while the
    /// comparison has the keys (not under linking, nor following).
    fn click(&self, app: &mut App, at: Position) -> bool {
        if !matches!(
            crate::tui::update::context(app),
            Context::Compare | Context::Matrix
        ) {
            return false;
        }
        let areas = &app.areas;
        let rows = areas.compare_rows;
        let line = rows
            .contains(at)
            .then(|| areas.compare_offset + usize::from(at.y - rows.y));
        let row = line.and_then(|l| areas.compare_line_rows.get(l).copied().flatten());
        if let (Some(row), Some(cmp)) = (row, app.pathway.as_mut().and_then(|s| s.compare.as_mut()))
        {
            cmp.selected = row;
        }
        true
    }

    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
        if let Some((p, state)) = app.open_pathway()
            && let Some(cmp) = &state.compare
        {
            draw::draw(app, p, cmp, frame, body, drawn);
        }
    }
}
