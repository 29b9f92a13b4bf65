//! Every participant side by side: one row per point, one column per
//! participant, the sharpest disagreements first, and the chosen row's
//! detail with its decision.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::draw::{SELECTED, decision_lines, draw_table, pad};
use crate::compare::{Match, Matrix};
use crate::model::{Pathway, Weight};
use crate::text::clean;
use crate::tui::app::{App, Areas, CompareState};
use crate::tui::minutes::{decision_for, name_of};
use crate::tui::theme::Theme;
use crate::tui::view::doc::{Doc, truncate};

fn cell_word(w: Option<Weight>) -> &'static str {
    match w {
        Some(Weight::High) => "high",
        Some(Weight::Medium) => "med",
        Some(Weight::Low) => "low",
        None => "yes",
    }
}

pub(super) fn draw_matrix(
    app: &App,
    p: &Pathway,
    cmp: &CompareState,
    m: &Matrix,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let t = &app.theme;
    let detail_height = if area.height >= 36 { 12 } else { 8 };
    let [head, table, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(4),
        Constraint::Length(detail_height),
    ])
    .areas(area);
    let missing: Vec<&str> = m
        .participants
        .iter()
        .zip(&m.has_analysis)
        .filter(|(_, has)| !**has)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut head_lines = vec![Line::from(vec![
        Span::styled(" Every participant · ", t.muted()),
        Span::styled(clean(&p.title).into_owned(), t.title()),
    ])];
    let mut key = String::new();
    if !missing.is_empty() {
        key.push_str(&format!(
            " no analysis yet: {} (A starts one) ·",
            missing.join(", ")
        ));
    }
    key.push_str(" sharpest disagreements first · yes: noted, no weight · ·: not seen");
    head_lines.push(Line::from(Span::styled(
        truncate(&key, usize::from(head.width)),
        t.muted(),
    )));
    frame.render_widget(Paragraph::new(head_lines), head);

    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border());
    let inner = block.inner(table);
    frame.render_widget(block, table);
    // Wide screens give each column room for the whole id.
    let widest = if inner.width >= 110 { 16 } else { 10 };
    let col = m
        .participants
        .iter()
        .map(|id| id.width().clamp(4, widest))
        .collect::<Vec<_>>();
    let used: usize = 9 + col.iter().map(|w| w + 1).sum::<usize>() + 1;
    let label_w = usize::from(inner.width).saturating_sub(used);
    let mut header = vec![Span::styled(format!(" {:<8}", "section"), t.heading())];
    for (id, w) in m.participants.iter().zip(&col) {
        header.push(Span::styled(format!("{} ", pad(id, *w)), t.heading()));
    }
    header.push(Span::styled("point", t.heading()));
    let mut rows: Vec<(Option<usize>, Line)> = vec![(None, Line::from(header))];
    for (n, r) in m.rows.iter().enumerate() {
        let chosen = n == cmp.selected;
        let mut spans = vec![
            Span::raw(if chosen { SELECTED } else { " " }),
            Span::styled(format!("{:<8}", r.section.as_str()), t.muted()),
        ];
        for (c, w) in r.cells.iter().zip(&col) {
            let (word, style) = match c {
                Some(c) => (cell_word(c.weight), weight_style(t, c.weight)),
                None => ("·", t.muted()),
            };
            spans.push(Span::styled(format!("{} ", pad(word, *w)), style));
        }
        let decided = r.sharpness > 0 && matrix_decision(p, r).is_some();
        let label = match r.matched {
            _ if decided => format!("✔ {}", r.label),
            Some(Match::Suggested) => format!("≈ {}", r.label),
            _ => r.label.clone(),
        };
        spans.push(Span::styled(pad(&label, label_w), t.text()));
        if chosen {
            spans = spans
                .into_iter()
                .map(|s| s.patch_style(t.selection()))
                .collect();
        }
        rows.push((Some(n), Line::from(spans)));
    }
    draw_table(&rows, cmp.selected, frame, inner, drawn);

    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" The point in full ", t.heading()));
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    let mut d = Doc::new();
    if let Some(r) = m.rows.get(cmp.selected) {
        if let Some(dec) = matrix_decision(p, r) {
            decision_lines(&mut d, t, p, dec);
        }
        if r.matched == Some(Match::Suggested) {
            d.para(
                "≈ grouped by similar wording: a suggestion, not confirmed by people.",
                t.role("suggested"),
            );
        }
        let mut silent = Vec::new();
        for (id, c) in m.participants.iter().zip(&r.cells) {
            match c {
                Some(c) => {
                    d.item(
                        &[(&format!("{id} [{}]: ", cell_word(c.weight)), t.heading())],
                        &c.text,
                        t.text(),
                    );
                }
                None => silent.push(id.as_str()),
            }
        }
        if !silent.is_empty() {
            d.item(
                &[("not mentioned by: ", t.muted())],
                &silent.join(", "),
                t.muted(),
            );
        }
    } else {
        d.para(
            "Nobody has written an analysis yet: A starts one.",
            t.muted(),
        );
    }
    frame.render_widget(Paragraph::new(d.lines(inner.width)), inner);
}

fn weight_style(t: &Theme, w: Option<Weight>) -> Style {
    match w {
        Some(Weight::High) => t.error(),
        Some(Weight::Medium) => t.warning(),
        _ => t.text(),
    }
}

/// The decision on a row of every participant, if the meeting took one.
fn matrix_decision<'a>(
    p: &'a Pathway,
    r: &crate::compare::MatrixRow,
) -> Option<&'a crate::model::Decision> {
    let points: Vec<String> = r
        .cells
        .iter()
        .flatten()
        .map(|c| name_of(c.id.as_ref(), &c.text))
        .collect();
    decision_for(p, &points)
}
