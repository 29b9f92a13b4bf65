//! Everything that can happen to the app: keys, mouse, resizes, background
//! loading, signals.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::store::source::LoadEvent;

#[derive(Debug)]
pub enum Message {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize,
    /// Text pasted into the terminal, whole.
    Paste(String),
    /// A second has passed: time for the heartbeat, and every few
    /// seconds to journal unsaved edits.
    Tick,
    /// A pathway file in the library was changed on disk (by someone
    /// else, or by this session's own save).
    FileChanged(Box<crate::store::watch::Changed>),
    Load(LoadEvent),
    /// SIGTERM, SIGHUP or SIGINT: end the session cleanly.
    Terminate,
    /// The terminal can no longer be read (e.g. the SSH connection dropped).
    InputLost,
    /// The user's own editor closed: the field and the text it left, or
    /// why it could not run.
    EditorDone {
        path: String,
        text: Result<String, String>,
    },
}

/// What `update` asks the terminal layer to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SetMouse(bool),
    Suspend,
    /// Edit `text` in the user's $VISUAL / $EDITOR, then report with
    /// `Message::EditorDone` for `path`.
    ExternalEditor {
        path: String,
        text: String,
    },
    /// Publish `source` as a web site into the configured folder, and say
    /// where.
    Export(crate::store::source::Source),
}
