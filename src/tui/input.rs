//! The thread that reads the keyboard, and how it steps aside.
//!
//! While the user's own editor (or a shell after Ctrl-Z) has the terminal,
//! carepath must not read a single byte of input: whatever it read would be
//! missing from the editor and later run as a carepath command. The reader
//! therefore never blocks in a read; it polls for a short while, and
//! between polls looks at what it is asked to be. [`Reader::pause`] asks it
//! to stop and waits until it has really stopped (its poll has returned
//! and it is parked), so that nothing of carepath reads the terminal from
//! that moment until [`Reader::resume`]. The same shape as gitui's input
//! thread, with a desired and a current state.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use super::message::Message;

/// How long one poll waits before the reader looks again at whether it is
/// to pause. Input that arrives ends the wait at once; this only bounds
/// how long a pause takes to be honoured.
const POLL: Duration = Duration::from_millis(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Polling,
    Paused,
}

#[derive(Debug)]
struct Shared {
    /// What the reader is asked to be.
    desired: State,
    /// What the reader is now.
    current: State,
    /// The reader has ended (the terminal is gone, or nobody listens).
    ended: bool,
}

/// The handle the event loop keeps on the reader thread.
#[derive(Debug, Clone)]
pub struct Reader {
    shared: Arc<(Mutex<Shared>, Condvar)>,
}

impl Reader {
    /// Starts reading keys, mouse, resizes and pastes into `tx`.
    pub fn spawn(tx: Sender<Message>) -> Reader {
        let input = Reader {
            shared: Arc::new((
                Mutex::new(Shared {
                    desired: State::Polling,
                    current: State::Polling,
                    ended: false,
                }),
                Condvar::new(),
            )),
        };
        let reader = input.clone();
        thread::spawn(move || reader.run(&tx));
        input
    }

    /// Stops reading, and returns only once the reader has stopped.
    pub fn pause(&self) {
        let (lock, cvar) = &*self.shared;
        let Ok(mut s) = lock.lock() else { return };
        s.desired = State::Paused;
        cvar.notify_all();
        while s.current != State::Paused && !s.ended {
            s = match cvar.wait(s) {
                Ok(s) => s,
                Err(_) => return,
            };
        }
    }

    /// Reads again.
    pub fn resume(&self) {
        let (lock, cvar) = &*self.shared;
        if let Ok(mut s) = lock.lock() {
            s.desired = State::Polling;
            cvar.notify_all();
        }
    }

    /// Parks while paused; false once the reader is to end.
    fn wait_while_paused(&self) -> bool {
        let (lock, cvar) = &*self.shared;
        let Ok(mut s) = lock.lock() else { return false };
        if s.desired == State::Paused {
            s.current = State::Paused;
            cvar.notify_all();
            while s.desired == State::Paused {
                s = match cvar.wait(s) {
                    Ok(s) => s,
                    Err(_) => return false,
                };
            }
        }
        s.current = State::Polling;
        true
    }

    fn end(&self) {
        let (lock, cvar) = &*self.shared;
        if let Ok(mut s) = lock.lock() {
            s.ended = true;
            cvar.notify_all();
        }
    }

    /// A read error means the terminal is gone (e.g. the SSH connection
    /// dropped): report it once and stop, never retry, or the loop would
    /// spin on a dead terminal.
    fn run(&self, tx: &Sender<Message>) {
        while self.wait_while_paused() {
            match event::poll(POLL) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => {
                    let _ = tx.send(Message::InputLost);
                    break;
                }
            }
            let msg = match event::read() {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => Message::Key(k),
                Ok(Event::Mouse(m)) => Message::Mouse(m),
                Ok(Event::Resize(..)) => Message::Resize,
                Ok(Event::Paste(text)) => Message::Paste(text),
                Ok(_) => continue,
                Err(_) => {
                    let _ = tx.send(Message::InputLost);
                    break;
                }
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
        self.end();
    }
}
