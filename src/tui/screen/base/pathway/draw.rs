//! Drawing an open pathway: a header, a row of section tabs, and the
//! section: a reading one scrolls, the steps are a list or a flow.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::model::{Pathway, signoff};
use crate::text::clean;
use crate::tui::app::{App, Areas, PathwayState, Tab};
use crate::tui::view::doc::{Doc, highlight};
use crate::tui::view::status_style;

pub(super) fn draw(
    app: &App,
    p: &Pathway,
    state: &PathwayState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let [header, tabs, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_header(app, p, frame, header);
    draw_tabs(app, state, frame, tabs, drawn);
    match state.tab {
        Tab::Steps => super::steps::draw_steps(app, p, state, frame, body, drawn),
        Tab::Measures => crate::tui::view::chart::measures(app, p, state, frame, body, drawn),
        tab => {
            let doc = match tab {
                Tab::Overview => super::sections::overview(p, app),
                Tab::Analyses => super::sections::analyses(p, &app.theme),
                _ => super::sections::monday(p, &app.theme),
            };
            draw_reading(app, &doc, state, tab.title(), frame, body, drawn);
        }
    }
}

fn draw_header(app: &App, p: &Pathway, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let mut spans = vec![
        Span::styled(" ", theme.text()),
        Span::styled(clean(&p.title).into_owned(), theme.title()),
        Span::styled("  [", theme.muted()),
        Span::styled(p.status.as_str(), status_style(p.status, theme)),
    ];
    // Worked out only for an agreed pathway: a pass over the whole of it.
    let out_of_date = p.status == crate::model::Status::Agreed && {
        let now = signoff::digest(p);
        let counts = |s: &crate::model::SignOff| {
            crate::store::team::verify::verify_at(&now, s, &app.team.people).counts()
        };
        !signoff::agreement_out_of_date(p, counts).is_empty()
    };
    if out_of_date {
        spans.push(Span::styled(" — sign-offs out of date", theme.warning()));
    }
    spans.push(Span::styled("]", theme.muted()));
    // Before the place: it must not be cut off on a narrow terminal.
    if let Some(state) = &app.pathway
        && state.merge_record > 0
    {
        spans.push(Span::styled("  ⚠ unfinished merge (M)", theme.warning()));
    }
    let late = crate::meeting::overdue_actions(p, app.today);
    if late > 0 {
        spans.push(Span::styled(format!("  !{late} overdue"), theme.warning()));
    }
    if let Some(place) = &p.place {
        spans.push(Span::styled(format!("  {}", clean(place)), theme.muted()));
    }
    if let Some(local) = app.pathway.as_ref().and_then(|s| s.local.as_ref()) {
        spans.push(Span::styled(format!("  {}", local.label()), theme.accent()));
    }
    if app.read_only {
        spans.push(Span::styled("  read-only", theme.muted()));
    }
    let problems = crate::tui::screen::problems::of(p).len();
    if problems > 0 {
        spans.push(Span::styled(
            format!(
                "  ⚠ {problems} problem{} (!)",
                if problems == 1 { "" } else { "s" }
            ),
            theme.error(),
        ));
    }
    if crate::tui::editing::is_dirty(app) {
        spans.push(Span::styled("  ● unsaved (Ctrl-s saves)", theme.warning()));
    }
    if let Some(state) = &app.pathway
        && (state.searching || !state.search.is_empty())
    {
        spans.push(Span::styled("  find: ", theme.accent()));
        spans.push(Span::styled(
            clean(&state.search).into_owned(),
            theme.text(),
        ));
        spans.push(Span::styled(
            if state.searching { "▏" } else { " (n/N)" },
            theme.accent(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_tabs(app: &App, state: &PathwayState, frame: &mut Frame, area: Rect, drawn: &mut Areas) {
    let theme = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    let mut rects = Vec::new();
    let mut x = area.x + 1;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let active = *tab == state.tab;
        // A local version marks the sections this place changed.
        let changed = if state.local.as_ref().is_some_and(|l| l.changed_in(*tab)) {
            " ~"
        } else {
            ""
        };
        let label = if active {
            format!("▶{} {}{changed}", i + 1, tab.title())
        } else {
            format!(" {} {}{changed}", i + 1, tab.title())
        };
        let w = label.width() as u16;
        rects.push((
            Rect::new(x, area.y, w.min(area.right().saturating_sub(x)), 1),
            i,
        ));
        x += w + 1;
        spans.push(Span::styled(
            label,
            if active {
                theme.selection()
            } else {
                theme.text()
            },
        ));
        spans.push(Span::raw(" "));
    }
    drawn.tabs = rects;
    frame.render_widget(Line::from(spans), area);
}

/// A scrolling, wrapped section.
fn draw_reading(
    app: &App,
    doc: &Doc,
    state: &PathwayState,
    title: &str,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let scroll = state.scroll[state.tab.index()];
    let theme = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(format!(" {title} "), theme.heading()));
    let inner = block.inner(area);
    let mut lines = doc.lines(inner.width);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let matches = highlight(&mut lines, &state.search, theme.selection());
    drawn.max_scroll = max;
    drawn.page = inner.height.saturating_sub(1).max(1);
    drawn.match_lines = matches;
    let scroll = scroll.min(max);
    let block = if max > 0 {
        block.title_bottom(Span::styled(
            format!(
                " {}–{} of {} lines ",
                scroll + 1,
                (scroll + inner.height).min(lines.len() as u16),
                lines.len()
            ),
            theme.muted(),
        ))
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
