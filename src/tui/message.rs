//! Everything that can happen to the app: keys, mouse, resizes, background
//! loading, signals.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::store::source::LoadEvent;

#[derive(Debug)]
pub enum Message {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize,
    Load(LoadEvent),
    /// SIGTERM, SIGHUP or SIGINT: end the session cleanly.
    Terminate,
    /// The terminal can no longer be read (e.g. the SSH connection dropped).
    InputLost,
}

/// What `update` asks the terminal layer to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    SetMouse(bool),
    Suspend,
}
