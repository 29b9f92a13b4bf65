//! Choosing an earlier version of the open pathway's file: from git (`D`),
//! or the saves the library's history kept (`H`); Enter shows what changed.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Outcome, Regions, Screen};
use crate::tui::app::{App, Areas};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::update::move_in;
use crate::tui::view::doc::truncate;

/// Earlier versions of the open pathway's file, newest first: from git,
/// or the saves the library's history kept.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionPicker {
    pub file: std::path::PathBuf,
    pub versions: Versions,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Versions {
    Git(Vec<crate::store::git::Commit>),
    Saves(Vec<crate::store::persist::history::Entry>),
}

impl Versions {
    pub fn len(&self) -> usize {
        match self {
            Versions::Git(c) => c.len(),
            Versions::Saves(s) => s.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub const KEYS: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "compare the saved file with this version",
        "compare",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "choose a version",
        "move",
    ),
    b(&[Code(KeyCode::Esc)], "Esc", Action::Back, "close", "close"),
];

/// The picker's keys and those that work everywhere.
pub fn keys() -> Vec<Binding> {
    let mut all = KEYS.to_vec();
    all.extend(keys::global());
    all
}

impl Screen for VersionPicker {
    fn name(&self) -> &'static str {
        "earlier versions"
    }

    fn context(&self) -> Context {
        Context::Commits
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Up | Action::Down => {
                self.selected = move_in(self.selected, self.versions.len(), 1, action)
            }
            Action::Back => return Outcome::Close,
            // The list stays beneath the changes, so Esc comes back to it.
            Action::Open => crate::tui::versions::compare_with(app, self),
            _ => {}
        }
        Outcome::Consumed
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        draw(app, self, frame, at.body);
    }
}

fn draw(app: &App, picker: &VersionPicker, frame: &mut Frame, area: ratatui::layout::Rect) {
    let t = &app.theme;
    crate::tui::view::clear_overlay(frame, area);
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

/// A save as one row: when, who, and the first change.
fn save_row(app: &App, s: &crate::store::persist::history::Entry) -> String {
    format!(
        "{} {}: {}",
        s.at.format("%Y-%m-%d %H:%M"),
        app.team.people.display(&s.by),
        s.headline()
    )
}
