//! The library screen: every pathway with its status, place, participants
//! and review date; broken files marked, with their problems below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::store::library::source::Entry;
use crate::store::library::summary::Summary;
use crate::text::clean;
use crate::tui::app::{App, Areas};
use crate::tui::theme::Theme;
use crate::tui::view::doc::{Doc, truncate};
use crate::tui::view::{keep_in_view, status_style};
use unicode_width::UnicodeWidthStr;

pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect, drawn: &mut Areas) {
    let detail_height = if area.height >= 30 { 9 } else { 6 };
    let [header, list, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(detail_height),
    ])
    .areas(area);
    draw_header(app, frame, header);
    draw_list(app, frame, list, drawn);
    draw_detail(app, frame, detail);
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let broken = app.entries.iter().filter(|e| e.is_broken()).count();
    let mut spans = vec![
        Span::styled(" carepath ", theme.title()),
        Span::styled(format!("· {} ", clean(&app.source_label)), theme.muted()),
        Span::styled(
            match app.entries.len() - broken {
                1 => "· 1 pathway".to_string(),
                n => format!("· {n} pathways"),
            },
            theme.text(),
        ),
    ];
    if broken > 0 {
        spans.push(Span::styled(format!(", {broken} broken"), theme.error()));
    }
    if let (Some(total), false) = (app.loading.total, app.loading.done) {
        spans.push(Span::styled(
            format!(" · loading {}/{total}…", app.entries.len()),
            theme.warning(),
        ));
    }
    spans.push(Span::styled(
        format!(" · sorted by {}", app.library.sort.label()),
        theme.muted(),
    ));
    if let Some(git) = crate::tui::sync::label(app) {
        spans.push(Span::styled(format!(" · {git}"), theme.muted()));
    }
    if app.library.filtering || !app.library.filter.is_empty() {
        spans.push(Span::styled(" · filter: ", theme.accent()));
        spans.push(Span::styled(
            clean(&app.library.filter).into_owned(),
            theme.text(),
        ));
        if app.library.filtering {
            spans.push(Span::styled("▏", theme.accent()));
        }
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_list(app: &App, frame: &mut Frame, area: Rect, drawn: &mut Areas) {
    let theme = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [head, rows_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);

    // The column headings show from the first frame, before any file is read.
    let wide = area.width >= 100;
    let widths = [
        Constraint::Length(1),
        Constraint::Fill(3),
        Constraint::Length(9),
        Constraint::Length(if wide { 16 } else { 10 }),
        if wide {
            Constraint::Fill(2)
        } else {
            Constraint::Length(3)
        },
        Constraint::Length(18),
    ];
    // Cells are cut to their column with a visible `…`, not silently.
    let columns: Vec<usize> = Layout::horizontal(widths)
        .spacing(1)
        .split(rows_area)
        .iter()
        .map(|r| usize::from(r.width))
        .collect();
    let who = if wide { "Participants" } else { "Who" };
    let header =
        Row::new(["", "Title", "Status", "Place", who, "Review due"]).style(theme.heading());
    frame.render_widget(Table::new([header], widths), head);

    let visible = &app.library.visible;
    if visible.is_empty() {
        let msg = if !app.library.filter.is_empty() {
            format!(
                "No pathway matches “{}”. Esc clears the filter.",
                clean(&app.library.filter)
            )
        } else if !app.loading.done {
            "Loading the library…".to_string()
        } else if app.folder.is_some() && !app.read_only {
            "This library has no pathway yet: n starts one (you give it a title, carepath writes the file).".to_string()
        } else {
            format!(
                "This library has no pathway files yet: add *.yaml files to {}.",
                clean(&app.source_label)
            )
        };
        frame.render_widget(
            Paragraph::new(msg)
                .style(theme.muted())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            rows_area,
        );
        record(drawn, rows_area, 0);
        return;
    }

    let height = usize::from(rows_area.height).max(1);
    let selected = app.library.selected;
    let previous = drawn.list_offset;
    let offset = keep_in_view(selected, previous, height, visible.len());
    record(drawn, rows_area, offset);

    let rows = visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &i)| {
            let entry = &app.entries[i];
            let chosen = row == selected;
            let r = entry_row(entry, chosen, wide, app.today, theme, &columns);
            // The gaps between cells take the row's style: with the text's
            // colour they join the cells beside them, so a row is written
            // with fewer colour changes.
            if chosen {
                r.style(theme.selection())
            } else {
                r.style(theme.text())
            }
        });
    frame.render_widget(Table::new(rows, widths), rows_area);
}

fn record(drawn: &mut Areas, area: Rect, offset: usize) {
    drawn.list = area;
    drawn.list_offset = offset;
}

fn entry_row(
    entry: &Entry,
    chosen: bool,
    wide: bool,
    today: chrono::NaiveDate,
    theme: &Theme,
    columns: &[usize],
) -> Row<'static> {
    let marker = if chosen { "▶" } else { " " };
    let fit = |col: usize, text: &str| truncate(text, columns.get(col).copied().unwrap_or(0));
    // The selected row is drawn in the selection's colours alone: one
    // style for the whole row, so moving the selection rewrites the row's
    // text once rather than a colour change at every cell.
    let style = |s: Style| if chosen { Style::default() } else { s };
    match entry.summary() {
        Some(p) => {
            let (due, due_style) = review_cell(p, today, theme);
            // Open questions and overdue actions follow the title, and are
            // never the part cut off.
            let marks = p.meeting_marks(today);
            let title = if marks.is_empty() {
                fit(1, &p.title)
            } else {
                let room = columns.get(1).copied().unwrap_or(0);
                let title = truncate(&p.title, room.saturating_sub(marks.width() + 1));
                format!("{title} {marks}")
            };
            Row::new(vec![
                Cell::from(marker),
                Cell::from(title).style(style(if p.overdue_actions(today) > 0 {
                    theme.text().add_modifier(ratatui::style::Modifier::BOLD)
                } else {
                    theme.text()
                })),
                // An agreement whose sign-offs no longer hold is marked on
                // the list too; the detail below says why.
                Cell::from(if p.agreement_out_of_date() {
                    "agreed ⚠"
                } else {
                    p.status.as_str()
                })
                .style(style(status_style(p.status, theme))),
                Cell::from(fit(3, p.place.as_deref().unwrap_or(""))).style(style(theme.text())),
                Cell::from(fit(4, &participants_cell(p, wide))).style(style(theme.muted())),
                Cell::from(due).style(style(due_style)),
            ])
        }
        None => {
            let problems = entry.problems();
            Row::new(vec![
                Cell::from(if chosen { "▶" } else { "✗" }),
                Cell::from(fit(1, &entry.file)).style(style(theme.error())),
                Cell::from("BROKEN").style(style(theme.error())),
                Cell::from(""),
                Cell::from(""),
                Cell::from(format!(
                    "{} problem{}",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                ))
                .style(style(theme.error())),
            ])
        }
    }
}

/// The participants' ids where there is room, else how many there are.
fn participants_cell(p: &Summary, wide: bool) -> String {
    let ids: Vec<&str> = p.participants.iter().map(|x| x.id.as_str()).collect();
    if wide {
        format!("{} · {}", ids.len(), ids.join(", "))
    } else {
        ids.len().to_string()
    }
}

fn review_cell(p: &Summary, today: chrono::NaiveDate, theme: &Theme) -> (String, Style) {
    match p.review_due {
        Some(due) if due < today => (format!("{due} OVERDUE"), theme.warning()),
        Some(due) => (due.to_string(), theme.text()),
        None => ("—".to_string(), theme.muted()),
    }
}

fn draw_detail(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let Some(entry) = app.selected_entry() else {
        frame.render_widget(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border()),
            area,
        );
        return;
    };
    let title = truncate(&entry.file, usize::from(area.width.saturating_sub(4)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(format!(" {title} "), theme.muted()));
    let inner = block.inner(area);
    let mut doc = Doc::new();
    match entry.summary() {
        Some(p) => {
            if let Some(problem) = &p.problem {
                doc.item(&[("Problem: ", theme.heading())], problem, theme.text());
            }
            // Before the participants: on a small screen it must not be
            // the line that is cut off.
            if p.agreement_out_of_date() {
                doc.item(
                    &[("Agreed: ", theme.heading())],
                    &format!(
                        "but the sign-offs are out of date: {} of {} participants signed this version",
                        p.signed_current.min(p.participants.len() as u32),
                        p.participants.len()
                    ),
                    theme.warning(),
                );
            }
            // Before the participants too, for the same reason.
            let late = p.overdue_actions(app.today);
            if p.open_questions > 0 || late > 0 {
                doc.item(
                    &[("Meeting: ", theme.heading())],
                    &format!(
                        "{} open question{} (?), {} overdue action{} (!)",
                        p.open_questions,
                        if p.open_questions == 1 { "" } else { "s" },
                        late,
                        if late == 1 { "" } else { "s" }
                    ),
                    if late > 0 {
                        theme.warning()
                    } else {
                        theme.text()
                    },
                );
            }
            let names: Vec<String> = p
                .participants
                .iter()
                .map(|x| format!("{} ({})", x.name, x.kind.label()))
                .collect();
            doc.item(
                &[("With: ", theme.heading())],
                &names.join("; "),
                theme.text(),
            );
            if p.signed > 0 {
                doc.item(
                    &[("Signed: ", theme.heading())],
                    &format!(
                        "{} sign-off{}, {} for this version",
                        p.signed,
                        if p.signed == 1 { "" } else { "s" },
                        p.signed_current
                    ),
                    theme.text(),
                );
            }
            if p.review_overdue(app.today) {
                doc.item(
                    &[("Review: ", theme.heading())],
                    &format!(
                        "overdue since {}",
                        p.review_due.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    theme.warning(),
                );
            }
        }
        None => {
            doc.para(
                "This file did not load, so carepath shows it here and never writes to it:",
                theme.error(),
            );
            for d in entry.problems() {
                let place = if d.line == 0 {
                    String::new()
                } else {
                    format!("line {}, column {}: ", d.line, d.column)
                };
                doc.item(
                    &[("• ", theme.error()), (&place, theme.accent())],
                    &d.message,
                    theme.text(),
                );
            }
        }
    }
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(doc.lines(inner.width)), inner);
}
