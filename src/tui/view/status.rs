//! The status bar: the keys that work on this screen, a message when there
//! is one, and whether the mouse is captured.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::doc::truncate;
use crate::tui::app::App;
use crate::tui::keys::{self, Action};
use crate::tui::presence;
use crate::tui::update::context;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let right = if app.mouse {
        " mouse on (m) "
    } else {
        " mouse off (m) "
    };
    // A message is for a moment; it has the room while it lasts.
    let others = if app.message.is_some() {
        String::new()
    } else {
        truncate(&others_here(app), usize::from(area.width) / 3)
    };
    let right = format!("{others}{right}");
    let width = usize::from(area.width).saturating_sub(right.width());
    let mut spans = Vec::new();
    if let Some(msg) = &app.message {
        spans.push(Span::styled(truncate(msg, width), theme.warning()));
    } else {
        let bindings = keys::bindings(context(app));
        let hints: Vec<_> = bindings.iter().filter(|b| !b.hint.is_empty()).collect();
        // Help and quit are always shown; other hints give way on narrow screens.
        let (always, rest): (Vec<_>, Vec<_>) = hints
            .into_iter()
            .partition(|b| matches!(b.action, Action::Help | Action::Quit));
        let cost = |b: &keys::Binding| b.label.width() + b.hint.width() + 3;
        let mut used: usize = always.iter().map(&cost).sum::<usize>() + 1;
        let mut shown = Vec::new();
        for b in rest {
            if used + cost(&b) > width {
                break;
            }
            used += cost(&b);
            shown.push(b);
        }
        shown.extend(always);
        spans.push(Span::raw(" "));
        for b in shown {
            spans.push(Span::styled(
                b.label,
                theme.accent().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::styled(format!(" {}  ", b.hint), theme.text()));
        }
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    spans.push(Span::styled(others.clone(), theme.accent()));
    spans.push(Span::styled(
        right[others.len()..].to_string(),
        theme.muted().add_modifier(Modifier::REVERSED),
    ));
    frame.render_widget(Line::from(spans), area);
}

/// Who else is in this pathway (or, in the library, in the library), in
/// words: "also here: Dr Anna Smith, Ben Jones ".
fn others_here(app: &App) -> String {
    let names: Vec<String> = if app.pathway.is_some() {
        presence::in_this_pathway(app)
            .iter()
            .map(|o| crate::text::clean(&o.name).into_owned())
            .collect()
    } else {
        app.team
            .others
            .iter()
            .map(|o| crate::text::clean(&o.name).into_owned())
            .collect()
    };
    if names.is_empty() {
        return String::new();
    }
    let mut unique = names;
    unique.dedup();
    format!(
        "{}: {} ",
        if app.pathway.is_some() {
            "also here"
        } else {
            "also in the library"
        },
        unique.join(", ")
    )
}
