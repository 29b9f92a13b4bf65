//! `n` in the library: a new pathway, asked for in two lines (its title,
//! then its id, offered from the title), then written from the template
//! by the worker; it opens once it is there.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::{Outcome, Regions, Screen};
use crate::text::clean;
use crate::tui::app::{App, Areas, Input};
use crate::tui::editing::{edit_line, new_id};
use crate::tui::keys::{Action, Binding, Code, Context, b};
use crate::tui::message::Effect;
use crate::tui::view::doc::truncate;

/// The questions asked for a new pathway.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPathway {
    /// The title, once given; until then the input is the title.
    pub title: Option<String>,
    pub input: Input,
}

pub const KEYS: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "go on to the id, then create the pathway",
        "go on",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "stop: no pathway is made",
        "stop",
    ),
    b(
        &[Code(KeyCode::F(1))],
        "F1",
        Action::Help,
        "these keys (? is typed as text here)",
        "help",
    ),
];

/// `n`: asks for the title, where there is a library folder to write to.
pub fn start(app: &mut App) {
    if app.folder.is_none() {
        app.message =
            Some("New pathways go in a library folder: open one with carepath FOLDER.".into());
        return;
    }
    app.stack.push(NewPathway::default());
}

impl Screen for NewPathway {
    fn name(&self) -> &'static str {
        "a new pathway"
    }

    fn context(&self) -> Context {
        Context::NewPathway
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Back => return Outcome::Close,
            Action::Open if self.title.is_none() => {
                let title = self.input.text.trim().to_string();
                if title.is_empty() {
                    app.message = Some("A pathway needs a title.".into());
                    return Outcome::Consumed;
                }
                let taken: Vec<String> = app
                    .entries
                    .iter()
                    .filter_map(|e| e.summary().map(|s| s.id.clone()))
                    .collect();
                let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
                let id = new_id(&title, &taken);
                self.title = Some(title);
                self.input = Input {
                    cursor: id.chars().count(),
                    text: id,
                };
            }
            Action::Open => {
                if let (Some(title), Some(folder)) = (self.title.clone(), app.folder.clone()) {
                    let id = self.input.text.trim().to_string();
                    // Written by the worker; the screen closes and the
                    // pathway opens when it is there.
                    app.outbox.push(Effect::CreatePathway { folder, id, title });
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }

    fn typed(&mut self, _app: &mut App, key: KeyEvent) -> Outcome {
        edit_line(&mut self.input, key);
        Outcome::Consumed
    }

    fn pasted(&mut self, _app: &mut App, text: &str) -> Outcome {
        self.input.paste(text);
        Outcome::Consumed
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        self.draw(app, frame, at.body);
    }
}

impl NewPathway {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let t = &app.theme;
        let (question, hint) = match &self.title {
            None => (
                "Title of the new pathway:".to_string(),
                "Enter to go on · Esc to stop",
            ),
            Some(title) => (
                format!("Id for “{}” (the file's name):", clean(title)),
                "lower-case letters, digits and hyphens · Enter creates it · Esc to stop",
            ),
        };
        let width = area.width.saturating_sub(4).min(80);
        let inner_w = usize::from(width.saturating_sub(2));
        let (text, at) = crate::tui::view::input_window(
            &self.input.text,
            self.input.cursor,
            inner_w.saturating_sub(2),
        );
        let lines = vec![
            Line::from(Span::styled(truncate(&question, inner_w), t.text())),
            Line::from(Span::styled(format!("> {text}"), t.text())),
            Line::from(Span::styled(truncate(hint, inner_w), t.muted())),
        ];
        let popup = crate::tui::view::popup::boxed(app, "New pathway", lines, width, frame, area);
        let x = (at as u16 + 3).min(popup.width.saturating_sub(2));
        frame.set_cursor_position(Position::new(popup.x + x, popup.y + 2));
    }
}
