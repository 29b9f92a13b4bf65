//! The status bar: the keys that work on this screen, a message when there
//! is one, and whether the mouse is captured.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::doc::{truncate, wrap};
use crate::tui::app::App;
use crate::tui::keys::{self, Action};
use crate::tui::presence;
use crate::tui::update::context;

/// The message's room to the left of the mouse indicator.
const RIGHT: usize = " mouse off (m) ".len();

/// Rows the status bar needs: one, or up to three while a long message
/// (a save refused, a permission missing) is shown whole.
pub fn height(app: &App, width: u16) -> u16 {
    match &app.message {
        Some(msg) => {
            let room = usize::from(width).saturating_sub(RIGHT).max(10);
            wrap(&crate::text::clean(msg), room).len().clamp(1, 3) as u16
        }
        None => 1,
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.height > 1
        && let Some(msg) = &app.message
    {
        draw_long_message(app, msg, frame, area);
        return;
    }
    let theme = &app.theme;
    let right = mouse_label(app, area.width);
    // A message is for a moment; it has the room while it lasts.
    let others = if app.message.is_some() {
        String::new()
    } else {
        truncate(
            &others_here(app, area.width < 100),
            usize::from(area.width) / 3,
        )
    };
    // On a narrow screen with others here, their initials take the mouse
    // setting's place (m still toggles it, and ? says so), so the screen's
    // own keys keep their room.
    let right = if area.width < 100 && !others.trim().is_empty() {
        others.clone()
    } else {
        format!("{others}{right}")
    };
    let width = usize::from(area.width).saturating_sub(right.width());
    let mut spans = Vec::new();
    if let Some(msg) = &app.message {
        spans.push(Span::styled(truncate(msg, width), theme.warning()));
    } else {
        let ctx = context(app);
        let bindings = keys::bindings(ctx);
        // Folding is offered only where a form has participants to fold.
        let folds = app
            .stack
            .find::<crate::tui::app::FormState>()
            .is_some_and(|f| {
                f.fields
                    .iter()
                    .any(|x| crate::tui::form_nav::group_of(x).is_some())
            });
        // Enter opens a run chart only where measures are listed.
        let charts = ctx != keys::Context::Pathway
            || app
                .pathway
                .as_ref()
                .is_some_and(|s| s.tab == crate::tui::app::Tab::Measures);
        let hints: Vec<_> = bindings
            .iter()
            .filter(|b| !b.hint.is_empty() && (folds || b.action != Action::Fold))
            .filter(|b| charts || b.action != Action::Open)
            .collect();
        // Help and quit are always shown; other hints give way on narrow
        // screens, the screen's most important last.
        let (always, mut rest): (Vec<_>, Vec<_>) = hints
            .into_iter()
            .partition(|b| matches!(b.action, Action::Help | Action::Quit));
        let order = super::priority::of(ctx);
        let rank = |b: &&keys::Binding| {
            order
                .iter()
                .position(|a| *a == b.action)
                .unwrap_or(order.len())
        };
        rest.sort_by_key(|b| rank(b));
        let cost = |b: &keys::Binding| b.label.width() + b.hint.width() + 3;
        let mut used: usize = always.iter().map(|b| cost(b)).sum::<usize>() + 1;
        let mut kept = Vec::new();
        for b in rest {
            if used + cost(b) > width {
                continue;
            }
            used += cost(b);
            kept.push(b);
        }
        // Shown in the table's order, so keys keep their places.
        let mut shown: Vec<_> = bindings
            .iter()
            .filter(|b| kept.iter().any(|k| std::ptr::eq(*k, *b)))
            .collect();
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

/// Whether the mouse is captured, shorter on a narrow screen so the keys
/// have the room.
fn mouse_label(app: &App, width: u16) -> &'static str {
    match (app.mouse, width < 100) {
        (true, false) => " mouse on (m) ",
        (false, false) => " mouse off (m) ",
        (true, true) => " m:on ",
        (false, true) => " m:off ",
    }
}

/// A message over several rows, the mouse indicator on the last.
fn draw_long_message(app: &App, msg: &str, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let right = if app.mouse {
        " mouse on (m) "
    } else {
        " mouse off (m) "
    };
    let room = usize::from(area.width).saturating_sub(RIGHT).max(10);
    let rows = wrap(&crate::text::clean(msg), room);
    let count = usize::from(area.height).min(rows.len());
    for (i, row) in rows.iter().take(count).enumerate() {
        let mut text = if i + 1 == count && rows.len() > count {
            truncate(&format!("{row} …"), room)
        } else {
            truncate(row, room)
        };
        let pad = usize::from(area.width).saturating_sub(text.width() + right.width());
        text.push_str(&" ".repeat(pad));
        let mut spans = vec![Span::styled(text, theme.warning())];
        if i + 1 == count {
            spans.push(Span::styled(
                right,
                theme.muted().add_modifier(Modifier::REVERSED),
            ));
        }
        let line_area = Rect {
            y: area.y + i as u16,
            height: 1,
            ..area
        };
        frame.render_widget(Line::from(spans), line_area);
    }
}

/// Who else is in this pathway (or, in the library, in the library), by
/// initials, and the key that lists them: "here: AS BJ (w) ".
fn others_here(app: &App, narrow: bool) -> String {
    let names: Vec<String> = if app.pathway.is_some() {
        presence::in_this_pathway(app)
            .iter()
            .map(|o| presence::initials(&crate::text::clean(&o.name)))
            .collect()
    } else {
        app.team
            .others
            .iter()
            .map(|o| presence::initials(&crate::text::clean(&o.name)))
            .collect()
    };
    if names.is_empty() {
        return String::new();
    }
    let mut unique = names;
    unique.dedup();
    // On a narrow screen the initials alone, so the keys keep their room.
    let place = match (narrow, app.pathway.is_some()) {
        (true, _) => "",
        (false, true) => "here: ",
        (false, false) => "in the library: ",
    };
    // The key that lists them (w) is said where there is room; `?` always
    // lists it.
    if narrow && app.pathway.is_some() {
        format!("{} ", unique.join(" "))
    } else {
        format!("{place}{} (w) ", unique.join(" "))
    }
}
