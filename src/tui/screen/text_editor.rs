//! Long text edited in place: every key is text but Esc and Ctrl-s, which
//! keep the text as one change (`u` takes it back whole) and close.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use super::{Outcome, Regions, Scope, Screen};
use crate::tui::app::{App, Areas};
use crate::tui::keys::{Action, Binding, Code, Context, Ctrl, b};

/// The field being written (its address, as in `carepath set`) and the
/// editor holding the text.
#[derive(Debug)]
pub struct TextEditor {
    pub path: String,
    pub editor: Box<ratatui_textarea::TextArea<'static>>,
}

pub const KEYS: [Binding; 1] = [b(
    &[Code(KeyCode::Esc), Ctrl('s')],
    "Esc/Ctrl-s",
    Action::Back,
    "keep the text and close the editor (u undoes); arrows, Home/End, Ctrl-←/→ by word",
    "done",
)];

impl Screen for TextEditor {
    fn name(&self) -> &'static str {
        "writing text"
    }

    fn context(&self) -> Context {
        Context::TextEditor
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    /// Esc or Ctrl-s: the text is kept as a change (which `u` takes back),
    /// so nothing written is lost by leaving.
    fn handle(&mut self, app: &mut App, _action: Action) -> Outcome {
        let text = self.editor.lines().join("\n");
        if let Some(kept) = crate::tui::editing::commit_typed(app, &self.path, &text)
            && let Some(form) = app.stack.find_mut::<crate::tui::app::FormState>()
        {
            form.keep_typed(&self.path, &kept);
        }
        Outcome::Close
    }

    /// Text pasted in, whole.
    fn pasted(&mut self, _app: &mut App, text: &str) -> Outcome {
        self.editor.insert_str(text.replace("\r\n", "\n"));
        Outcome::Consumed
    }

    fn typed(&mut self, _app: &mut App, key: KeyEvent) -> Outcome {
        self.editor.input(key);
        Outcome::Consumed
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        if app.open_pathway().is_none() {
            return;
        }
        let label = app
            .stack
            .find::<crate::tui::app::FormState>()
            .and_then(|f| f.fields.iter().find(|x| x.path == self.path))
            .map_or("Text".to_string(), |f| f.label.trim().to_string());
        let t = &app.theme;
        let area = at.body;
        let area = crate::tui::view::popup::popup(
            area,
            area.width.saturating_sub(4).min(100),
            area.height.saturating_sub(2),
        );
        crate::tui::view::clear_overlay(frame, area);
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
        frame.render_widget(&*self.editor, inner);
    }
}
