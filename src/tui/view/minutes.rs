//! Drawing a question's thread, from the agenda. (The form for what the
//! meeting records is a screen of its own, [`crate::tui::screen::draft`].)

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::doc::Doc;
use crate::model::Pathway;
use crate::tui::app::App;

/// A question with its answers, who asked and answered and when, and
/// whether it is closed.
pub fn draw_thread(app: &App, p: &Pathway, i: usize, frame: &mut Frame, area: Rect) {
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
