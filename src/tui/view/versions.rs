//! What changed between two versions, as a tree: by section, then by item
//! (a step, a participant, a point), one line per change. Every change says
//! what happened in words and marks (`+ added`, `- removed`, `~ changed`,
//! `> moved`), so it reads the same without colour.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::doc::truncate;
use crate::diff::{ChangeKind, describe_in};
use crate::tui::app::{App, DiffView, VersionPicker, Versions};
use crate::tui::theme::Theme;

/// A change's section (`steps`), item (`steps[handover-call]`) and the rest
/// of its path (`owner`).
fn split(path: &str) -> (&str, Option<&str>, &str) {
    let section_end = path.find(['.', '[']).unwrap_or(path.len());
    let section = &path[..section_end];
    match path.find(']') {
        Some(end) if path[section_end..].starts_with('[') => {
            let rest = path[end + 1..].trim_start_matches('.');
            (section, Some(&path[..=end]), rest)
        }
        _ => (section, None, path[section_end..].trim_start_matches('.')),
    }
}

fn mark(kind: ChangeKind, t: &Theme) -> (&'static str, Style) {
    match kind {
        ChangeKind::Added => ("+ added  ", t.role("agree")),
        ChangeKind::Removed => ("- removed", t.error()),
        ChangeKind::Changed => ("~ changed", t.role("differ")),
        ChangeKind::Moved => ("> moved  ", t.accent()),
    }
}

fn title_case(s: &str) -> String {
    let s = s.replace('_', " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

pub fn draw(app: &App, view: &DiffView, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    super::clear_overlay(frame, area);
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let count = |k| view.changes.iter().filter(|c| c.kind == k).count();
    let summary = format!(
        " {} change{}: {} added, {} removed, {} changed, {} moved",
        view.changes.len(),
        if view.changes.len() == 1 { "" } else { "s" },
        count(ChangeKind::Added),
        count(ChangeKind::Removed),
        count(ChangeKind::Changed),
        count(ChangeKind::Moved)
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                truncate(&format!(" {}", view.title), usize::from(head.width)),
                t.title(),
            )),
            Line::from(Span::styled(summary, t.muted())),
        ]),
        head,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border());
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let width = usize::from(inner.width);

    let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
    let (mut section, mut item) = (String::new(), None::<String>);
    for (n, c) in view.changes.iter().enumerate() {
        let (s, it, rest) = split(&c.path);
        if s != section {
            section = s.to_string();
            item = None;
            lines.push((None, Line::from(Span::styled(title_case(s), t.heading()))));
        }
        let it = it.map(String::from);
        if it.is_some() && it != item && !rest.is_empty() {
            let name = c
                .label
                .clone()
                .unwrap_or_else(|| it.clone().unwrap_or_default());
            lines.push((
                None,
                Line::from(Span::styled(
                    truncate(&format!("  {name}"), width),
                    t.text(),
                )),
            ));
        }
        if !rest.is_empty() {
            item = it.clone();
        }
        let (word, style) = mark(c.kind, t);
        let chosen = n == view.selected;
        let indent = if rest.is_empty() { "  " } else { "    " };
        // Whole, over as many lines as it takes: values are what the
        // reader decides by.
        let first = format!("{}{indent}{word} ", if chosen { "▶" } else { " " });
        let style = if chosen { t.selection() } else { style };
        for text in super::doc::wrap_after(
            &first,
            &describe_in(c, app.open_pathway().map(|(p, _)| p)),
            width,
        ) {
            lines.push((Some(n), Line::from(Span::styled(text, style))));
        }
        let pathway = app.open_pathway().map(|(p, _)| p);
        for (label, text) in decision_in_words(c, pathway) {
            let lead = format!("           {label}: ");
            for text in super::doc::wrap_after(&lead, &text, width) {
                lines.push((Some(n), Line::from(Span::styled(text, t.text()))));
            }
        }
    }
    if view.changes.is_empty() {
        lines.push((
            None,
            Line::from(Span::styled("Nothing in the pathway differs.", t.muted())),
        ));
    }
    let at = lines
        .iter()
        .position(|(n, _)| *n == Some(view.selected))
        .unwrap_or(0);
    let end = lines
        .iter()
        .rposition(|(n, _)| *n == Some(view.selected))
        .unwrap_or(at);
    let previous = app.areas.borrow().diff_offset;
    let height = usize::from(inner.height);
    // The selected change whole where it fits, its start first.
    let offset = super::keep_in_view(end, previous, height, lines.len());
    let offset = super::keep_in_view(at, offset, height, lines.len());
    app.areas.borrow_mut().diff_offset = offset;
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(usize::from(inner.height))
        .map(|(_, l)| l)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

pub fn draw_versions(app: &App, picker: &VersionPicker, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    super::clear_overlay(frame, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.accent())
        .title(Span::styled(
            match picker.versions {
                Versions::Git(_) => " Compare the saved file with an earlier version ",
                Versions::Saves(_) => {
                    " Saves of this pathway, newest first: Enter shows what one changed "
                }
            },
            t.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height).max(1);
    let offset = picker.selected.saturating_sub(height - 1);
    let rows: Vec<String> = match &picker.versions {
        Versions::Git(commits) => commits
            .iter()
            .map(|c| format!("{} {} {}: {}", c.hash, c.date, c.author, c.subject))
            .collect(),
        Versions::Saves(saves) => saves.iter().map(|s| save_row(app, s)).collect(),
    };
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let chosen = i == picker.selected;
            let text = format!("{}{row}", if chosen { "▶ " } else { "  " });
            Line::from(Span::styled(
                truncate(&text, width),
                if chosen { t.selection() } else { t.text() },
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A decision the change records, in words, line by line: what was
/// agreed, why, who was in the room and who was not (marking those whose
/// point it settles), and what it settles. Nothing for any other change.
fn decision_in_words(
    c: &crate::diff::Change,
    p: Option<&crate::model::Pathway>,
) -> Vec<(&'static str, String)> {
    let whole = c.path.starts_with("decisions[") && c.path.ends_with(']');
    if c.kind != ChangeKind::Added || !whole {
        return Vec::new();
    }
    let Some(Ok(d)) = c
        .new
        .clone()
        .map(serde_json::from_value::<crate::model::Decision>)
    else {
        return Vec::new();
    };
    let name = |id: &String| {
        p.map_or(id.as_str(), |p| p.participant_name(id))
            .to_string()
    };
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "nobody named".to_string()
        } else {
            ids.iter().map(name).collect::<Vec<_>>().join(", ")
        }
    };
    let mut out = vec![("Agreed", format!("{} (on {})", d.agreed, d.date))];
    if let Some(why) = &d.why {
        out.push(("Why", why.clone()));
    }
    out.push(("In the room", names(&d.present)));
    if let Some(p) = p {
        let v = crate::meeting::voices(p, &d);
        if !v.absent.is_empty() {
            out.push(("Absent", names(&v.absent)));
        }
        if !v.taken_without.is_empty() {
            out.push((
                "Without",
                format!(
                    "{}: the point it settles is theirs, and they were not there",
                    names(&v.taken_without)
                ),
            ));
        }
    }
    // A point named by its id reads as its words, where an analysis has it.
    let point = |named: &String| {
        p.and_then(|p| {
            p.analyses.values().find_map(|a| {
                crate::model::Section::ALL.iter().find_map(|s| {
                    a.section(*s)
                        .iter()
                        .find(|x| x.id.as_deref() == Some(named.as_str()))
                        .map(|x| x.text.clone())
                })
            })
        })
        .unwrap_or_else(|| named.clone())
    };
    if !d.points.is_empty() {
        let points: Vec<String> = d.points.iter().map(point).collect();
        out.push(("Settles", points.join("; ")));
    }
    out
}

/// A save as one row: when, who, and the first change.
fn save_row(app: &App, s: &crate::store::history::Entry) -> String {
    format!(
        "{} {}: {}",
        s.at.format("%Y-%m-%d %H:%M"),
        app.team.people.display(&s.by),
        s.headline()
    )
}

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
