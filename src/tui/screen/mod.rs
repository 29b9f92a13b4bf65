//! Screens as components on a stack. The screen on top of [`Stack`] takes
//! the keys; the view draws the stack from the bottom up; help, the status
//! bar's hints and the "where I am" others see all read it, so the order of
//! the screens is said once, here.
//!
//! Beneath the stack is the base: the library, or the open pathway with its
//! tabs, comparison, meeting and form ([`base`]). Every other screen is a
//! [`Screen`] in one file of this folder holding its state, its keys, what
//! it does with them and how it is drawn; adding one is that file plus its
//! `mod` line and key context.

pub mod base;
pub mod chart;
pub mod confirm;
pub mod conflicts;
pub mod diff;
pub mod draft;
pub mod form;
pub mod help;
pub mod linking;
pub mod new_pathway;
pub mod picker;
pub mod problems;
pub mod question;
pub mod recovery;
pub mod reject;
pub mod text_editor;
pub mod thread;
pub mod versions;
pub mod who_is_here;

use std::any::{Any, TypeId};

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::app::{App, Areas};
use super::keys::{Action, Binding, Context};

/// The screens a key opens from wherever it is bound, one line each.
pub fn open(app: &mut App, action: Action) -> bool {
    match action {
        Action::Help => app.stack.push(help::Help::default()),
        Action::WhoIsHere => app.stack.push(who_is_here::WhoIsHere),
        _ => return false,
    }
    true
}

/// The key table of each screen on the stack, by its context.
pub fn keys_of(ctx: Context) -> Option<Vec<Binding>> {
    Some(match ctx {
        Context::Help => help::KEYS.to_vec(),
        Context::WhoIsHere => who_is_here::KEYS.to_vec(),
        Context::NewPathway => new_pathway::KEYS.to_vec(),
        Context::Question => question::KEYS.to_vec(),
        Context::Confirm => confirm::KEYS.to_vec(),
        Context::Conflicts => conflicts::keys(),
        Context::Problems => problems::keys(),
        Context::Diff => diff::KEYS.to_vec(),
        Context::Draft => draft::KEYS.to_vec(),
        Context::Commits => versions::keys(),
        Context::Recover => recovery::KEYS.to_vec(),
        Context::TextEditor => text_editor::KEYS.to_vec(),
        Context::Chart => chart::keys(),
        Context::Thread => thread::keys(),
        Context::Picker => picker::keys(),
        Context::LinkTo => linking::keys(),
        Context::Reject => reject::KEYS.to_vec(),
        Context::Form => form::keys::choosing(),
        Context::Choice => form::keys::choice(),
        _ => return None,
    })
}

/// What a screen did with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done with; the screen stays.
    Consumed,
    /// Not this screen's: the screen beneath has it.
    Pass,
    /// Done with, and the screen closes.
    Close,
}

/// What a screen belongs to: it closes with the pathway, or stays with the
/// app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    App,
    Pathway,
}

/// Where a screen may be drawn.
#[derive(Debug, Clone, Copy)]
pub struct Regions {
    /// The whole terminal, status bar included.
    pub full: Rect,
    /// Above the status bar.
    pub body: Rect,
    /// The body under the pathway's header line (title, unsaved marker).
    pub below_header: Rect,
}

/// One screen: its name, its keys, what it does with them, how it is drawn.
pub trait Screen: Any + std::fmt::Debug {
    /// What the screen is called, in the help's title ("Keys on this
    /// screen (who is here)").
    fn name(&self) -> &'static str;
    /// The key table the screen answers to ([`super::keys::bindings`]).
    fn context(&self) -> Context;
    /// The word others see for where this session is, when this screen
    /// says it; `None` leaves it to the screen beneath.
    fn presence(&self) -> Option<&'static str> {
        None
    }
    /// Whether the screen closes with the open pathway.
    fn scope(&self) -> Scope {
        Scope::App
    }
    /// Whether the screen takes the keys while this session follows a
    /// facilitator. The pathway's own forms do not: the facilitator's
    /// screen has the keys until `f` or Esc leaves it.
    fn keys_while_following(&self) -> bool {
        true
    }
    /// The edit form: a draft or the conflicts opened while it is open go
    /// over it, as over the views ([`Stack::push_beneath`]).
    fn is_form(&self) -> bool {
        false
    }
    /// Drawn over the status bar and the follow banner, rather than under.
    fn over_status(&self) -> bool {
        false
    }
    /// Part of the pathway's own screen (a run chart, a question's thread):
    /// drawn where the pathway is drawn, under its forms, which take the
    /// keys over it, as following a facilitator does ([`base::over_views`]).
    fn is_view(&self) -> bool {
        false
    }
    /// A key of its table, as an action.
    fn handle(&mut self, app: &mut App, action: Action) -> Outcome;
    /// A key its table does not name (typing, for screens that take text).
    fn typed(&mut self, _app: &mut App, _key: KeyEvent) -> Outcome {
        Outcome::Pass
    }
    /// Text pasted (for screens that take text).
    fn pasted(&mut self, _app: &mut App, _text: &str) -> Outcome {
        Outcome::Pass
    }
    /// A mouse click at `at`.
    fn click(&mut self, _app: &mut App, _at: Position) -> Outcome {
        Outcome::Pass
    }
    /// Draws the screen; what a click or a scroll needs to know of where
    /// things landed goes in `drawn`, which the view returns with the frame.
    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, drawn: &mut Areas);
}

/// The screens over the base, bottom first.
#[derive(Debug, Default)]
pub struct Stack {
    screens: Vec<Box<dyn Screen>>,
    /// The screen taken off the stack while it works on the app.
    out: Option<Out>,
}

/// What happened to the stack while its top screen was off it, working.
#[derive(Debug)]
struct Out {
    kind: TypeId,
    /// It is a view of the pathway ([`Screen::is_view`]) or one of its
    /// forms ([`Screen::is_form`]).
    view: bool,
    /// It was closed by what it set off (a save it started finished).
    closed: bool,
    /// Screens put beneath meanwhile, for it to go back above them.
    beneath: usize,
}

impl Stack {
    /// Puts `screen` on top.
    pub fn push(&mut self, screen: impl Screen) {
        self.screens.push(Box::new(screen));
    }

    /// Puts one of the pathway's own forms (a draft, the conflicts) over
    /// the views of the pathway and beneath every other screen: one that
    /// opens on something heard (another's save) waits under the screen
    /// the user is in (a question, the text editor), rather than taking
    /// its keys, as the pathway's forms always have.
    pub fn push_beneath(&mut self, screen: impl Screen) {
        match self.out.as_mut() {
            // Opened from a view or a form, which was on top: it goes over
            // it.
            Some(out) if out.view => self.screens.push(Box::new(screen)),
            out => {
                if let Some(out) = out {
                    out.beneath += 1;
                }
                let at = self
                    .screens
                    .iter()
                    .rposition(|s| s.is_view() || s.is_form())
                    .map_or(0, |i| i + 1);
                self.screens.insert(at, Box::new(screen));
            }
        }
    }

    /// The screen on top.
    pub fn top(&self) -> Option<&dyn Screen> {
        self.screens.last().map(|s| &**s)
    }

    /// The screens, bottom first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &dyn Screen> {
        self.screens.iter().map(|s| &**s)
    }

    /// The open screen of type `T`, the topmost if there are several.
    pub fn find<T: Screen>(&self) -> Option<&T> {
        self.screens
            .iter()
            .rev()
            .find_map(|s| (&**s as &dyn Any).downcast_ref::<T>())
    }

    pub fn find_mut<T: Screen>(&mut self) -> Option<&mut T> {
        self.screens
            .iter_mut()
            .rev()
            .find_map(|s| (&mut **s as &mut dyn Any).downcast_mut::<T>())
    }

    pub fn is_open<T: Screen>(&self) -> bool {
        self.find::<T>().is_some()
    }

    /// Closes every screen of type `T`, the one working included.
    pub fn close<T: Screen>(&mut self) {
        self.screens.retain(|s| !(&**s as &dyn Any).is::<T>());
        if let Some(out) = self.out.as_mut().filter(|o| o.kind == TypeId::of::<T>()) {
            out.closed = true;
        }
    }

    /// Closes the screens that belong to the pathway, once it is closed.
    pub fn close_pathway(&mut self) {
        self.screens.retain(|s| s.scope() != Scope::Pathway);
    }

    pub fn is_empty(&self) -> bool {
        self.screens.is_empty()
    }
}

/// The key context the app is in now: the top screen's, or the base's.
pub fn context(app: &App) -> Context {
    match on_top(app) {
        Some(top) => top.context(),
        None => base::context(app),
    }
}

/// The screen that takes the keys: the top one, unless it gives them to
/// what is over it in the base or to following ([`takes_keys`]).
fn on_top(app: &App) -> Option<&dyn Screen> {
    app.stack.top().filter(|s| takes_keys(app, *s))
}

/// Whether `screen` takes the keys now, when on top: a view of the pathway
/// not while a form of the base or following is over it; the pathway's own
/// forms not while following.
fn takes_keys(app: &App, screen: &dyn Screen) -> bool {
    if screen.is_view() {
        !base::over_views(app)
    } else {
        app.follow.following.is_none() || screen.keys_while_following()
    }
}

/// The screen the help is about: the top one, the help itself aside.
pub fn beneath_help(app: &App) -> (Context, &'static str) {
    let covered = base::over_views(app);
    match app
        .stack
        .iter()
        .rev()
        .find(|s| s.context() != Context::Help && !(covered && s.is_view()))
        .filter(|s| takes_keys(app, *s))
    {
        Some(s) => (s.context(), s.name()),
        None => {
            let ctx = base::screen_context(app);
            (ctx, base::name(app, ctx))
        }
    }
}

/// Where this session is, in the word others see: the top screen that says
/// one, else the base's.
pub fn presence(app: &App) -> &'static str {
    app.stack
        .iter()
        .rev()
        .find_map(|s| s.presence())
        .unwrap_or_else(|| base::presence(app))
}

/// Gives `action` to the top screen when its table is `ctx`'s; when it
/// passes the action down, `beneath` has it with the context beneath.
/// False when there is no such screen (the base has the action).
pub fn handle(
    app: &mut App,
    ctx: Context,
    action: Action,
    beneath: impl FnOnce(&mut App, Context),
) -> bool {
    let outcome = with_top(app, ctx, |screen, app| {
        let outcome = screen.handle(app, action);
        if outcome == Outcome::Pass {
            beneath(app, context(app));
        }
        outcome
    });
    outcome.is_some()
}

/// Gives an unbound key (typing) to the top screen.
pub fn typed(app: &mut App, ctx: Context, key: KeyEvent) -> Option<Outcome> {
    with_top(app, ctx, |screen, app| screen.typed(app, key))
}

/// Gives pasted text to the top screen.
pub fn pasted(app: &mut App, text: &str) -> Option<Outcome> {
    let ctx = on_top(app)?.context();
    with_top(app, ctx, |screen, app| screen.pasted(app, text))
}

/// Gives a click to the top screen.
pub fn click(app: &mut App, at: Position) -> Option<Outcome> {
    let ctx = on_top(app)?.context();
    with_top(app, ctx, |screen, app| screen.click(app, at))
}

/// Takes the top screen off while it works on the app (which may open
/// others over it), then puts it back where it was unless it closed.
fn with_top(
    app: &mut App,
    ctx: Context,
    f: impl FnOnce(&mut dyn Screen, &mut App) -> Outcome,
) -> Option<Outcome> {
    if on_top(app)?.context() != ctx {
        return None;
    }
    let at = app.stack.screens.len() - 1;
    let mut screen = app.stack.screens.pop()?;
    let outer = app.stack.out.replace(Out {
        kind: (&*screen as &dyn Any).type_id(),
        view: screen.is_view() || screen.is_form(),
        closed: false,
        beneath: 0,
    });
    let outcome = f(&mut *screen, app);
    let out = std::mem::replace(&mut app.stack.out, outer);
    let (closed, beneath) = out.map_or((false, 0), |o| (o.closed, o.beneath));
    if outcome != Outcome::Close && !closed {
        let at = (at + beneath).min(app.stack.screens.len());
        app.stack.screens.insert(at, screen);
    }
    Some(outcome)
}

/// Draws the views of the pathway, bottom first, where the pathway is
/// drawn: under its forms.
pub fn render_views(app: &App, frame: &mut Frame, at: &Regions, drawn: &mut Areas) {
    for s in app.stack.iter().filter(|s| s.is_view()) {
        s.render(app, frame, at, drawn);
    }
}

/// Draws the screens that go under the status bar, bottom first.
pub fn render_under_status(app: &App, frame: &mut Frame, at: &Regions, drawn: &mut Areas) {
    for s in app
        .stack
        .iter()
        .filter(|s| !s.over_status() && !s.is_view())
    {
        s.render(app, frame, at, drawn);
    }
}

/// Draws the screens that go over the status bar, bottom first.
pub fn render_over_status(app: &App, frame: &mut Frame, at: &Regions, drawn: &mut Areas) {
    for s in app.stack.iter().filter(|s| s.over_status()) {
        s.render(app, frame, at, drawn);
    }
}

#[cfg(test)]
mod tests;
