//! Drawing the app. Views read the state and draw; they never change it.
//! Where things landed (`Areas`: list rows, tabs, exits, how far a text can
//! scroll) is collected while drawing and returned as data; [`draw`] hands
//! it to [`App::drawn`] so that clicks and scrolling refer to the frame the
//! user sees.

pub mod chart;
pub mod doc;
mod flow;
pub(crate) mod pathway;
pub mod popup;
mod priority;
mod status;
mod steps;

use ratatui::backend::Backend;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::{Frame, Terminal};

use super::app::{App, Areas};

/// The first row to show so that row `selected` of `len` is in a window of
/// `height` rows, moving the window as little as possible from `previous`
/// (so the list does not jump while the selection stays in view).
pub fn keep_in_view(selected: usize, previous: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let offset = if selected < previous {
        selected
    } else if selected >= previous + height {
        selected + 1 - height
    } else {
        previous
    };
    offset.min(len.saturating_sub(height))
}

/// The colour of a pathway's status, in the library's list and over an
/// open pathway.
pub fn status_style(
    status: crate::model::Status,
    theme: &super::theme::Theme,
) -> ratatui::style::Style {
    use crate::model::Status;
    theme.role(match status {
        Status::Draft => "draft",
        Status::InReview => "in_review",
        Status::Agreed => "agreed",
        Status::Retired => "retired",
    })
}

/// Clears an overlay's area and one column either side of it, so no letter
/// of the screen beneath is left standing against its border.
pub fn clear_overlay(frame: &mut Frame, area: Rect) {
    let screen = frame.area();
    let left = area.x.saturating_sub(1).max(screen.x);
    let right = (area.x + area.width + 1).min(screen.x + screen.width);
    let wider = Rect {
        x: left,
        width: right.saturating_sub(left),
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, wider);
}

/// Draws one frame and keeps its layout in the app: the run loop and the
/// tests draw with this, so what `update` reads is always the last frame's.
pub fn draw<B: Backend>(term: &mut Terminal<B>, app: &mut App) -> Result<(), B::Error> {
    let mut areas = None;
    term.draw(|frame| areas = Some(view(app, frame)))?;
    if let Some(areas) = areas {
        app.drawn(areas);
    }
    Ok(())
}

/// Draws the app and returns where things landed: only what this frame
/// drew, with the lists' first rows carried over from the last frame
/// ([`Areas::next_frame`]).
pub fn view(app: &App, frame: &mut Frame) -> Areas {
    let mut drawn = app.areas.next_frame();
    let status_rows = status::height(app, frame.area().width);
    let [body, status_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(status_rows)]).areas(frame.area());
    let regions = super::screen::Regions {
        full: frame.area(),
        body,
        below_header: Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        },
    };
    super::screen::base::render(app, frame, body, &mut drawn);
    // The views of the pathway on the stack; its forms and every other
    // screen are drawn over them, below.
    if app.pathway.is_some() {
        super::screen::render_views(app, frame, &regions, &mut drawn);
    }
    super::screen::render_under_status(app, frame, &regions, &mut drawn);
    follow_banner(app, frame, body);
    status::draw(app, frame, status_area);
    super::screen::render_over_status(app, frame, &regions, &mut drawn);
    drawn
}

/// A line at the foot of the screen while another session asks this one
/// to follow it, or while this one follows: who, and the one key.
fn follow_banner(app: &App, frame: &mut Frame, body: Rect) {
    use ratatui::style::Modifier;
    use ratatui::text::{Line, Span};
    let said = if let Some(leader) = &app.follow.following {
        super::follow::banner(app, leader)
    } else if super::update::context(app) == super::keys::Context::FollowAsk {
        let name = super::follow::asking(app)
            .map_or(String::new(), |o| crate::text::clean(&o.name).into_owned());
        format!(" {name} asks you to follow their screen: f follows, Esc not now. ")
    } else {
        return;
    };
    if body.height < 2 {
        return;
    }
    let area = Rect {
        y: body.y + body.height - 1,
        height: 1,
        ..body
    };
    let text = doc::truncate(&said, usize::from(area.width));
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(
        Line::from(Span::styled(
            text,
            app.theme
                .accent()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )),
        area,
    );
}

/// The part of a one-line input that fits in `width` columns, scrolled
/// sideways so the cursor (a character index) is always on screen; and the
/// cursor's column in it. The text is cleaned for the screen.
pub fn input_window(text: &str, cursor: usize, width: usize) -> (String, usize) {
    use unicode_width::UnicodeWidthChar;
    let text = crate::text::clean(text);
    let chars: Vec<char> = text.chars().collect();
    let w = |c: &char| c.width().unwrap_or(0);
    let width = width.max(1);
    let cursor = cursor.min(chars.len());
    // Start as far left as still shows the cursor, with room for it.
    let mut start = cursor;
    let mut used = 1;
    while start > 0 && used + w(&chars[start - 1]) <= width {
        start -= 1;
        used += w(&chars[start]);
    }
    let mut shown = String::new();
    let mut col = 0;
    let mut cursor_col = 0;
    for (i, c) in chars.iter().enumerate().skip(start) {
        if i == cursor {
            cursor_col = col;
        }
        if col + w(c) > width {
            break;
        }
        shown.push(*c);
        col += w(c);
    }
    if cursor == chars.len() {
        cursor_col = col;
    }
    (shown, cursor_col)
}

#[cfg(test)]
mod tests {
    use super::input_window;

    #[test]
    fn a_long_input_scrolls_so_the_cursor_stays_in_sight() {
        let text = "Ring the care home the day before discharge";
        // Cursor at the end: the end shows, with room for the cursor.
        let (shown, at) = input_window(text, text.len(), 10);
        assert_eq!(shown, "discharge");
        assert_eq!(at, 9);
        // Cursor at the start: the start shows.
        let (shown, at) = input_window(text, 0, 10);
        assert_eq!(shown, "Ring the c");
        assert_eq!(at, 0);
        // Short text: all of it.
        assert_eq!(input_window("Ward 7", 3, 10), ("Ward 7".into(), 3));
        // Wide characters count as two columns; one is left for the cursor.
        let (shown, at) = input_window("病院から施設へ", 7, 6);
        assert_eq!((shown.as_str(), at), ("設へ", 4));
    }
}
