//! Entering and leaving the terminal. Every way out (quit, error, panic,
//! SIGTERM, SIGHUP) goes through [`restore`], so the user's shell is never
//! left in raw mode on the alternate screen.

use std::io::{self, Stdout, Write};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

mod quiet;

pub type Term = Terminal<quiet::Quiet<CrosstermBackend<Stdout>>>;

/// Raw mode, the alternate screen, no cursor, and mouse capture if asked.
pub fn enter(mouse: bool) -> io::Result<Term> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    // Pasted text arrives whole, not as keys that could be taken for commands.
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    set_mouse(mouse)?;
    Terminal::new(quiet::Quiet::new(CrosstermBackend::new(out)))
}

pub fn set_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(io::stdout(), EnableMouseCapture)
    } else {
        execute!(io::stdout(), DisableMouseCapture)
    }
}

/// Puts the terminal back as the shell expects it. Best effort: on a dropped
/// connection the writes fail, and there is nobody left to tell.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before the panic message is printed, so the message
/// is readable and the shell usable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Ctrl-Z: give the terminal back to the shell, stop, and take it again when
/// the user types `fg`.
pub fn suspend(term: &mut Term, mouse: bool) -> io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    resume(term, mouse)
}

/// Takes the terminal back after another program had it, and redraws
/// everything on the next frame.
pub fn resume(term: &mut Term, mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    set_mouse(mouse)?;
    term.backend_mut().cursor_hidden();
    // `Terminal::clear` would ask the terminal for the cursor position, and
    // the input thread would take the answer; a resize clears without asking.
    let size = term.size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}
