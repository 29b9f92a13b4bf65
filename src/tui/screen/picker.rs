//! `p` in the comparison: choosing which two participants are compared,
//! one list of them all, each marked with the side it is on.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Outcome, Regions, Scope, Screen};
use crate::model::Pathway;
use crate::tui::app::{App, Areas, CompareState};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::update::move_in;
use crate::tui::view::doc::truncate;

/// The list of participants, this row highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picker {
    pub at: usize,
}

pub const KEYS: [Binding; 4] = [
    b(
        &[Char('a'), Code(KeyCode::Left), Char('h')],
        "a/←",
        Action::SetLeft,
        "compare this participant on the left",
        "left",
    ),
    b(
        &[Char('b'), Code(KeyCode::Right), Char('l')],
        "b/→",
        Action::SetRight,
        "compare this participant on the right",
        "right",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "move",
        "move",
    ),
    b(
        &[Code(KeyCode::Enter), Code(KeyCode::Esc)],
        "Enter/Esc",
        Action::Back,
        "done",
        "done",
    ),
];

/// The picker's keys and those that work everywhere.
pub fn keys() -> Vec<Binding> {
    let mut all = KEYS.to_vec();
    all.extend(keys::global());
    all
}

impl Picker {
    /// Opens on the participant on the left.
    pub fn open(app: &mut App) {
        let Some((p, state)) = app.open_pathway() else {
            return;
        };
        let Some(cmp) = &state.compare else {
            return;
        };
        let at = p
            .participants
            .iter()
            .position(|x| x.id == cmp.a)
            .unwrap_or(0);
        app.stack.push(Picker { at });
    }
}

impl Screen for Picker {
    fn name(&self) -> &'static str {
        "choosing participants"
    }

    fn context(&self) -> Context {
        Context::Picker
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn is_view(&self) -> bool {
        true
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let participants: Vec<String> = app.open_pathway().map_or(Vec::new(), |(p, _)| {
            p.participants.iter().map(|x| x.id.clone()).collect()
        });
        let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) else {
            return Outcome::Close;
        };
        let chosen = participants.get(self.at).cloned().unwrap_or_default();
        match action {
            Action::Up | Action::Down => self.at = move_in(self.at, participants.len(), 1, action),
            // Choosing the participant already on the other side swaps them.
            Action::SetLeft if chosen == cmp.b => std::mem::swap(&mut cmp.a, &mut cmp.b),
            Action::SetLeft => cmp.a = chosen,
            Action::SetRight if chosen == cmp.a => std::mem::swap(&mut cmp.a, &mut cmp.b),
            Action::SetRight => cmp.b = chosen,
            Action::Back => {
                cmp.selected = 0;
                return Outcome::Close;
            }
            _ => {}
        }
        Outcome::Consumed
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        if let Some((p, state)) = app.open_pathway()
            && let Some(cmp) = &state.compare
        {
            draw(app, p, cmp, self.at, frame, at.body);
        }
    }
}

fn draw(app: &App, p: &Pathway, cmp: &CompareState, at: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(76);
    let inner_w = usize::from(width.saturating_sub(2));
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            "a sets the left side, b the right; Enter when done",
            inner_w,
        ),
        t.muted(),
    ))];
    for (i, x) in p.participants.iter().enumerate() {
        let side = if x.id == cmp.a {
            "◀ left  "
        } else if x.id == cmp.b {
            "▶ right "
        } else {
            "        "
        };
        let note = if p.analyses.get(&x.id).is_some_and(|a| !a.is_empty()) {
            ""
        } else {
            " (no analysis yet)"
        };
        let text = truncate(
            &format!(
                "{}{side}{} — {}{note}",
                if i == at { "› " } else { "  " },
                x.name,
                x.kind.label()
            ),
            inner_w,
        );
        let style = if i == at { t.selection() } else { t.text() };
        lines.push(Line::from(Span::styled(text, style)));
    }
    crate::tui::view::popup::boxed(
        app,
        "Compare which participants?",
        lines,
        width,
        frame,
        area,
    );
}
