//! The `?` overlay: every key of the screen the user is on, and the keys
//! that work everywhere.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::tui::app::App;
use crate::tui::keys::{self, Context};
use crate::tui::update::screen_context;

pub fn draw(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let under = screen_context(app);
    let mut lines = vec![Line::from(Span::styled(
        format!("Keys on this screen ({})", name(under)),
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
    app.areas.borrow_mut().help_max_scroll = wrapped.saturating_sub(inner.height);
    super::clear_overlay(frame, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll, 0)),
        popup,
    );
}

fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| l.width().div_ceil(w).max(1) as u16)
        .sum()
}

fn name(ctx: Context) -> &'static str {
    match ctx {
        Context::Library | Context::Filter => "library",
        Context::Pathway => "pathway",
        Context::Steps => "steps",
        Context::Exits => "choosing the next step",
        Context::Compare => "comparing two participants",
        Context::Matrix => "every participant",
        Context::Picker => "choosing participants",
        Context::Form => "editing",
        Context::Input => "typing a value",
        Context::Choice => "choosing a value",
        Context::Confirm => "unsaved changes",
        Context::TextEditor => "writing text",
        Context::Problems => "problems",
        Context::Diff => "what changed",
        Context::Conflicts => "merge conflicts",
        Context::Recover => "kept edits",
        Context::Commits => "earlier versions",
        Context::Meeting => "the meeting",
        Context::Thread => "a question",
        Context::Chart => "a measure over time",
        Context::FollowAsk => "asked to follow",
        Context::Draft => "recording for the meeting",
        Context::Following => "following",
        Context::Help => "help",
        Context::Question => "a question",
        Context::LinkTo => "linking two points",
        Context::WhoIsHere => "who is here",
        Context::Flow => "the flow of the steps",
    }
}
