//! A measure's run chart: its values in date order, the median and the
//! target as lines, and the run-chart signals said in words beneath, so
//! the group can tell a change from noise (and read it with no colour).
//! Opened from an agenda item (the meeting stays beneath) or with Enter on
//! the Measures tab (which stays beneath); Esc goes back to either.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Clear, Dataset, GraphType, Paragraph};

use super::{Outcome, Regions, Scope, Screen};
use crate::model::{Measure, Pathway};
use crate::text::clean;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{self, Action, Binding, Code, Context, b};
use crate::tui::meeting::{Series, series};
use crate::tui::view::doc::Doc;

/// The run chart of the open pathway's measure at this index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunChart {
    pub measure: usize,
}

pub const KEYS: [Binding; 1] = [b(
    &[
        Code(KeyCode::Esc),
        Code(KeyCode::Backspace),
        Code(KeyCode::Enter),
    ],
    "Esc",
    Action::Back,
    "back to the agenda, or to the measures",
    "back",
)];

/// The chart's keys, leading the others, and those that work everywhere.
pub fn keys() -> Vec<Binding> {
    let mut all = KEYS.to_vec();
    all.push(keys::LEAD);
    all.extend(keys::global());
    all
}

impl Screen for RunChart {
    fn name(&self) -> &'static str {
        "a measure over time"
    }

    fn context(&self) -> Context {
        Context::Chart
    }

    /// Looked at together in the meeting, from the agenda or the Measures
    /// tab alike.
    fn presence(&self) -> Option<&'static str> {
        Some("meeting")
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn is_view(&self) -> bool {
        true
    }

    fn handle(&mut self, _app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Close,
            _ => Outcome::Consumed,
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        if let Some((p, _)) = app.open_pathway() {
            draw(app, p, self.measure, frame, at.body);
        }
    }
}

fn draw(app: &App, p: &Pathway, i: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(m) = p.measures.get(i) else {
        return;
    };
    frame.render_widget(Clear, area);
    let s = series(m);
    let words = words_height(&s, area);
    let [chart_area, words_area] =
        Layout::vertical([Constraint::Min(6), Constraint::Length(words)]).areas(area);
    let title = format!(" {} ", clean(&m.text));
    if s.values.is_empty() {
        let mut d = Doc::new();
        d.heading(&m.text, t.title());
        d.para(
            "No values recorded yet: add them under values: (date, value) and the chart appears here.",
            t.muted(),
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(d.lines(inner.width)), inner);
        return;
    }
    draw_chart(app, m, &s, &title, frame, chart_area);
    draw_words(app, m, &s, frame, words_area);
}

/// Rows for "What the chart says": every signal in full where the screen
/// allows, as a signal cut off is one the group would not discuss; the chart
/// keeps at least eight rows.
fn words_height(s: &Series, area: Rect) -> u16 {
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let said: usize = s
        .signals
        .iter()
        .map(|said| (said.chars().count() + 2).div_ceil(width))
        .sum::<usize>()
        .max(1);
    let wanted = u16::try_from(2 + 2 + said).unwrap_or(u16::MAX);
    let least = if area.height >= 30 { 9 } else { 6 };
    wanted
        .max(least)
        .min(area.height.saturating_sub(8).max(least))
}

fn draw_chart(app: &App, _m: &Measure, s: &Series, title: &str, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let points: Vec<(f64, f64)> = s
        .values
        .iter()
        .enumerate()
        .map(|(i, (_, v))| (i as f64, *v))
        .collect();
    let last = points.len().saturating_sub(1).max(1) as f64;
    let median = [(0.0, s.median), (last, s.median)];
    let target = s.target.map(|y| [(0.0, y), (last, y)]);
    let (mut lo, mut hi) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), (_, v)| {
            (lo.min(*v), hi.max(*v))
        });
    if let Some(y) = s.target {
        lo = lo.min(y);
        hi = hi.max(y);
    }
    let pad = ((hi - lo) * 0.1).max(0.5);
    let (lo, hi) = (lo - pad, hi + pad);
    let mut datasets = vec![
        Dataset::default()
            .name("values")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.accent())
            .data(&points),
        Dataset::default()
            .name("median")
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(t.muted())
            .data(&median),
    ];
    if let Some(target) = &target {
        datasets.push(
            Dataset::default()
                .name("target")
                .marker(Marker::Block)
                .graph_type(GraphType::Line)
                .style(t.warning())
                .data(target),
        );
    }
    let first = s.values.first().map_or(String::new(), |v| v.0.to_string());
    let last_date = s.values.last().map_or(String::new(), |v| v.0.to_string());
    let chart = Chart::new(datasets)
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border())
                .title(Span::styled(clean(title).into_owned(), t.heading())),
        )
        .x_axis(
            Axis::default()
                .bounds([0.0, last])
                .labels([first, last_date])
                .style(t.muted()),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels([format!("{lo:.1}"), format!("{hi:.1}")])
                .style(t.muted()),
        );
    frame.render_widget(chart, area);
}

fn draw_words(app: &App, m: &Measure, s: &Series, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" What the chart says ", t.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(
                "{} values, {} to {} · median {} · ",
                s.values.len(),
                s.values.first().map_or(String::new(), |v| v.0.to_string()),
                s.values.last().map_or(String::new(), |v| v.0.to_string()),
                crate::tui::view::chart::trim(s.median)
            ),
            t.text(),
        ),
        Span::styled(
            m.target
                .as_ref()
                .map_or("no target".into(), |x| format!("target {}", clean(x))),
            t.text(),
        ),
    ])];
    lines.push(Line::from(Span::styled(
        "Lines: ⠤⠊ the values · ••• the median · ███ the target",
        t.muted(),
    )));
    if s.signals.is_empty() {
        lines.push(Line::from(Span::styled(
            "No signal: what moves is within the usual noise.",
            t.muted(),
        )));
    }
    for said in &s.signals {
        lines.push(Line::from(Span::styled(
            format!("⚑ {said}"),
            t.warning().add_modifier(Modifier::BOLD),
        )));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}
