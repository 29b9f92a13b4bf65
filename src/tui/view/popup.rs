//! Boxes drawn over the screen: centred, sized to what they hold.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::tui::app::App;

/// A rectangle of `width` by `height` in the middle of `area`.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    r
}

/// `lines` in a box with an accent border and `title`, `width` wide and as
/// tall as its lines allow, in the middle of `area`, over what is beneath.
/// Returns where the box is (to place a cursor in it).
pub fn boxed(
    app: &App,
    title: &str,
    lines: Vec<Line>,
    width: u16,
    frame: &mut Frame,
    area: Rect,
) -> Rect {
    let t = &app.theme;
    let at = popup(area, width, lines.len() as u16 + 2);
    super::clear_overlay(frame, at);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.accent())
                .title(Span::styled(format!(" {title} "), t.title())),
        ),
        at,
    );
    at
}

/// A row of keys and what each does: ` s  save    d  discard`.
pub fn choices(app: &App, keys: &[(&str, &str)]) -> Line<'static> {
    let t = &app.theme;
    let mut spans = Vec::new();
    for (i, (key, what)) in keys.iter().enumerate() {
        let gap = if i + 1 < keys.len() { "   " } else { "" };
        spans.push(Span::styled(format!(" {key} "), t.selection()));
        spans.push(Span::styled(format!(" {what}{gap}"), t.text()));
    }
    Line::from(spans)
}

/// A question in a box of its own, over the screen, sized to its lines.
pub fn question(app: &App, title: &str, lines: Vec<Line>, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = lines.iter().map(Line::width).max().unwrap_or(40) as u16 + 4;
    let area = popup(area, width, lines.len() as u16 + 2);
    super::clear_overlay(frame, area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.warning())
                .title(Span::styled(format!(" {title} "), t.warning())),
        ),
        area,
    );
}
