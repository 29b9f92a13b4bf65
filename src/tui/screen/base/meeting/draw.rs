//! How the meeting is drawn: the agenda built from the pathway, one item a
//! line, what the chosen one is about, and who leads or follows.
//!
//! The kind of each item is written in words and overdue actions carry
//! `!`, so the agenda reads the same with no colour.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::MeetingState;
use crate::model::Pathway;
use crate::text::clean;
use crate::tui::app::{App, Areas};
use crate::tui::meeting::{Item, agenda};
use crate::tui::view::doc::truncate;
use crate::tui::view::keep_in_view;

/// The header, the agenda and the chosen item, in `area`.
pub(super) fn draw(
    app: &App,
    p: &Pathway,
    m: &MeetingState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let t = &app.theme;
    let items = agenda(app);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let late = items.iter().filter(|i| i.late).count();
    let mut spans = vec![
        Span::styled(" Meeting · ", t.muted()),
        Span::styled(clean(&p.title).into_owned(), t.title()),
        Span::styled(
            format!(
                "  {} item{}",
                items.len(),
                if items.len() == 1 { "" } else { "s" }
            ),
            t.muted(),
        ),
    ];
    if late > 0 {
        spans.push(Span::styled(format!(" · {late} overdue !"), t.warning()));
    }
    if app.follow.leading {
        spans.push(Span::styled(" · you lead (F stops)", t.accent()));
    }
    frame.render_widget(
        Line::from(truncate_spans(spans, usize::from(head.width))),
        head,
    );
    // Wide screens show the chosen item beside the list; narrow ones
    // below it.
    let (list_area, detail_area) = if body.width >= 100 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(body);
        (l, d)
    } else {
        let [l, d] = Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(body);
        (l, d)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" Agenda ", t.heading()));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    drawn.list = inner;
    let height = usize::from(inner.height);
    let selected = m.selected.min(items.len().saturating_sub(1));
    let offset = keep_in_view(selected, drawn.list_offset, height, items.len());
    drawn.list_offset = offset;
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    if items.is_empty() {
        lines.push(Line::from(Span::styled(
            " Nothing open: no disagreement, question, action or measure to take.",
            t.muted(),
        )));
    }
    for (i, item) in items.iter().enumerate().skip(offset).take(height) {
        lines.push(row(app, item, i == selected, width));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    draw_detail(app, items.get(selected), frame, detail_area);
}

fn row(app: &App, item: &Item, chosen: bool, width: usize) -> Line<'static> {
    let t = &app.theme;
    let mark = if chosen { "▶" } else { " " };
    let late = if item.late { "!" } else { " " };
    let kind = format!("{:<11}", item.kind.label());
    let room = width.saturating_sub(mark.width() + late.width() + kind.width() + 3);
    let title = truncate(&clean(&item.title), room);
    let pad = room.saturating_sub(title.width());
    let style = if chosen { t.selection() } else { t.text() };
    Line::from(vec![
        Span::styled(
            format!("{mark}{late}"),
            if item.late { t.warning() } else { style },
        ),
        Span::styled(format!("{kind} "), if chosen { style } else { t.muted() }),
        Span::styled(format!("{title}{}", " ".repeat(pad + 1)), style),
    ])
}

fn draw_detail(app: &App, item: Option<&Item>, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(item) = item else {
        return;
    };
    let lines = vec![
        Line::from(Span::styled(clean(&item.title).into_owned(), t.heading())),
        Line::from(Span::styled(clean(&item.detail).into_owned(), t.text())),
        Line::from(Span::styled(
            "Enter opens it where it can be decided or answered.",
            t.muted(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// Spans cut to `width` columns, whole spans first.
fn truncate_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut used = 0;
    let mut out = Vec::new();
    for s in spans {
        let w = s.content.width();
        if used + w > width {
            let rest = truncate(&s.content, width.saturating_sub(used));
            out.push(Span::styled(rest, s.style));
            break;
        }
        used += w;
        out.push(s);
    }
    out
}
