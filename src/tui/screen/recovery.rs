//! The offer of unsaved edits kept from a session that ended without
//! saving: restore them, throw them away, look at what they change, or
//! decide later.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{Outcome, Regions, Scope, Screen};
use crate::store::persist::journal;
use crate::text::clean;
use crate::tui::app::{App, Areas, DiffView};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::recovery::{forget, restore};
use crate::tui::view::popup::{choices, question};

/// The kept edits offered back, with what they change in the file as it is
/// now and whether the file was saved since they were made (then
/// restoring merges).
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    pub entry: journal::Entry,
    pub changes: Vec<crate::diff::Change>,
    pub file_changed: bool,
}

pub const KEYS: [Binding; 5] = [
    b(
        &[Char('r')],
        "r",
        Action::Restore,
        "bring the kept edits back (unsaved, so you can look first)",
        "restore",
    ),
    b(
        &[Char('x')],
        "x",
        Action::DropJournal,
        "throw the kept edits away",
        "throw away",
    ),
    b(
        &[Char('d')],
        "d",
        Action::ShowChanges,
        "every change the kept edits make to the file as it is now",
        "changes",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "decide later; they stay kept",
        "later",
    ),
    keys::SHOW_HELP,
];

impl Screen for Recovery {
    fn name(&self) -> &'static str {
        "kept edits"
    }

    fn context(&self) -> Context {
        Context::Recover
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Close,
            Action::DropJournal => {
                forget(app, &self.entry.file);
                app.message = Some("The kept edits are thrown away.".into());
                Outcome::Close
            }
            Action::ShowChanges => {
                app.stack.push(DiffView {
                    title: "Your kept edits, against the file as it is now".into(),
                    changes: self.changes.clone(),
                    selected: 0,
                });
                Outcome::Consumed
            }
            Action::Restore => {
                restore(app, &self.entry);
                Outcome::Close
            }
            _ => Outcome::Consumed,
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        if app.pathway.is_some() {
            draw(app, self, frame, at.below_header);
        }
    }
}

fn draw(app: &App, offer: &Recovery, frame: &mut Frame, area: ratatui::layout::Rect) {
    let entry = &offer.entry;
    let t = &app.theme;
    // What they change in the file as it is now: the first few, in words.
    const SHOWN: usize = 5;
    let room = usize::from(area.width.saturating_sub(8)).max(20);
    let changes = &offer.changes;
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
        let wrapped = crate::tui::view::doc::wrap_after(
            "  ~ ",
            &crate::diff::describe_in(c, app.open_pathway().map(|(p, _)| p)),
            room,
        );
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
    if offer.file_changed {
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
