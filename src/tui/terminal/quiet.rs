//! A terminal backend that writes nothing when nothing changed. ratatui
//! diffs each frame against the last and passes on only the changed cells,
//! but its crossterm backend still ends every frame with colour and
//! attribute resets, and the terminal hides the cursor again on every
//! frame: 25 bytes a second from an idle app over an SSH link, and a
//! screen that is never quiet for anybody reading its output. This wrapper
//! drops a frame with no changed cells and a cursor command that would not
//! change the cursor (shown or hidden, and where it is).

use std::io;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// Wraps a backend; see the module comment.
pub struct Quiet<B> {
    inner: B,
    /// Whether the cursor is shown, when known.
    cursor_shown: Option<bool>,
    /// Where the cursor was put, until something else moves it.
    cursor_at: Option<Position>,
}

impl<B> Quiet<B> {
    /// Starts with the cursor hidden: the app hides it on entering the
    /// alternate screen.
    pub fn new(inner: B) -> Quiet<B> {
        Quiet {
            inner,
            cursor_shown: Some(false),
            cursor_at: None,
        }
    }

    /// Another program had the terminal and the cursor is hidden again:
    /// say so, so the next frame shows it if it needs it.
    pub fn cursor_hidden(&mut self) {
        self.cursor_shown = Some(false);
        self.cursor_at = None;
    }
}

impl<B: Backend<Error = io::Error>> Backend for Quiet<B> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        // Writing cells moves the cursor.
        self.cursor_at = None;
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.cursor_at = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown == Some(false) {
            return Ok(());
        }
        self.cursor_shown = Some(false);
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown == Some(true) {
            return Ok(());
        }
        self.cursor_shown = Some(true);
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        if self.cursor_at == Some(position) {
            return Ok(());
        }
        self.cursor_at = Some(position);
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.cursor_at = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.cursor_at = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    use ratatui::widgets::Paragraph;

    /// Keeps what the backend writes, for the test to count.
    #[derive(Clone, Default)]
    struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl io::Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn frame(term: &mut Terminal<Quiet<CrosstermBackend<Sink>>>, sink: &Sink, text: &str) -> usize {
        let before = sink.0.borrow().len();
        term.draw(|f| f.render_widget(Paragraph::new(text.to_string()), f.area()))
            .unwrap();
        sink.0.borrow().len() - before
    }

    #[test]
    fn an_unchanged_frame_writes_nothing() {
        let sink = Sink::default();
        let backend = Quiet::new(CrosstermBackend::new(sink.clone()));
        let mut term = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 20, 2)),
            },
        )
        .unwrap();
        assert!(frame(&mut term, &sink, "hello") > 0);
        assert_eq!(frame(&mut term, &sink, "hello"), 0);
        assert!(frame(&mut term, &sink, "hullo") > 0);
    }

    #[test]
    fn an_unchanged_frame_with_the_cursor_shown_writes_nothing() {
        let sink = Sink::default();
        let backend = Quiet::new(CrosstermBackend::new(sink.clone()));
        let mut term = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 20, 2)),
            },
        )
        .unwrap();
        let mut typing = |text: &str| {
            let before = sink.0.borrow().len();
            term.draw(|f| {
                f.render_widget(Paragraph::new(text.to_string()), f.area());
                f.set_cursor_position(Position::new(text.len() as u16, 0));
            })
            .unwrap();
            sink.0.borrow().len() - before
        };
        assert!(typing("ab") > 0);
        assert_eq!(typing("ab"), 0);
        assert!(typing("abc") > 0);
    }
}
