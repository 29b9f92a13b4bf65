//! Keeping people's work: the editing session and its undo, atomic saves
//! that wait their turn for a lock, the history of every save, and the
//! journal that keeps unsaved edits when a session ends without saving.

pub mod history;
pub mod journal;
pub mod lock;
pub mod rename;
pub mod save;
pub mod saving;
pub mod session;
