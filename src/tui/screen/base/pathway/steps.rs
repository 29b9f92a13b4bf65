//! The Steps tab: the list of steps, the chosen step's detail and its
//! exits (next steps and branches), or the flow drawn instead of the list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::model::{Pathway, StepKind};
use crate::text::clean;
use crate::tui::app::{App, Areas, PathwayState, StepFocus};
use crate::tui::presence;
use crate::tui::view::doc::{Doc, truncate};

fn kind_marker(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Action => "•",
        StepKind::Decision => "◆",
        StepKind::Referral => "→",
        StepKind::Information => "i",
    }
}

pub(super) fn draw_steps(
    app: &App,
    p: &Pathway,
    state: &PathwayState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    if state.flow {
        super::flow::draw(app, p, state, frame, area, drawn);
        return;
    }
    let list_width = (area.width * 2 / 5).clamp(20, 44);
    let [list, detail] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(10)]).areas(area);
    draw_step_list(app, p, state, frame, list, drawn);
    draw_step_detail(app, p, state, frame, detail, drawn);
}

fn draw_step_list(
    app: &App,
    p: &Pathway,
    state: &PathwayState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let t = &app.theme;
    let focused = state.focus == StepFocus::List;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.accent() } else { t.border() })
        .title(Span::styled(
            format!(" Steps ({}) ", p.steps.len()),
            t.heading(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height).max(1);
    let previous = drawn.steps_offset;
    let offset = crate::tui::view::keep_in_view(state.step, previous, height, p.steps.len());
    drawn.steps = inner;
    drawn.steps_offset = offset;
    if p.steps.is_empty() {
        frame.render_widget(Paragraph::new("No steps yet.").style(t.muted()), inner);
        return;
    }
    let width = usize::from(inner.width);
    let others = presence::in_this_pathway(app);
    let lines: Vec<Line> = p
        .steps
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, s)| {
            let chosen = i == state.step;
            let found = !state.search.is_empty()
                && s.title
                    .to_ascii_lowercase()
                    .contains(&state.search.to_ascii_lowercase());
            let marker = match (chosen, found) {
                (true, _) => "▶",
                (false, true) => "*",
                _ => " ",
            };
            let mut text = format!("{marker}{:>2} {} {}", i + 1, kind_marker(s.kind), s.title);
            if let Some(local) = &state.local {
                // What this place changed from its base, in a column of its own.
                text = format!(
                    "{marker}{:>2}{} {} {}",
                    i + 1,
                    local.step_mark(&s.id),
                    kind_marker(s.kind),
                    s.title
                );
            }
            // Who else is on this step, by initials, kept in view at the end.
            let here: Vec<String> = others
                .iter()
                .filter(|o| o.step.as_deref() == Some(s.id.as_str()))
                .map(|o| presence::initials(&crate::text::clean(&o.name)))
                .collect();
            let tag = if here.is_empty() {
                String::new()
            } else {
                truncate(&format!(" [{}]", here.join(",")), width / 2)
            };
            let text = truncate(&text, width.saturating_sub(tag.width()));
            let pad = width.saturating_sub(text.width() + tag.width());
            let style = if chosen { t.selection() } else { t.text() };
            Line::from(vec![
                Span::styled(format!("{text}{}", " ".repeat(pad)), style),
                Span::styled(tag, t.accent()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_step_detail(
    app: &App,
    p: &Pathway,
    state: &PathwayState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let t = &app.theme;
    let Some(step) = p.steps.get(state.step) else {
        frame.render_widget(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border()),
            area,
        );
        drawn.exits.clear();
        return;
    };
    let rows = exit_rows(p, step, usize::from(area.width.saturating_sub(4)));
    let exit_lines: usize = rows.iter().map(Vec::len).sum();
    let exits_height = (exit_lines.max(1) as u16 + 2).min(area.height / 2).max(3);
    let [detail, exits] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(exits_height)]).areas(area);

    let mut d = Doc::new();
    d.heading(&step.title, t.title());
    let owner = step.owner.as_deref().map_or("no owner".to_string(), |o| {
        format!("owner: {}", p.participant_name(o))
    });
    d.para(
        &format!(
            "{} {} · {}",
            kind_marker(step.kind),
            step.kind.as_str(),
            owner
        ),
        t.muted(),
    );
    d.blank();
    if let Some(detail) = &step.detail {
        d.para(detail.trim_end(), t.text());
        d.blank();
    }
    if !step.red_flags.is_empty() {
        d.heading("Red flags", t.error());
        for flag in &step.red_flags {
            d.item(&[("⚠ ", t.error())], flag, t.text());
        }
    }
    let trail = if state.trail.is_empty() {
        String::new()
    } else {
        format!(" · {} back", state.trail.len())
    };
    let title = format!(" Step {} of {}{trail} ", state.step + 1, p.steps.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.heading()));
    let inner = block.inner(detail);
    let lines = d.lines(inner.width);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    drawn.detail_max_scroll = max;
    drawn.page = inner.height.saturating_sub(1).max(1);
    let block = if max > 0 {
        block.title_bottom(Span::styled(" PgUp/PgDn scroll ", t.muted()))
    } else {
        block
    };
    frame.render_widget(block, detail);
    frame.render_widget(
        Paragraph::new(lines).scroll((state.detail_scroll.min(max), 0)),
        inner,
    );

    draw_exits(app, state, step, &rows, frame, exits, drawn);
}

/// Each exit of a step as one line, or two when the condition and the
/// step it leads to do not fit on one: `Yes — … → Title`.
fn exit_rows(p: &Pathway, step: &crate::model::Step, width: usize) -> Vec<Vec<String>> {
    step.exits()
        .map(|exit| {
            let target = match p.step(exit.target) {
                Some(s) => clean(&s.title).into_owned(),
                None => format!("{} (no such step)", clean(exit.target)),
            };
            match exit.when {
                Some(when) => {
                    let one = format!("{} → {target}", clean(when));
                    if one.width() <= width {
                        vec![one]
                    } else {
                        vec![clean(when).into_owned(), format!("  → {target}")]
                    }
                }
                None => vec![format!("→ {target}")],
            }
        })
        .collect()
}

fn draw_exits(
    app: &App,
    state: &PathwayState,
    step: &crate::model::Step,
    rows: &[Vec<String>],
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let t = &app.theme;
    let focused = state.focus == StepFocus::Exits;
    let title = if step.kind == StepKind::Decision {
        " Branches "
    } else {
        " Next "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.accent() } else { t.border() })
        .title(Span::styled(title, t.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut rects = Vec::new();
    let mut lines = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let chosen = focused && i == state.exit;
        let top = inner.y + lines.len() as u16;
        for (j, text) in row.iter().enumerate() {
            let marker = if chosen && j == 0 { "▶ " } else { "  " };
            let text = truncate(&format!("{marker}{text}"), width);
            let pad = width.saturating_sub(text.width());
            lines.push(Line::from(Span::styled(
                format!("{text}{}", " ".repeat(pad)),
                if chosen { t.selection() } else { t.text() },
            )));
        }
        let height = (row.len() as u16).min(inner.bottom().saturating_sub(top));
        rects.push(Rect::new(inner.x, top, inner.width, height));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "  The pathway ends here.",
            t.muted(),
        )));
    }
    drawn.exits = rects;
    frame.render_widget(Paragraph::new(lines), inner);
}
