//! What changed between two versions, as a tree: by section, then by item
//! (a step, a participant, a point), one line per change. Every change says
//! what happened in words and marks (`+ added`, `- removed`, `~ changed`,
//! `> moved`), so it reads the same without colour.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Outcome, Regions, Screen};
use crate::diff::{ChangeKind, describe_in};
use crate::tui::app::{App, Areas};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::theme::Theme;
use crate::tui::update::move_in;
use crate::tui::view::doc::truncate;
use crate::tui::view::keep_in_view;

/// What changed between two versions of a pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffView {
    /// Which versions, in words.
    pub title: String,
    pub changes: Vec<crate::diff::Change>,
    /// The selected change.
    pub selected: usize,
}

pub const KEYS: [Binding; 6] = [
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "move between changes",
        "move",
    ),
    b(
        &[Char('n'), Char('N')],
        "n/N",
        Action::NextMatch,
        "next / previous change",
        "next change",
    ),
    b(
        &[Code(KeyCode::Esc), Char('q')],
        "Esc",
        Action::Back,
        "close",
        "close",
    ),
    keys::SHOW_HELP,
    keys::MOUSE,
    keys::SUSPEND,
];

impl Screen for DiffView {
    fn name(&self) -> &'static str {
        "what changed"
    }

    fn context(&self) -> Context {
        Context::Diff
    }

    fn presence(&self) -> Option<&'static str> {
        Some("changes")
    }

    fn handle(&mut self, _app: &mut App, action: Action) -> Outcome {
        let count = self.changes.len();
        match action {
            Action::Up | Action::Down => self.selected = move_in(self.selected, count, 1, action),
            Action::NextMatch => {
                self.selected = if count == 0 {
                    0
                } else {
                    (self.selected + 1) % count
                }
            }
            Action::PrevMatch => {
                self.selected = if count == 0 {
                    0
                } else {
                    (self.selected + count - 1) % count
                }
            }
            Action::Back => return Outcome::Close,
            _ => {}
        }
        Outcome::Consumed
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, drawn: &mut Areas) {
        draw(app, self, frame, at.body, drawn);
    }
}

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

fn draw(app: &App, view: &DiffView, frame: &mut Frame, area: Rect, drawn: &mut Areas) {
    let t = &app.theme;
    crate::tui::view::clear_overlay(frame, area);
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
        for text in crate::tui::view::doc::wrap_after(
            &first,
            &describe_in(c, app.open_pathway().map(|(p, _)| p)),
            width,
        ) {
            lines.push((Some(n), Line::from(Span::styled(text, style))));
        }
        let pathway = app.open_pathway().map(|(p, _)| p);
        for (label, text) in decision_in_words(c, pathway) {
            let lead = format!("           {label}: ");
            for text in crate::tui::view::doc::wrap_after(&lead, &text, width) {
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
    let previous = drawn.diff_offset;
    let height = usize::from(inner.height);
    // The selected change whole where it fits, its start first.
    let offset = keep_in_view(end, previous, height, lines.len());
    let offset = keep_in_view(at, offset, height, lines.len());
    drawn.diff_offset = offset;
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(usize::from(inner.height))
        .map(|(_, l)| l)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
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
