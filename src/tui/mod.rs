//! The terminal app, in The Elm Architecture: [`app::App`] is the state,
//! [`message::Message`] what happens, [`update::update`] the only change of
//! state, and [`view::view`] draws it, returning where things landed; the
//! loop draws with [`view::draw`], which keeps that layout for the next key
//! ([`app::App::drawn`]). This module runs the loop and is the only place
//! that talks to the terminal.

mod adding;
pub mod analyses;
pub mod app;
pub mod compare;
pub mod conflicts;
pub mod dates;
pub mod editing;
mod editor;
pub mod export;
pub mod follow;
pub mod form_nav;
pub mod forms;
mod input;
mod keep_place;
pub mod keys;
pub mod link;
pub mod live;
pub mod meeting;
pub mod message;
pub mod minutes;
pub mod presence;
pub mod recovery;
mod rejecting;
mod removed_step;
pub mod screen;
pub mod signers;
pub mod signoff;
pub mod structure;
pub mod sync;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod user_keys;
pub mod versions;
pub mod view;
pub mod worker;

use std::io;
use std::sync::mpsc;
use std::thread;

use chrono::NaiveDate;

use crate::store::library::source::{self, Source};
use app::App;
use message::{Effect, Message};
use theme::Theme;

/// What the app starts with.
pub struct Options {
    pub source: Source,
    pub theme: Theme,
    pub mouse: bool,
    /// The keys the user gave actions in `config.yaml`.
    pub keys: user_keys::UserKeys,
    pub today: NaiveDate,
    /// Changes to show first (`carepath diff --tui`).
    pub diff: Option<app::DiffView>,
}

/// Runs the app until the user quits or the session ends.
pub fn run(options: Options) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    let tx_ticks = tx.clone();
    let input = input::Reader::spawn(tx.clone());
    let work = worker::spawn(tx.clone());
    spawn_signals(tx.clone())?;

    user_keys::choose(options.keys);
    let mut app = App::new(options.source.label(), options.theme, options.today);
    app.read_only = options.source.is_builtin();
    if let Source::Folder(dir) = &options.source {
        app.folder = Some(dir.clone());
    }
    if let Some(dir) = library_dir(&options.source) {
        match crate::store::team::rejections::load(&dir) {
            Ok(list) => app.rejections = crate::compare::Rejections::new(&list),
            Err(e) => app.message = Some(format!("Rejected suggestions could not be read: {e}")),
        }
        match crate::store::library::vocabulary::load(&dir) {
            Ok(groups) => app.synonyms = crate::compare::Synonyms::with_library(&groups),
            Err(e) => {
                app.message = Some(format!("The library's vocabulary could not be read: {e}"))
            }
        }
    }
    app.open_when_loaded = matches!(options.source, Source::File(_));
    app.mouse = options.mouse;
    if let Some(diff) = options.diff {
        app.stack.push(diff);
    }
    app.journal = crate::store::persist::journal::dir();
    // Kept for as long as the app runs: dropping it stops the watching.
    let _watcher = join_the_team(&mut app, &options.source, &tx);
    let following = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    spawn_follow_polls(tx_ticks.clone(), following.clone());
    spawn_ticks(tx_ticks);
    spawn_git_standing(&app, &tx);
    let tx_effects = tx.clone();
    source::spawn_load(options.source, tx, Message::Load);

    terminal::install_panic_hook();
    let mut term = terminal::enter(app.mouse)?;
    let result = event_loop(
        &mut term,
        &mut app,
        &rx,
        (&input, &work, &tx_effects),
        &following,
    );
    presence::leave(&app);
    terminal::restore();
    result
}

/// Working with others on a library on disk: who this is, the library's
/// people, presence, and others' saves arriving as they happen.
fn join_the_team(
    app: &mut App,
    source: &Source,
    tx: &mpsc::Sender<Message>,
) -> Option<crate::store::team::watch::Watching> {
    let dir = library_dir(source)?;
    app.team.library = Some(dir.clone());
    app.team.me = Some(crate::store::team::identity::current().clone());
    presence::reload_people(app, &dir);
    let tx = tx.clone();
    match crate::store::team::watch::spawn(&dir, move |c| {
        tx.send(Message::FileChanged(Box::new(c))).is_ok()
    }) {
        Ok(w) => Some(w),
        Err(e) => {
            app.message = Some(format!("Others' saves will show only when you reopen: {e}"));
            None
        }
    }
}

/// The folder whose `.carepath/` holds shared state: the library, or the
/// folder of a single file.
fn library_dir(source: &Source) -> Option<std::path::PathBuf> {
    match source {
        Source::Folder(dir) => Some(dir.clone()),
        Source::File(file) => file.parent().map(|d| {
            if d.as_os_str().is_empty() {
                ".".into()
            } else {
                d.to_path_buf()
            }
        }),
        Source::Builtin => None,
    }
}

fn event_loop(
    term: &mut terminal::Term,
    app: &mut App,
    rx: &mpsc::Receiver<Message>,
    (input, work, tx): (
        &input::Reader,
        &mpsc::Sender<Effect>,
        &mpsc::Sender<Message>,
    ),
    following: &std::sync::atomic::AtomicBool,
) -> io::Result<()> {
    view::draw(term, app)?;
    while let Ok(first) = rx.recv() {
        // Take everything that is waiting before drawing once: a burst of
        // keys or loaded files costs one frame, not many.
        let mut effects = Vec::new();
        effects.extend(update::update(app, first));
        while let Ok(more) = rx.try_recv() {
            effects.extend(update::update(app, more));
        }
        for effect in effects {
            if effect.is_work() {
                if app.quit {
                    // The last work (keeping unsaved edits) is done here and
                    // now: the process ends next, whatever the worker is at.
                    worker::perform(effect, &mut |_| {});
                } else {
                    let _ = work.send(effect);
                }
                continue;
            }
            match effect {
                Effect::SetMouse(on) => terminal::set_mouse(on)?,
                Effect::Suspend => {
                    input.pause();
                    let done = terminal::suspend(term, app.mouse);
                    input.resume();
                    done?;
                }
                Effect::ExternalEditor { path, text } => {
                    // The editor owns the terminal: not one key of its
                    // may be read here while it runs.
                    input.pause();
                    let text = editor::edit(term, app.mouse, &text);
                    input.resume();
                    for more in update::update(app, Message::EditorDone { path, text }) {
                        if more.is_work() {
                            let _ = work.send(more);
                        }
                    }
                }
                // A sync talks to another machine and may take a while: on
                // its own thread, so saves on the worker never wait for it.
                Effect::Sync(library) => {
                    let tx = tx.clone();
                    thread::spawn(move || {
                        let (result, standing) = sync::run(library);
                        let _ = tx.send(Message::Synced(result, standing));
                    });
                }
                // The worker's, sent to it above.
                work_effect => debug_assert!(work_effect.is_work()),
            }
        }
        if app.quit {
            break;
        }
        following.store(
            app.follow.following.is_some(),
            std::sync::atomic::Ordering::Relaxed,
        );
        view::draw(term, app)?;
    }
    Ok(())
}

/// Whether the library is kept in git, and how far it is ahead and behind,
/// worked out off the UI thread (it asks no server).
fn spawn_git_standing(app: &App, tx: &mpsc::Sender<Message>) {
    let Some(library) = app.team.library.clone() else {
        return;
    };
    crate::store::git::run::detach_from_terminal();
    let tx = tx.clone();
    thread::spawn(move || {
        if let Ok(standing) = crate::store::git::sync::standing(&library) {
            let _ = tx.send(Message::GitStanding(standing));
        }
    });
}

/// A tick every second: the presence heartbeat, and every few seconds a
/// chance to journal unsaved edits, so that even a `kill -9` loses at most
/// those seconds.
fn spawn_ticks(tx: mpsc::Sender<Message>) {
    thread::spawn(move || {
        while tx.send(Message::Tick(chrono::Utc::now())).is_ok() {
            thread::sleep(std::time::Duration::from_secs(1));
        }
    });
}

/// While this session follows someone's screen, presence is read every
/// [`follow::POLL_MS`], so it moves within a fraction of a second of
/// theirs; otherwise this thread sends nothing and nothing is redrawn.
fn spawn_follow_polls(
    tx: mpsc::Sender<Message>,
    following: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    thread::spawn(move || {
        loop {
            thread::sleep(std::time::Duration::from_millis(follow::POLL_MS));
            if following.load(std::sync::atomic::Ordering::Relaxed)
                && tx.send(Message::FollowPoll).is_err()
            {
                break;
            }
        }
    });
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT end the session through the same path
/// as `q`, so the terminal is restored.
fn spawn_signals(tx: mpsc::Sender<Message>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Message::Terminate);
        }
    });
    Ok(())
}
