//! The Measures tab: each measure with its latest value and what its run
//! chart says, in words. The chart itself is a screen of its own
//! ([`crate::tui::screen::chart`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::doc::Doc;
use crate::model::Pathway;
use crate::tui::app::{App, Areas, PathwayState};

/// The Measures tab: each measure with its target, its latest value and
/// what its run chart says in words; the chosen one marked `▶`, and Enter
/// opens its chart.
pub fn measures(
    app: &App,
    p: &Pathway,
    state: &PathwayState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let t = &app.theme;
    let chosen = state.measure;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" Measures ", t.heading()))
        .title_bottom(Span::styled(
            " ↑↓ choose · Enter: its run chart ",
            t.muted(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut head = Doc::new();
    head.para("How we will know the pathway works:", t.muted());
    head.blank();
    if p.measures.is_empty() {
        head.para("No measures yet.", t.muted());
    }
    let mut lines = head.lines(inner.width);
    let chosen = chosen.min(p.measures.len().saturating_sub(1));
    let (mut from, mut to) = (0, 0);
    for (i, m) in p.measures.iter().enumerate() {
        let mine = i == chosen;
        let mut d = Doc::new();
        let title = if mine { t.selection() } else { t.text() };
        d.item(
            &[(if mine { "▶ " } else { "• " }, t.accent())],
            &m.text,
            title,
        );
        if let Some(target) = &m.target {
            d.item(&[("  target: ", t.heading())], target, t.text());
        }
        let chart = crate::model::runchart::run_chart(m);
        match chart.points.last() {
            None => {
                d.item(&[("  ", t.text())], "No values recorded yet.", t.muted());
            }
            Some((date, value)) => {
                d.item(
                    &[("  latest: ", t.heading())],
                    &format!(
                        "{} on {date} ({} value{})",
                        trim(*value),
                        chart.points.len(),
                        if chart.points.len() == 1 { "" } else { "s" }
                    ),
                    t.text(),
                );
                let now: Vec<_> = chart.new_signals().collect();
                if now.is_empty() {
                    d.item(
                        &[("  signal: ", t.heading())],
                        "none at the latest value: what moves is within the usual noise",
                        t.text(),
                    );
                }
                for signal in now {
                    d.item(
                        &[("  signal: ", t.heading())],
                        &format!("⚑ {}", crate::tui::meeting::signal_words(signal)),
                        t.warning(),
                    );
                }
            }
        }
        d.blank();
        let mut these = d.lines(inner.width);
        if mine {
            from = lines.len();
            to = from + these.len().saturating_sub(2);
        }
        lines.append(&mut these);
    }
    // What `/` finds is marked here as on the other tabs.
    super::doc::highlight(&mut lines, &state.search, t.selection());
    let height = usize::from(inner.height);
    let previous = drawn.list_offset;
    // The chosen measure whole where it fits, its title first.
    let offset = super::keep_in_view(to, previous, height, lines.len());
    let offset = super::keep_in_view(from, offset, height, lines.len());
    drawn.list_offset = offset;
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A number as people write it: no trailing zeros.
pub fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
