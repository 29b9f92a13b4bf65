//! A question over the screen: what is asked, wrapped to the box, and the
//! answers, the highlighted one in reverse video (with a marker, so it
//! shows without colour).

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::doc::{Doc, truncate};
use crate::text::clean;
use crate::tui::app::App;
use crate::tui::question::Question;

pub fn draw(app: &App, q: &Question, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(72);
    let inner_w = width.saturating_sub(2);
    let mut d = Doc::new();
    d.para(&q.text, t.text());
    let mut lines = d.lines(inner_w);
    lines.push(Line::default());
    for (i, (label, _)) in q.answers.iter().enumerate() {
        let chosen = i == q.selected;
        let text = format!("{}{}", if chosen { "› " } else { "  " }, clean(label));
        let style = if chosen { t.selection() } else { t.text() };
        lines.push(Line::from(Span::styled(
            truncate(&text, usize::from(inner_w)),
            style,
        )));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    super::clear_overlay(frame, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.accent())
                .title(Span::styled(format!(" {} ", clean(&q.title)), t.title())),
        ),
        popup,
    );
}
