//! The mouse: the wheel scrolls, a click selects what is under it.

use super::*;

pub(super) fn on_mouse(app: &mut App, mouse: MouseEvent) -> Option<Effect> {
    let ctx = context(app);
    let at = Position::new(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => act(app, ctx, Action::Down),
        MouseEventKind::ScrollUp => act(app, ctx, Action::Up),
        MouseEventKind::Down(MouseButton::Left) => {
            click(app, at);
            None
        }
        _ => None,
    }
}

/// The row of a list drawn in `area` from `offset` that `at` falls on.
pub(crate) fn row_at(area: Rect, offset: usize, at: Position) -> Option<usize> {
    area.contains(at)
        .then(|| offset + usize::from(at.y - area.y))
}

pub(super) fn click(app: &mut App, at: Position) {
    if crate::tui::screen::click(app, at).is_some_and(|o| o != crate::tui::screen::Outcome::Pass) {
        return;
    }
    if crate::tui::screen::base::current(app).click(app, at) {
        return;
    }
    let areas = app.areas.clone();
    if let Some((_, t)) = areas.tabs.iter().find(|(r, _)| r.contains(at)) {
        switch_tab(app, Action::Tab(*t));
        return;
    }
    if let Some(i) = areas.exits.iter().position(|r| r.contains(at)) {
        if let Some(p) = app.pathway.as_mut() {
            p.focus = StepFocus::Exits;
            p.exit = i;
        }
        exits(app, Action::Open);
        return;
    }
    let count = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    if let Some(row) = row_at(areas.steps, areas.steps_offset, at)
        && row < count
        && let Some(p) = app.pathway.as_mut()
    {
        p.step = row;
        p.focus = StepFocus::List;
        p.detail_scroll = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::library::source::{Source, load_all};
    use crate::tui::app::Areas;
    use crate::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn library() -> App {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut app = App::new("examples".into(), Theme::monochrome(), today);
        app.add_entries(load_all(&Source::Builtin).unwrap());
        app.loading.done = true;
        app
    }

    fn click_at(app: &mut App, column: u16, row: u16) {
        update(
            app,
            Message::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column,
                row,
                modifiers: KeyModifiers::NONE,
            }),
        );
    }

    #[test]
    fn a_click_is_matched_to_the_layout_it_is_given_without_drawing() {
        let mut app = library();
        assert!(app.library.visible.len() >= 3, "the examples make a list");
        // Rows of the list from screen row 5, the first shown being row 1.
        app.drawn(Areas {
            list: Rect::new(0, 5, 80, 10),
            list_offset: 1,
            ..Areas::default()
        });
        click_at(&mut app, 10, 6);
        assert_eq!(app.library.selected, 2, "second row shown, scrolled by one");
        click_at(&mut app, 10, 2);
        assert_eq!(app.library.selected, 2, "above the list: nothing");
        click_at(&mut app, 10, 6);
        assert!(app.pathway.is_some(), "a second click on it opens it");
    }

    #[test]
    fn a_click_lands_on_the_row_the_returned_layout_says_is_there() {
        let mut app = library();
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut drawn = Areas::default();
        term.draw(|f| drawn = crate::tui::view::view(&app, f))
            .unwrap();
        // Drawing changed nothing in the app: the layout came back as data.
        assert_eq!(app.areas.list, Rect::default());
        assert!(drawn.list.height > 2, "{drawn:?}");
        app.drawn(drawn.clone());
        let row = drawn.list.y + 2;
        let title = app.entries[app.library.visible[2]]
            .pathway()
            .expect("an example pathway")
            .title
            .clone();
        let shown: String = (0..80)
            .map(|x| term.backend().buffer()[(x, row)].symbol().to_string())
            .collect();
        assert!(shown.contains(&title), "{title:?} on row {row}: {shown:?}");
        click_at(&mut app, 10, row);
        assert_eq!(app.library.selected, 2);
    }

    #[test]
    fn a_click_where_the_last_screen_had_an_exit_does_not_walk_on() {
        let mut app = library();
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut key = |app: &mut App, code| {
            update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
            crate::tui::view::draw(&mut term, app).unwrap();
        };
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('2'));
        let exit = app
            .areas
            .exits
            .first()
            .copied()
            .expect("the first step has an exit");
        key(&mut app, KeyCode::Char('1'));
        assert!(app.areas.exits.is_empty(), "the overview draws no exits");
        click_at(&mut app, exit.x + 2, exit.y);
        let state = app.pathway.as_ref().expect("open");
        assert_eq!(
            (state.tab, state.step),
            (Tab::Overview, 0),
            "still on the overview, step 1"
        );
    }
}
