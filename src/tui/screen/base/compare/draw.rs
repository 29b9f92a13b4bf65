//! The comparison screen: two participants' analyses side by side, point
//! by point, with a summary of agreement, or every participant at once.
//!
//! Status is always written in words and marks (`= agree`, `~ differ`,
//! `◀ only`, `▶ only`, `≈` for a suggested pairing), so it reads the same
//! with no colour at all.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::compare::{Alignment, Counts, Match, Row, RowStatus};
use crate::model::{Pathway, Point, Weight};
use crate::text::clean;
use crate::tui::app::{App, Areas, CompareState};
use crate::tui::compare::{alignment, all};
use crate::tui::minutes::{decision_for, name_of};
use crate::tui::theme::Theme;
use crate::tui::view::doc::{Doc, truncate};

pub fn draw(
    app: &App,
    p: &Pathway,
    cmp: &CompareState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    if cmp.matrix {
        super::matrix::draw_matrix(
            app,
            p,
            cmp,
            &all(p, (&app.rejections, &app.synonyms)),
            frame,
            area,
            drawn,
        );
    } else if let Some(al) = alignment(p, cmp, (&app.rejections, &app.synonyms)) {
        draw_pair(app, p, cmp, &al, frame, area, drawn);
    }
}

fn status_style(t: &Theme, r: &Row) -> Style {
    let style = t.role(match r.status {
        RowStatus::Agree => "agree",
        RowStatus::Differ => "differ",
        RowStatus::OnlyA => "only_a",
        RowStatus::OnlyB => "only_b",
    });
    if r.matched == Some(Match::Suggested) {
        t.role("suggested").add_modifier(Modifier::ITALIC)
    } else {
        style
    }
}

fn status_label(r: &Row) -> &'static str {
    match (r.status, r.matched) {
        (_, Some(Match::Suggested)) => "≈ similar",
        (RowStatus::Agree, _) => "= agree",
        (RowStatus::Differ, _) => "~ differ",
        (RowStatus::OnlyA, _) => "◀ only",
        (RowStatus::OnlyB, _) => "▶ only",
    }
}

/// The left and right sides are named once, on the line above, and marked
/// ◀ and ▶; the counts use the same marks so they fit at 80 columns.
fn counts_line(label: &str, c: Counts) -> String {
    format!(
        "{label:<8} {} agree · {} differ · {} only ◀ · {} only ▶ · {:.0}% agreement",
        c.agree,
        c.differ,
        c.only_a,
        c.only_b,
        c.agreement() * 100.0
    )
}

fn draw_pair(
    app: &App,
    p: &Pathway,
    cmp: &CompareState,
    al: &Alignment,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let t = &app.theme;
    let detail_height = if area.height >= 36 { 12 } else { 8 };
    let missing = crate::tui::analyses::everybody_counts(p);
    let [head, pair, summary, table, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(4 + u16::from(missing.is_some())),
        Constraint::Min(4),
        Constraint::Length(detail_height),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(" Comparing analyses · ", t.muted()),
            Span::styled(clean(&p.title).into_owned(), t.title()),
        ]),
        head,
    );
    let half = usize::from(pair.width).saturating_sub(3 + 8 + 2) / 2;
    // The name gives way before the note that a side has no analysis.
    let side = |id: &str, has: bool| {
        let name = p.participant(id).map_or(id.to_string(), |x| {
            format!("{} ({})", x.name, x.kind.label())
        });
        let note = if has { "" } else { " — no analysis yet" };
        format!(
            "{}{note}",
            truncate(&name, half.saturating_sub(note.width()))
        )
    };
    frame.render_widget(
        Line::from(vec![
            Span::styled(" ◀ ", t.role("only_a")),
            Span::styled(side(&al.a, al.a_has_analysis), t.heading()),
            Span::styled("  with  ", t.muted()),
            Span::styled(side(&al.b, al.b_has_analysis), t.heading()),
            Span::styled(" ▶", t.role("only_b")),
        ]),
        pair,
    );

    let mut lines = Vec::new();
    for s in &al.sections {
        lines.push(Line::from(Span::styled(
            format!(" {}", counts_line(s.section.title(), Counts::of(&s.rows))),
            t.text(),
        )));
    }
    lines.push(Line::from(Span::styled(
        format!(" {}", counts_line("Overall", al.counts())),
        t.heading(),
    )));
    if let Some(line) = missing {
        lines.push(Line::from(Span::styled(
            truncate(&format!(" {}", clean(&line)), usize::from(summary.width)),
            t.warning(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), summary);

    // The table: section headings, then one line per aligned point.
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border());
    let inner = block.inner(table);
    frame.render_widget(block, table);
    let status_w = 10usize;
    let side_w = usize::from(inner.width).saturating_sub(status_w + 3) / 2;
    let mut rows: Vec<(Option<usize>, Line)> = Vec::new();
    let mut n = 0;
    for s in &al.sections {
        rows.push((
            None,
            Line::from(Span::styled(format!("{} ", s.section.title()), t.heading())),
        ));
        if s.rows.is_empty() {
            rows.push((
                None,
                Line::from(Span::styled("  nothing written by either side", t.muted())),
            ));
        }
        for r in &s.rows {
            let chosen = n == cmp.selected;
            let cell = |x: &Option<Point>| {
                x.as_ref().map_or(String::new(), |x| {
                    format!("{}{}", weight_tag(x.weight), x.text)
                })
            };
            let marker = if chosen {
                SELECTED
            } else if linking_from(app, s.section, r) {
                "+"
            } else {
                " "
            };
            let decided = r.is_disagreement() && decision(p, r).is_some();
            let mut spans = vec![
                Span::raw(marker),
                if decided {
                    Span::styled(format!("{:<w$}", "✔ decided", w = status_w), t.accent())
                } else {
                    Span::styled(
                        format!("{:<w$}", status_label(r), w = status_w),
                        status_style(t, r),
                    )
                },
                Span::raw(" "),
                Span::styled(pad(&cell(&r.a), side_w), t.text()),
                Span::raw(" "),
                Span::styled(pad(&cell(&r.b), side_w), t.text()),
            ];
            if chosen {
                spans = spans
                    .into_iter()
                    .map(|s| s.patch_style(t.selection()))
                    .collect();
            }
            rows.push((Some(n), Line::from(spans)));
            n += 1;
        }
    }
    draw_table(&rows, cmp.selected, frame, inner, drawn);

    let selected = al.rows().nth(cmp.selected);
    draw_pair_detail(app, p, (al, cmp), selected, frame, detail);
}

/// Draws table lines, scrolled so the selected row shows, and records
/// where each line is for the mouse.
pub(super) fn draw_table(
    rows: &[(Option<usize>, Line)],
    selected: usize,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let height = usize::from(area.height).max(1);
    let at = rows
        .iter()
        .position(|(r, _)| *r == Some(selected))
        .unwrap_or(0);
    let previous = drawn.compare_offset;
    let offset = if at < previous {
        // Keep the section heading above the first row in view.
        at.saturating_sub(1)
    } else if at >= previous + height {
        at + 1 - height
    } else {
        previous
    }
    .min(rows.len().saturating_sub(height));
    drawn.compare_rows = area;
    drawn.compare_offset = offset;
    drawn.compare_line_rows = rows.iter().map(|(r, _)| *r).collect();
    let lines: Vec<Line> = rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|(_, l)| l.clone())
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The mark of the selected row: not `▶`, which marks the right-hand side.
pub(super) const SELECTED: &str = "›";

/// Whether row `r` holds the point chosen first while linking by hand.
fn linking_from(app: &App, section: crate::model::Section, r: &Row) -> bool {
    app.stack
        .find::<crate::tui::screen::linking::Linking>()
        .is_some_and(|from| from.holds(section, r))
}

fn weight_tag(w: Option<Weight>) -> &'static str {
    match w {
        Some(Weight::High) => "[high] ",
        Some(Weight::Medium) => "[med] ",
        Some(Weight::Low) => "[low] ",
        None => "",
    }
}

/// `text` cut or padded to exactly `width` columns.
pub(super) fn pad(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let w = t.width();
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

fn draw_pair_detail(
    app: &App,
    p: &Pathway,
    (al, cmp): (&Alignment, &CompareState),
    row: Option<&Row>,
    frame: &mut Frame,
    area: Rect,
) {
    let t = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" The point in full ", t.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut d = Doc::new();
    match row {
        None => {
            d.para(
                "Neither side has written anything to compare yet: A starts an analysis, p picks others.",
                t.muted(),
            );
        }
        Some(r) => {
            let how = match (r.status, r.matched) {
                (_, Some(Match::Suggested)) => format!(
                    "Suggested pairing: the wording is similar ({:.0}%), but nobody has confirmed these are the same point.",
                    r.similarity.unwrap_or(0.0) * 100.0
                ),
                (RowStatus::Agree, _) => "Both sides agree on this point.".into(),
                (RowStatus::Differ, _) => format!(
                    "Same point (shared id), seen differently: {}.",
                    r.differences.join(", ")
                ),
                (RowStatus::OnlyA, _) => format!("Only {} sees this.", p.participant_name(&al.a)),
                (RowStatus::OnlyB, _) => format!("Only {} sees this.", p.participant_name(&al.b)),
            };
            d.para(&how, status_style(t, r));
            if let Some(dec) = decision(p, r) {
                decision_lines(&mut d, t, p, dec);
            }
            super::partners::add(app, p, al, cmp, &mut d, inner.width);
            let differs = |field: &str| {
                if r.differences.contains(&field) {
                    " ≠"
                } else {
                    ""
                }
            };
            for (mark, id, point) in [("◀ ", &al.a, &r.a), ("▶ ", &al.b, &r.b)] {
                let Some(x) = point else { continue };
                let weight = x
                    .weight
                    .map_or("no weight".to_string(), |w| w.as_str().to_string());
                let head = format!(
                    "{}: [{weight}{}] ",
                    p.participant_name(id),
                    differs("weight")
                );
                d.item(
                    &[(mark, t.accent()), (&head, t.heading())],
                    &format!("{}{}", x.text, differs("text")),
                    t.text(),
                );
                if let Some(e) = &x.evidence {
                    d.item(
                        &[("    evidence: ", t.muted())],
                        &format!("{e}{}", differs("evidence")),
                        t.text(),
                    );
                } else if r.differences.contains(&"evidence") {
                    d.item(&[("    evidence: ", t.muted())], "none given ≠", t.muted());
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(d.lines(inner.width)), inner);
}

/// The decision on a row of two sides, if the meeting took one.
fn decision<'a>(p: &'a Pathway, r: &Row) -> Option<&'a crate::model::Decision> {
    let points: Vec<String> = [&r.a, &r.b]
        .into_iter()
        .flatten()
        .map(|x| name_of(x.id.as_ref(), &x.text))
        .collect();
    decision_for(p, &points)
}

/// A decision, said in full: what, why, when, who was in the room and who
/// was not, marked when a participant whose point it was was not there.
pub(super) fn decision_lines(d: &mut Doc, t: &Theme, p: &Pathway, dec: &crate::model::Decision) {
    let v = crate::meeting::voices(p, dec);
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "nobody".to_string()
        } else {
            ids.iter()
                .map(|x| p.participant_name(x).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    d.item(
        &[(&format!("✔ Decided {}: ", dec.date), t.accent())],
        &dec.agreed,
        t.text(),
    );
    if let Some(why) = &dec.why {
        d.item(&[("  why: ", t.muted())], why, t.text());
    }
    d.item(&[("  present: ", t.muted())], &names(&v.present), t.text());
    if !v.absent.is_empty() {
        d.item(&[("  absent: ", t.muted())], &names(&v.absent), t.muted());
    }
    if !v.taken_without.is_empty() {
        d.item(
            &[("  ⚠ taken without ", t.warning())],
            &format!("{}, whose point it was", names(&v.taken_without)),
            t.warning(),
        );
    }
}
