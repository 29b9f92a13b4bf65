//! `?`: every key of the screen the user is on, and the keys that work
//! everywhere, over the whole terminal.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Outcome, Regions, Screen};
use crate::tui::app::{App, Areas};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};

/// The help, scrolled this many lines down.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: u16,
}

pub const KEYS: [Binding; 4] = [
    b(
        &[
            Code(KeyCode::Esc),
            Char('?'),
            Char('q'),
            Code(KeyCode::Enter),
        ],
        "Esc/?/q",
        Action::Back,
        "close the help",
        "close",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "scroll",
        "scroll",
    ),
    keys::MOUSE,
    keys::SUSPEND,
];

impl Screen for Help {
    fn name(&self) -> &'static str {
        "help"
    }

    fn context(&self) -> Context {
        Context::Help
    }

    fn over_status(&self) -> bool {
        true
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let max = app.areas.help_max_scroll;
        match action {
            Action::Back => return Outcome::Close,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(max),
            _ => {}
        }
        Outcome::Consumed
    }

    /// A click anywhere closes the help.
    fn click(&mut self, _app: &mut App, _at: Position) -> Outcome {
        Outcome::Close
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, drawn: &mut Areas) {
        let area = at.full;
        let theme = &app.theme;
        let (under, name) = super::beneath_help(app);
        let mut lines = vec![Line::from(Span::styled(
            format!("Keys on this screen ({name})"),
            theme.heading(),
        ))];
        for b in keys::bindings(under) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12}", b.label), theme.accent()),
                Span::styled(b.help, theme.text()),
            ]));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Mouse", theme.heading())));
        lines.push(Line::from(Span::styled(
            "  wheel scrolls; click selects, a second click opens; click a section's name to go to it",
            theme.text(),
        )));
        lines.push(Line::from(Span::styled(
            "  the mouse is on when the status bar says so; m turns it off to select text",
            theme.text(),
        )));
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "Esc or ? closes this help",
            theme.muted(),
        )));

        let width = area.width.saturating_sub(4).min(90);
        let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
        let [popup] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(popup);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(Span::styled(" Help ", theme.title()));
        let inner = block.inner(popup);
        let wrapped = wrapped_height(&lines, inner.width);
        drawn.help_max_scroll = wrapped.saturating_sub(inner.height);
        crate::tui::view::clear_overlay(frame, popup);
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(ratatui::widgets::Wrap { trim: false })
                .scroll((self.scroll, 0)),
            popup,
        );
    }
}

fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| l.width().div_ceil(w).max(1) as u16)
        .sum()
}
