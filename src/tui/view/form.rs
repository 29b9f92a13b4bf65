//! The edit form over the pathway screen, the line being typed, the list
//! of choices, and the question asked before unsaved changes are left.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::doc::truncate;
use crate::model::Pathway;
use crate::text::clean;
use crate::tui::app::{App, FieldKind, FormState, Pending};
use crate::tui::editing::value_of;

fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    r
}

pub fn draw(app: &App, p: &Pathway, form: &FormState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(90);
    let inner_w = usize::from(width.saturating_sub(2));
    let label_w = form
        .fields
        .iter()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(8)
        .clamp(8, 28)
        + 1;
    let value_w = inner_w.saturating_sub(label_w + 2);
    let extra = match (
        &form.input,
        &form.choice,
        form.fields.get(form.selected).map(|f| &f.kind),
    ) {
        (Some(_), _, _) => 3,
        (_, Some(_), Some(FieldKind::Choice(items))) => items.len() + 1,
        _ => 0,
    };
    // A long form scrolls so the chosen field stays in view.
    let rows = usize::from(area.height.saturating_sub(2))
        .saturating_sub(extra)
        .max(1);
    let offset = form.selected.saturating_sub(rows - 1);
    let mut lines = Vec::new();
    for (i, field) in form.fields.iter().enumerate().skip(offset).take(rows) {
        let chosen = i == form.selected;
        let value = value_of(p, &field.path);
        let shown = match field.kind {
            FieldKind::Add => String::new(),
            FieldKind::Long if value.is_empty() => {
                "(empty — Enter to write, e in your own editor)".to_string()
            }
            FieldKind::Long => format!(
                "{} (Enter to write, e in your own editor)",
                value.lines().next().unwrap_or("")
            ),
            _ if value.is_empty() => "(empty)".to_string(),
            _ => value,
        };
        let marker = if chosen { "▶ " } else { "  " };
        let label = format!(
            "{marker}{:<w$}",
            truncate(&field.label, label_w),
            w = label_w
        );
        let style = if chosen { t.selection() } else { t.text() };
        lines.push(Line::from(vec![
            Span::styled(label, if chosen { t.selection() } else { t.heading() }),
            Span::styled(
                format!("{:<w$}", truncate(&shown, value_w), w = value_w),
                style,
            ),
        ]));
    }
    let field = form.fields.get(form.selected);
    let mut cursor = None;
    if let (Some(input), Some(field)) = (&form.input, field) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("New {}:", field.label.to_lowercase()),
            t.muted(),
        )));
        // A long line scrolls sideways so the cursor stays in sight.
        let (visible, at) =
            super::input_window(&input.text, input.cursor, inner_w.saturating_sub(2));
        lines.push(Line::from(Span::styled(format!("> {visible}"), t.text())));
        cursor = Some((at + 2) as u16);
    }
    if let (Some(at), Some(FieldKind::Choice(items))) = (form.choice, field.map(|f| &f.kind)) {
        lines.push(Line::default());
        for (i, (_, label)) in items.iter().enumerate() {
            let chosen = i == at;
            lines.push(Line::from(Span::styled(
                truncate(
                    &format!("{}{label}", if chosen { "  ▶ " } else { "    " }),
                    inner_w,
                ),
                if chosen { t.selection() } else { t.text() },
            )));
        }
    }
    let height = lines.len() as u16 + 2;
    let title = if form.fields.len() > rows {
        format!(
            " {} ({} of {}) ",
            form.title,
            form.selected + 1,
            form.fields.len()
        )
    } else {
        format!(" {} ", form.title)
    };
    let area = popup(area, width, height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.accent())
                .title(Span::styled(title, t.title())),
        ),
        area,
    );
    if let Some(x) = cursor {
        let y = area.y + area.height.saturating_sub(2);
        frame.set_cursor_position(Position::new(
            area.x + 1 + x.min(area.width.saturating_sub(3)),
            y,
        ));
    }
}

/// Long text being written in place, over most of the screen.
pub fn draw_text_editor(
    app: &App,
    label: &str,
    editor: &ratatui_textarea::TextArea<'static>,
    frame: &mut Frame,
    area: Rect,
) {
    let t = &app.theme;
    let area = popup(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.accent())
        .title(Span::styled(format!(" {label} "), t.title()))
        .title_bottom(Span::styled(
            " Esc or Ctrl-s when done · u undoes afterwards ",
            t.muted(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(editor, inner);
}

pub fn draw_confirm(app: &App, then: Pending, file: &str, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let what = match then {
        Pending::Quit => "before quitting",
        Pending::Library => "before going back to the library",
    };
    let lines = vec![
        Line::from(Span::styled(
            format!("You have changes to {} that are not saved.", clean(file)),
            t.text(),
        )),
        Line::from(Span::styled(format!("Save them {what}?"), t.text())),
        Line::default(),
        choices(
            app,
            &[("s", "save"), ("d", "discard"), ("c", "cancel, stay here")],
        ),
    ];
    question(app, "Unsaved changes", lines, frame, area);
}

/// A row of keys and what each does: ` s  save    d  discard`.
fn choices(app: &App, keys: &[(&str, &str)]) -> Line<'static> {
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
fn question(app: &App, title: &str, lines: Vec<Line>, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = lines.iter().map(Line::width).max().unwrap_or(40) as u16 + 4;
    let area = popup(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
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

/// The problems panel.
pub fn draw_problems(app: &App, p: &Pathway, at: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let problems = crate::tui::problems::of(p);
    let width = area.width.saturating_sub(4).min(100);
    let inner_w = usize::from(width.saturating_sub(2));
    let draft = p.status == crate::model::Status::Draft;
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            "✗ must be put right to save · ⚠ allowed in a draft, blocks agreed · Enter goes to it",
            inner_w,
        ),
        t.muted(),
    ))];
    let rows = usize::from(area.height.saturating_sub(4)).max(1);
    let offset = at.saturating_sub(rows - 1);
    for (i, x) in problems.iter().enumerate().skip(offset).take(rows) {
        let chosen = i == at;
        let allowed = x.dangling && draft;
        let text = format!(
            "{}{} {}: {}",
            if chosen { "▶" } else { " " },
            if allowed { "⚠" } else { "✗" },
            crate::tui::problems::place(p, x),
            x.message
        );
        let style = if chosen {
            t.selection()
        } else if allowed {
            t.warning()
        } else {
            t.error()
        };
        lines.push(Line::from(Span::styled(truncate(&text, inner_w), style)));
    }
    let area = popup(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.error())
                .title(Span::styled(
                    format!(
                        " {} problem{} ",
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    ),
                    t.error(),
                )),
        ),
        area,
    );
}

/// The offer of edits kept when an earlier session ended without saving.
pub fn draw_recovery(
    app: &App,
    entry: &crate::store::journal::Entry,
    state: &crate::tui::app::PathwayState,
    frame: &mut Frame,
    area: Rect,
) {
    let t = &app.theme;
    // What they change in the file as it is now: the first few, in words.
    const SHOWN: usize = 5;
    let room = usize::from(area.width.saturating_sub(8)).max(20);
    let changes = &state.recovery_changes;
    let mut about = vec![Line::from(Span::styled(
        match changes.len() {
            0 => "They change nothing in the file as it is now.".to_string(),
            1 => "They make 1 change to the file as it is now:".to_string(),
            n => format!("They make {n} changes to the file as it is now:"),
        },
        t.text(),
    ))];
    // Each change whole where it is short; a long one in its first lines,
    // and d shows it whole.
    const LINES: usize = 3;
    for c in changes.iter().take(SHOWN) {
        let wrapped = super::doc::wrap_after("  ~ ", &crate::diff::describe(c), room);
        let cut = wrapped.len() > LINES;
        for l in wrapped.into_iter().take(LINES) {
            about.push(Line::from(Span::styled(l, t.text())));
        }
        if cut {
            about.push(Line::from(Span::styled(
                "    … more: d shows it whole",
                t.muted(),
            )));
        }
    }
    if changes.len() > SHOWN {
        about.push(Line::from(Span::styled(
            format!("  and {} more: d shows them all", changes.len() - SHOWN),
            t.muted(),
        )));
    }
    if state.recovery_file_changed {
        about.push(Line::from(Span::styled(
            "The file was saved since: restoring merges them with it.",
            t.warning(),
        )));
    }
    let mut lines = vec![
        Line::from(Span::styled(
            format!(
                "Unsaved edits to this pathway were kept on {}",
                clean(&entry.at)
            ),
            t.text(),
        )),
        Line::from(Span::styled(
            "when carepath last stopped without saving.",
            t.text(),
        )),
        Line::default(),
    ];
    lines.extend(about);
    lines.push(Line::default());
    lines.push(choices(
        app,
        &[
            ("r", "restore"),
            ("x", "throw away"),
            ("d", "changes"),
            ("Esc", "later"),
        ],
    ));
    question(app, "Kept edits", lines, frame, area);
}
