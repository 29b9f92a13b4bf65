//! What changed between two versions, as a tree: by section, then by item
//! (a step, a participant, a point), one line per change. Every change says
//! what happened in words and marks (`+ added`, `- removed`, `~ changed`,
//! `> moved`), so it reads the same without colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::doc::truncate;
use crate::tui::app::App;

fn shown(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(nothing)".into(),
        Some(serde_json::Value::String(s)) => format!("\"{s}\""),
        Some(serde_json::Value::Object(m)) => m
            .get("title")
            .or(m.get("text"))
            .and_then(serde_json::Value::as_str)
            .map_or_else(|| "an item".into(), |t| format!("the item \"{t}\"")),
        Some(v) => v.to_string(),
    }
}

/// A value whole, over as many lines as it takes: text keeps its own
/// lines, each wrapped to `width`.
fn value_lines(v: &Option<serde_json::Value>, width: usize) -> Vec<String> {
    let text = match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        v => shown(v),
    };
    let mut out = Vec::new();
    for line in crate::text::clean_lines(&text) {
        out.extend(super::doc::wrap(&line, width));
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// The fields of an item that differ from the item before both changes,
/// one per line under the item (`  detail: …`), whole and wrapped.
fn changed_fields(
    base: Option<&serde_json::Value>,
    v: &Option<serde_json::Value>,
    width: usize,
) -> Vec<String> {
    let (Some(serde_json::Value::Object(before)), Some(serde_json::Value::Object(now))) = (base, v)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in now {
        if before.get(key) == Some(value) || key == "title" || key == "text" {
            continue;
        }
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut first = true;
        for line in crate::text::clean_lines(&format!("{}: {text}", key.replace('_', " "))) {
            // Room for the deeper indent of the lines after the first.
            for l in super::doc::wrap(&line, width.saturating_sub(2)) {
                out.push(format!("{}{l}", if first { "  " } else { "    " }));
                first = false;
            }
        }
    }
    out
}

/// The conflicts of an unfinished merge, each with base, ours, theirs and
/// what was decided; values whole, wrapped, and scrolled with PgUp/PgDn.
pub fn draw_conflicts(
    app: &App,
    state: &crate::tui::app::ConflictsState,
    frame: &mut Frame,
    area: Rect,
) {
    use crate::tui::app::Decision;
    let t = &app.theme;
    super::clear_overlay(frame, area);
    let left = state.decided.iter().filter(|d| d.is_none()).count();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.warning())
        .title(Span::styled(
            format!(
                " Unfinished merge: {left} of {} conflicts to decide ",
                state.list.len()
            ),
            t.warning(),
        ));
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let theirs_label = state.theirs_by.as_deref().map_or_else(
        || "their version".to_string(),
        |s| crate::text::clean(s).into_owned(),
    );
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for (i, (c, d)) in state.list.iter().zip(&state.decided).enumerate() {
        starts.push(lines.len());
        let chosen = i == state.selected;
        let decided = match d {
            None => "✗ to decide".to_string(),
            Some(Decision::Ours) => "✓ your version".to_string(),
            Some(Decision::Theirs) => "✓ their version".to_string(),
            Some(Decision::Value(v)) => format!("✓ \"{v}\""),
        };
        let style = if chosen {
            t.selection()
        } else if d.is_none() {
            t.warning()
        } else {
            t.text()
        };
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    "{}{}  [{decided}]",
                    if chosen { "› " } else { "  " },
                    capitalised(&crate::model::words::describe(
                        app.open_pathway().map(|(p, _)| p),
                        &c.path
                    ))
                ),
                width,
            ),
            style,
        )));
        for (label, v) in [
            ("before both changes", &c.base),
            ("your version", &c.ours),
            (theirs_label.as_str(), &c.theirs),
        ] {
            lines.push(Line::from(Span::styled(
                truncate(&format!("    {label}:"), width),
                t.muted(),
            )));
            // An item one side removed is said to be removed, not shown
            // as nothing; an item changed shows what changed in it.
            let shown_lines = if v.is_none() && c.base.is_some() {
                vec!["(removed)".to_string()]
            } else {
                let mut l = value_lines(v, width.saturating_sub(6));
                l.extend(changed_fields(c.base.as_ref(), v, width.saturating_sub(8)));
                l
            };
            for l in shown_lines {
                lines.push(Line::from(Span::styled(format!("      {l}"), t.text())));
            }
        }
    }
    if let Some(input) = &state.input {
        lines.push(Line::default());
        let (shown, _) = super::input_window(&input.text, input.cursor, width.saturating_sub(2));
        lines.push(Line::from(Span::styled(format!("> {shown}"), t.text())));
    }
    let height = usize::from(inner.height).max(1);
    let offset = if state.input.is_some() {
        lines.len().saturating_sub(height)
    } else {
        // From the selected conflict's first line (all from the top when
        // it fits), scrolled no further than the last line of the list.
        let start = starts.get(state.selected).copied().unwrap_or(0);
        (start + usize::from(state.scroll)).min(lines.len().saturating_sub(height))
    };
    // Said on the frame, so a value cut by the pane's end is never taken
    // for the whole of it.
    let more = match (offset > 0, offset + height < lines.len()) {
        (true, true) => Some(" ↑ PgUp · more below: PgDn ↓ "),
        (false, true) => Some(" more below: PgDn ↓ "),
        (true, false) => Some(" ↑ more above: PgUp "),
        (false, false) => None,
    };
    let block = match more {
        Some(m) => block.title_bottom(Line::from(Span::styled(m, t.warning())).right_aligned()),
        None => block,
    };
    frame.render_widget(block, area);
    let shown_lines: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown_lines), inner);
}

/// `text` with its first letter a capital, as a line begins.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
