//! The edit form over the pathway screen: its rows, the line being typed,
//! the words to find and the list of choices.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::FormState;
use crate::model::Pathway;
use crate::text::clean;
use crate::tui::app::{App, Areas, FieldKind};
use crate::tui::editing::value_of;
use crate::tui::form_nav;
use crate::tui::view::doc::truncate;

/// The keys that work in a line being typed, shown under it.
const INPUT_KEYS: &str = "←→ Home End move · Ctrl-u clears · Enter keeps · Esc cancels";

pub fn draw(
    app: &App,
    p: &Pathway,
    form: &FormState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
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
    let field = form.fields.get(form.selected);
    let choice_rows = match (&form.choice, field.map(|f| &f.kind)) {
        (Some(_), Some(FieldKind::Choice(items))) => {
            form_nav::choices_shown(form, items).len().clamp(1, 12) + 1
        }
        _ => 0,
    };
    let extra = if form.input.is_some() {
        4
    } else {
        choice_rows + usize::from(form.filter.is_some()) * 2
    };
    // A long form scrolls so the chosen field stays in view.
    let rows_room = usize::from(area.height.saturating_sub(2))
        .saturating_sub(extra)
        .max(1);
    drawn.form_page = rows_room.saturating_sub(1).max(1);
    let rows = form_nav::rows(p, form);
    let at = rows
        .iter()
        .position(|r| match r {
            form_nav::Row::Field(i) => *i == form.selected,
            form_nav::Row::Group {
                folded: true,
                first,
                ..
            } => *first == form.selected,
            form_nav::Row::Group { .. } => false,
        })
        .unwrap_or(0);
    let offset = at.saturating_sub(rows_room - 1);
    let mut lines = Vec::new();
    for row in rows.iter().skip(offset).take(rows_room) {
        let (i, field) = match row {
            form_nav::Row::Group {
                who,
                folded,
                first,
                count,
            } => {
                let chosen = *folded && *first == form.selected;
                let name = p
                    .participants
                    .iter()
                    .find(|x| x.id == *who)
                    .map_or(who.clone(), |x| x.name.clone());
                let text = if *folded {
                    format!(
                        "{}▸ {} — {count} rows folded (→ opens)",
                        if chosen { "▶ " } else { "  " },
                        clean(&name)
                    )
                } else {
                    format!("  ▾ {} (← folds)", clean(&name))
                };
                lines.push(Line::from(Span::styled(
                    format!("{:<w$}", truncate(&text, inner_w), w = inner_w),
                    if chosen { t.selection() } else { t.title() },
                )));
                continue;
            }
            form_nav::Row::Field(i) => (*i, &form.fields[*i]),
        };
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
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            "  No row holds these words: Backspace or Esc.",
            t.muted(),
        )));
    }
    let mut cursor = None;
    if let (Some(input), Some(field)) = (&form.input, field) {
        lines.push(Line::default());
        let what = match (&form.adding, &field.item) {
            (Some(_), Some(item)) => item.noun.clone(),
            _ => field.label.trim().to_lowercase(),
        };
        lines.push(Line::from(Span::styled(format!("New {what}:"), t.muted())));
        // A long line scrolls sideways so the cursor stays in sight.
        let (visible, at) =
            crate::tui::view::input_window(&input.text, input.cursor, inner_w.saturating_sub(2));
        lines.push(Line::from(Span::styled(format!("> {visible}"), t.text())));
        cursor = Some((at + 2) as u16);
        lines.push(Line::from(Span::styled(
            truncate(INPUT_KEYS, inner_w),
            t.muted(),
        )));
    }
    if let Some(words) = &form.filter {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            truncate(
                &format!("Find: {}▏ (Enter keeps, Esc shows all)", clean(words)),
                inner_w,
            ),
            t.accent(),
        )));
    }
    if let (Some(at), Some(FieldKind::Choice(items))) = (form.choice, field.map(|f| &f.kind)) {
        lines.push(Line::default());
        let shown = form_nav::choices_shown(form, items);
        let room = choice_rows.saturating_sub(1).max(1);
        let pos = shown.iter().position(|&i| i == at).unwrap_or(0);
        let first = pos.saturating_sub(room - 1);
        for &i in shown.iter().skip(first).take(room) {
            let label = &items[i].1;
            let chosen = i == at;
            lines.push(Line::from(Span::styled(
                truncate(
                    &format!("{}{}", if chosen { "  ▶ " } else { "    " }, clean(label)),
                    inner_w,
                ),
                if chosen { t.selection() } else { t.text() },
            )));
        }
        if shown.is_empty() {
            lines.push(Line::from(Span::styled(
                "    No choice holds these words.",
                t.muted(),
            )));
        }
    }
    let height = lines.len() as u16 + 2;
    let title = if rows.len() > rows_room {
        format!(
            " {} ({} of {}) ",
            form.title,
            form.selected + 1,
            form.fields.len()
        )
    } else {
        format!(" {} ", form.title)
    };
    let area = crate::tui::view::popup::popup(area, width, height);
    crate::tui::view::clear_overlay(frame, area);
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
        let y = area.y + area.height.saturating_sub(3);
        frame.set_cursor_position(Position::new(
            area.x + 1 + x.min(area.width.saturating_sub(3)),
            y,
        ));
    }
}
