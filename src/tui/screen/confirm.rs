//! Save, discard or cancel: asked before leaving a pathway (or quitting)
//! with changes that are not saved.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{Outcome, Regions, Scope, Screen};
use crate::store::persist::session::Session;
use crate::text::clean;
use crate::tui::app::{AfterSave, App, Areas, Pending};
use crate::tui::editing;
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::view::popup::{choices, question};

/// The question, and what to do once it is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirm {
    pub then: Pending,
}

pub const KEYS: [Binding; 4] = [
    b(
        &[Char('s'), Char('y')],
        "s",
        Action::Save,
        "save the changes, then go on",
        "save",
    ),
    b(
        &[Char('d'), Char('n')],
        "d",
        Action::Discard,
        "throw the changes away, then go on",
        "discard",
    ),
    b(
        &[Char('c'), Code(KeyCode::Esc)],
        "c/Esc",
        Action::Back,
        "stay here with the changes",
        "cancel",
    ),
    keys::SHOW_HELP,
];

impl Screen for Confirm {
    fn name(&self) -> &'static str {
        "unsaved changes"
    }

    fn context(&self) -> Context {
        Context::Confirm
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        if app.saving.is_some() {
            app.message = Some(editing::SAVING.into());
            return Outcome::Consumed;
        }
        match action {
            // The question is answered; leaving waits for the save.
            Action::Save if editing::save_then(app, AfterSave::Leave(self.then)) => Outcome::Close,
            Action::Discard => {
                discard(app);
                editing::finish(app, self.then);
                Outcome::Close
            }
            Action::Back => Outcome::Close,
            _ => Outcome::Consumed,
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        let Some(session) = app.open_pathway().and_then(|(_, s)| s.session.as_ref()) else {
            return;
        };
        let file = session
            .file()
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let t = &app.theme;
        let what = match self.then {
            Pending::Quit => "before quitting",
            Pending::Library => "before going back to the library",
        };
        let lines = vec![
            Line::from(Span::styled(
                format!("You have changes to {} that are not saved.", clean(&file)),
                t.text(),
            )),
            Line::from(Span::styled(format!("Save them {what}?"), t.text())),
            Line::default(),
            choices(
                app,
                &[("s", "save"), ("d", "discard"), ("c", "cancel, stay here")],
            ),
        ];
        question(app, "Unsaved changes", lines, frame, at.body);
    }
}

/// Puts the pathway back as it is on disk; the kept copy of the edits
/// goes too.
fn discard(app: &mut App) {
    if let Some(file) = app
        .pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .map(|s| s.file().to_path_buf())
    {
        crate::tui::recovery::forget(app, &file);
    }
    if let Some(state) = app.pathway.as_mut() {
        while state.session.as_mut().is_some_and(Session::undo) {}
        state.unloaded = None;
    }
    editing::sync(app);
    // A fresh session on the saved text: no redo of what was thrown away.
    if let Some(s) = app.pathway.as_mut() {
        s.session = s
            .session
            .take()
            .map(|old| Session::new(old.file(), old.base_text().to_owned(), old.saved().clone()));
    }
}
