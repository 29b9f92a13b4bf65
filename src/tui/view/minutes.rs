//! Drawing what the meeting records: the form for a decision, question,
//! answer or action.
//!
//! Ticks are `[x]` and `[ ]`, the chosen field is marked `▶`, and choices
//! show `◀ value ▶`, so the form reads the same with no colour.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::doc::truncate;
use crate::text::clean;
use crate::tui::app::App;
use crate::tui::draft::{Draft, Kind};

fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    r
}

pub fn draw_draft(app: &App, d: &Draft, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(90);
    let inner_w = usize::from(width.saturating_sub(2));
    let label_w = d
        .fields
        .iter()
        .filter(|f| !matches!(f.kind, Kind::Tick(_)))
        .map(|f| f.label.width())
        .max()
        .unwrap_or(4)
        + 2;
    let mut lines = Vec::new();
    for about in &d.about {
        lines.push(Line::from(Span::styled(
            truncate(&clean(about), inner_w),
            t.muted(),
        )));
    }
    if !d.about.is_empty() {
        lines.push(Line::default());
    }
    let mut ticks_heading = false;
    for (i, f) in d.fields.iter().enumerate() {
        let chosen = i == d.selected;
        let mark = if chosen { "▶ " } else { "  " };
        let style = if chosen { t.selection() } else { t.text() };
        let line = match &f.kind {
            Kind::Text(input) => {
                let room = inner_w.saturating_sub(label_w + 3);
                let text = clean(&input.text).into_owned();
                // The end of a long line stays in view while typing.
                let shown = if text.width() > room {
                    let skip = text.chars().count().saturating_sub(room.saturating_sub(1));
                    format!("…{}", text.chars().skip(skip).collect::<String>())
                } else {
                    text
                };
                let cursor = if chosen { "▏" } else { "" };
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(format!("{:<label_w$}", f.label), t.heading()),
                    Span::styled(format!("{shown}{cursor}"), style),
                ])
            }
            Kind::Choice(options, at) => {
                let value = options
                    .get(*at)
                    .map_or(String::new(), |o| clean(&o.1).into_owned());
                let room = inner_w.saturating_sub(label_w + 6);
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(format!("{:<label_w$}", f.label), t.heading()),
                    Span::styled(format!("◀ {} ▶", truncate(&value, room)), style),
                ])
            }
            Kind::Tick(on) => {
                if !ticks_heading {
                    ticks_heading = true;
                    lines.push(Line::from(Span::styled(
                        "  In the room (Space or ←→ ticks):",
                        t.heading(),
                    )));
                }
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(
                        format!(
                            "{} {}",
                            if *on { "[x]" } else { "[ ]" },
                            truncate(&clean(&f.label), inner_w.saturating_sub(6))
                        ),
                        style,
                    ),
                ])
            }
        };
        lines.push(line);
    }
    lines.push(Line::default());
    // A follower sees the facilitator's form but cannot type into it: its
    // keys are the facilitator's, so the box says whose it is instead.
    lines.push(Line::from(Span::styled(
        match &app.follow.following {
            Some(_) => "The facilitator fills this in · f or Esc stops following",
            None => "Enter records it · Esc drops it · ↑↓ field",
        },
        t.muted(),
    )));
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = popup(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border())
                .title(Span::styled(format!(" {} ", d.title), t.heading())),
        ),
        rect,
    );
}
