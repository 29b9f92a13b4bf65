//! `update`: the only place the app's state changes. No terminal here, so
//! every behaviour can be tested as a plain function.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{AfterOpening, App, Opening, PathwayState, StepFocus, Tab};
use super::keys::{self, Action, Context};
use super::message::{Effect, Message};
use crate::store::library::source::{EntryState, LoadEvent};
use crate::store::persist::session::Session;

mod act;
mod mouse;
mod opening;
mod reading;
mod typing;

pub use act::act;
use act::*;
pub(crate) use mouse::row_at;
use mouse::*;
pub(crate) use opening::open_entry;
use opening::*;
use reading::*;
pub(crate) use reading::{exits, reading, search, steps};
use typing::*;
pub(crate) use typing::{edit_filter, type_into};

/// The key context the app is in now: the top screen's ([`super::screen`]).
pub fn context(app: &App) -> Context {
    super::screen::context(app)
}

/// The context of the base screen, beneath the stack and any request to
/// follow.
pub fn screen_context(app: &App) -> Context {
    super::screen::base::screen_context(app)
}

/// Handles one message. Returns the effects it asks for: the terminal's,
/// and work for the worker (whose results come back as messages).
pub fn update(app: &mut App, msg: Message) -> Vec<Effect> {
    let effect = handle(app, msg);
    if app.pathway.is_none() {
        app.stack.close_pathway();
    }
    // Whatever a message quotes from below (an error of the edit engine or
    // the loader), a YAML path in it is said in words.
    if let Some(said) = app.message.as_deref()
        && crate::model::words::holds_path(said)
    {
        let p = app.open_pathway().map(|(p, _)| p);
        app.message = Some(crate::model::words::in_words(p, said));
    }
    // The journal follows the unsaved edits after everything that may
    // change them (a key, a colleague's save, a save done), and once more
    // on the way out.
    super::recovery::journal(app);
    let mut effects = std::mem::take(&mut app.outbox);
    effects.extend(effect);
    // Keys typed while a pathway was being read are meant for it: they are
    // handled, in order, once it is shown.
    if app.opening.is_none() && !app.held.is_empty() {
        for key in std::mem::take(&mut app.held) {
            effects.extend(update(app, Message::Key(key)));
        }
    }
    effects
}

fn handle(app: &mut App, msg: Message) -> Option<Effect> {
    match msg {
        Message::Key(key) if app.opening.is_some() => {
            if key.code == KeyCode::Esc {
                app.opening = None;
                app.held.clear();
            } else {
                app.held.push(key);
            }
            None
        }
        Message::Key(key) => {
            app.message = None;
            if app.saving.is_some() && key.code == KeyCode::Esc {
                super::editing::cancel_save(app);
                return None;
            }
            let effect = on_key(app, key);
            super::follow::tidy(app);
            // Others see at once where this session moved.
            super::presence::refresh(app, false);
            if let Some(saving) = &app.saving
                && app.message.is_none()
            {
                // A save under way stays said until it is done.
                let said = saving.waiting.as_deref().unwrap_or(super::editing::SAVING);
                app.message = Some(said.to_string());
            }
            effect
        }
        Message::Mouse(mouse) => on_mouse(app, mouse),
        Message::Resize => None,
        Message::Paste(text) => {
            paste(app, &text);
            None
        }
        Message::Load(ev) => {
            on_load(app, ev);
            None
        }
        Message::Terminate | Message::InputLost => {
            // The connection is gone or the session is being ended: the
            // journal is kept (below, and done before the process ends).
            app.quit = true;
            None
        }
        Message::FollowPoll => {
            super::follow::poll(app);
            None
        }
        Message::Tick(now) => {
            app.now = now;
            app.team.ticks += 1;
            super::presence::refresh(app, true);
            None
        }
        Message::Signed(result) => {
            super::signoff::signed(app, *result);
            None
        }
        Message::Announced(result) => {
            super::presence::announced(app, result);
            None
        }
        Message::Others { mut others, forged } => {
            // Shown by the name people.yaml gives the user the file belongs
            // to, never a name the file claims.
            for o in &mut others {
                o.name = app.team.people.display(&o.user);
            }
            app.team.others = others;
            super::follow::others_read(app);
            if forged.is_some() {
                app.message = forged;
            }
            None
        }
        Message::RejectionKept(done) => {
            super::rejecting::kept(app, *done);
            None
        }
        Message::People(read) => {
            super::presence::people_read(app, *read);
            None
        }
        Message::Inspected {
            file,
            opened: read,
            kept,
            local,
        } => {
            opened(app, &file, read, kept.map(|k| *k));
            if let Some(s) = app.pathway.as_mut()
                && app.entries.get(s.entry).and_then(|e| e.path.as_deref()) == Some(&*file)
            {
                s.local = local.map(|l| *l);
            }
            None
        }
        Message::Listed { file, listed } => {
            super::versions::listed(app, file, *listed);
            None
        }
        Message::Compared { title, result } => {
            super::versions::compared(app, title, *result);
            None
        }
        Message::Created(result) => {
            super::structure::created(app, result);
            None
        }
        Message::Rebased { file, result, text } => {
            super::sync::rebased(app, file, *result, text);
            None
        }
        Message::Exported(said) => {
            app.message = Some(said);
            None
        }
        Message::JournalFailed(e) => {
            app.message = Some(format!("Unsaved edits could not be kept safe: {e}"));
            None
        }
        Message::FileChanged(changed) => {
            match app.saving.as_mut() {
                // Handled once this session's own save is done, so its own
                // write is known for what it is.
                Some(saving) => saving.deferred.push(*changed),
                None => super::live::file_changed(app, *changed),
            }
            None
        }
        Message::EditorDone { path, text } => {
            super::editing::editor_done(app, &path, text);
            None
        }
        Message::SaveWaiting { holder } => {
            super::editing::save_waiting(app, holder);
            None
        }
        Message::Saved { file, result } => {
            super::editing::save_done(app, &file, *result);
            None
        }
        Message::GitStanding(standing) => {
            app.team.git.standing = Some(standing);
            None
        }
        Message::Synced(result, standing) => {
            super::sync::done(app, result, standing);
            None
        }
    }
}

/// Moves `pos` in a list of `len` rows by `action`, `page` rows a page.
pub(super) fn move_in(pos: usize, len: usize, page: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => pos.saturating_sub(1),
        Action::Down => (pos + 1).min(last),
        Action::PageUp => pos.saturating_sub(page.max(1)),
        Action::PageDown => (pos + page.max(1)).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => pos,
    }
}
