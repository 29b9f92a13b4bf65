//! The base beneath the stack: the library, or the open pathway with what
//! of it is open (its sections and steps, the comparison, the meeting).
//! Which of them is shown is worked out from the state, in this one order
//! ([`current`]); each is a [`Base`] in one file of this folder, holding
//! its keys, what it does with them and how it is drawn. Following a
//! facilitator is a mode over whichever is shown ([`super::super::follow`]).

pub(crate) mod compare;
pub(crate) mod library;
pub(crate) mod meeting;
mod pathway;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::super::app::{App, Areas};
use super::super::keys::{Action, Binding, Context};
use super::super::message::Effect;

/// One screen of the base. Its state lives in the app (the library's in
/// [`App::library`], the pathway's in [`App::pathway`]), since the
/// worker's messages and the other screens reach it there.
pub trait Base: Sync {
    /// Which of its key tables the state says (the list or its filter;
    /// the steps as a list, a flow or choosing an exit; two participants
    /// or every one).
    fn context(&self, app: &App) -> Context;
    /// What the screen is called in `ctx`, in the help's title.
    fn name(&self, ctx: Context) -> &'static str;
    /// Where the session is, in the word others see.
    fn presence(&self, app: &App) -> &'static str;
    /// The key table of `ctx`, as carepath ships it; `None` for a context
    /// that is not this screen's.
    fn keys(&self, ctx: Context) -> Option<Vec<Binding>>;
    /// A key of its table in `ctx`, as an action.
    fn handle(&self, app: &mut App, ctx: Context, action: Action) -> Option<Effect>;
    /// A key its table does not name (typing a filter); false when the
    /// screen does not take it.
    fn typed(&self, _app: &mut App, _ctx: Context, _key: KeyEvent) -> bool {
        false
    }
    /// A mouse click at `at`; false when the screen does not take it.
    fn click(&self, _app: &mut App, _at: Position) -> bool {
        false
    }
    /// Draws the screen in `body`, the terminal above the status bar.
    fn render(&self, app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas);
}

/// The base screen the state shows.
pub fn current(app: &App) -> &'static dyn Base {
    match app.open_pathway() {
        None => &library::Library,
        Some((_, s)) if s.compare.is_some() => &compare::Compare,
        Some((_, s)) if s.meeting.is_some() => &meeting::Meeting,
        Some(_) => &pathway::Pathway,
    }
}

/// The base screen whose table `ctx` is, if any.
fn owner(ctx: Context) -> Option<&'static dyn Base> {
    [
        &library::Library as &'static dyn Base,
        &pathway::Pathway,
        &compare::Compare,
        &meeting::Meeting,
    ]
    .into_iter()
    .find(|b| b.keys(ctx).is_some())
}

/// The key table of a base context, as carepath ships it.
pub fn keys_of(ctx: Context) -> Option<Vec<Binding>> {
    owner(ctx).and_then(|b| b.keys(ctx))
}

/// Carries out `action` on the base screen of `ctx`; following a
/// facilitator, or being asked to, has its own few keys.
pub fn handle(app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
    match ctx {
        Context::FollowAsk | Context::Following => {
            super::super::follow::act(app, ctx, action);
            None
        }
        _ => current(app).handle(app, ctx, action),
    }
}

/// Gives a key the table does not name to the base screen.
pub fn typed(app: &mut App, ctx: Context, key: KeyEvent) -> bool {
    current(app).typed(app, ctx, key)
}

/// Draws the base screen.
pub fn render(app: &App, frame: &mut Frame, body: Rect, drawn: &mut Areas) {
    current(app).render(app, frame, body, drawn);
}

/// The base's key context, with the request to follow over the screens
/// where one may be answered (never while typing).
pub fn context(app: &App) -> Context {
    let ctx = screen_context(app);
    if super::super::follow::may_ask(ctx) && super::super::follow::asking(app).is_some() {
        Context::FollowAsk
    } else {
        ctx
    }
}

/// The base's own screen, beneath any request to follow.
pub fn screen_context(app: &App) -> Context {
    if app.pathway.is_some() && app.follow.following.is_some() {
        return Context::Following;
    }
    current(app).context(app)
}

/// Whether the base has what comes over the views of the pathway on the
/// stack ([`super::Screen::is_view`]): following a facilitator. (The edit
/// form, a draft and the conflicts are on the stack, over the views.)
pub fn over_views(app: &App) -> bool {
    app.follow.following.is_some()
}

/// What a base screen is called, in the help's title.
pub fn name(app: &App, ctx: Context) -> &'static str {
    match ctx {
        Context::FollowAsk => "asked to follow",
        Context::Following => "following",
        _ => current(app).name(ctx),
    }
}

/// Where the base is, in the word others see.
pub fn presence(app: &App) -> &'static str {
    current(app).presence(app)
}
