//! A question's thread, opened from its agenda item over the meeting:
//! the question, who asked it and when, its answers, and whether it is
//! closed. `r` answers it in the meeting's form, `c` closes it.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{Outcome, Regions, Scope, Screen};
use crate::model::Pathway;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::view::doc::Doc;

/// The thread of the open pathway's question at this index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thread {
    pub question: usize,
}

pub const KEYS: [Binding; 4] = [
    b(
        &[Char('r')],
        "r",
        Action::Answer,
        "answer the question",
        "answer",
    ),
    b(
        &[Char('c')],
        "c",
        Action::CloseQuestion,
        "close the question (its asker or the pathway's lead)",
        "close it",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "scroll",
        "",
    ),
    b(
        &[Code(KeyCode::Esc), Code(KeyCode::Backspace)],
        "Esc",
        Action::Back,
        "back to the agenda",
        "back",
    ),
];

/// The thread's keys, leading the others, undoing and saving, and those
/// that work everywhere.
pub fn keys() -> Vec<Binding> {
    let mut all = KEYS.to_vec();
    all.push(keys::LEAD);
    all.extend(keys::undo_redo_save());
    all.extend(keys::global());
    all
}

impl Screen for Thread {
    fn name(&self) -> &'static str {
        "a question"
    }

    fn context(&self) -> Context {
        Context::Thread
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn is_view(&self) -> bool {
        true
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Back => return Outcome::Close,
            // The answer's form opens over the thread, which stays.
            Action::Answer => crate::tui::minutes::answer(app, self.question),
            Action::CloseQuestion => crate::tui::minutes::close(app, self.question),
            _ => {}
        }
        Outcome::Consumed
    }

    /// Over the meeting, under its header line.
    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        if let Some((p, _)) = app.open_pathway() {
            draw(app, p, self.question, frame, at.below_header);
        }
    }
}

/// A question with its answers, who asked and answered and when, and
/// whether it is closed.
fn draw(app: &App, p: &Pathway, i: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(q) = p.questions.get(i) else {
        return;
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" Question ", t.heading()));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    // A record says who by user name or by participant id.
    let who = |by: &str| {
        p.participant(by)
            .map_or_else(|| app.team.people.display(by), |x| x.name.clone())
    };
    let mut d = Doc::new();
    let on = match (&q.step, &q.point) {
        (Some(s), _) => format!("on the step {}", p.step(s).map_or(s.as_str(), |x| &x.title)),
        (_, Some(point)) => format!("on the point {point}"),
        _ => "on the pathway".into(),
    };
    d.heading(&q.text, t.title());
    d.para(
        &format!("Asked by {} on {}, {on}.", who(&q.by), q.date),
        t.muted(),
    );
    d.blank();
    if q.answers.is_empty() {
        d.para("No answer yet.", t.muted());
    }
    for a in &q.answers {
        d.item(
            &[(&format!("{} ({}): ", who(&a.by), a.date), t.heading())],
            &a.text,
            t.text(),
        );
    }
    d.blank();
    match &q.closed {
        Some(c) => d.para(
            &format!("Closed by {} on {}.", who(&c.by), c.date),
            t.accent(),
        ),
        None => d.para(
            "Open · r answers · c closes (its asker or the pathway's lead)",
            t.muted(),
        ),
    };
    frame.render_widget(
        Paragraph::new(d.lines(inner.width)).wrap(Wrap { trim: false }),
        inner,
    );
}
