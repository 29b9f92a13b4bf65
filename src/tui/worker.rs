//! The worker: the thread that does what `update` asks of the disk, so the
//! screen never waits on a lock, a write or an fsync.
//!
//! `update` returns effects; those the terminal layer cannot do itself
//! ([`Effect::is_work`]) come here, run one after another in the order
//! asked, and their results go back to the event loop as messages, like
//! keys. [`perform`] is the one place an effect turns into I/O, used both
//! by the worker thread and by [`drive`], which runs a whole exchange at
//! once for tests and for a session without a terminal.

use std::sync::mpsc::{self, Sender};
use std::thread;

use super::app::App;
use super::message::{Effect, Message};
use super::update::update;
use super::versions::Listed;
use crate::store::persist::saving::Waiting;
use crate::store::persist::session::Session;

/// Starts the worker; effects sent to the returned sender are performed in
/// order, and their results sent to `tx`.
pub fn spawn(tx: Sender<Message>) -> Sender<Effect> {
    let (jobs, rx) = mpsc::channel::<Effect>();
    thread::spawn(move || {
        while let Ok(effect) = rx.recv() {
            let mut send = |m: Message| {
                let _ = tx.send(m);
            };
            perform(effect, &mut send);
        }
    });
    jobs
}

/// Does one effect's I/O, reporting what happens through `send`.
pub fn perform(effect: Effect, send: &mut dyn FnMut(Message)) {
    match effect {
        Effect::Save { job, cancel } => {
            let mut tell = |holder| send(Message::SaveWaiting { holder });
            let result = job.run(Waiting {
                cancel: &cancel,
                limit: None,
                tell: &mut tell,
            });
            send(Message::Saved {
                file: job.file.clone(),
                result: Box::new(result),
            });
        }
        Effect::Journal {
            dir,
            file,
            base,
            text,
        } => {
            if let Err(e) = crate::store::persist::journal::write(&dir, &file, &base, &text) {
                send(Message::JournalFailed(e));
            }
        }
        Effect::ForgetJournal { dir, file, all } => {
            if all {
                crate::store::persist::journal::remove_all(&dir, &file);
            } else {
                crate::store::persist::journal::remove(&dir, &file);
            }
        }
        Effect::Announce { library, entry } => {
            send(Message::Announced(crate::store::team::presence::announce(
                &library, &entry,
            )));
        }
        Effect::LookAround {
            library,
            host,
            pid,
            people,
        } => {
            let now = chrono::Utc::now();
            let others = crate::store::team::presence::others(&library, &host, pid, now);
            let forged = crate::store::team::presence::new_forgeries()
                .into_iter()
                .next();
            send(Message::Others { others, forged });
            if people {
                let read = crate::store::team::people::People::load(&library);
                send(Message::People(Box::new(read)));
            }
        }
        Effect::Inspect {
            file,
            journal,
            local,
        } => {
            let opened = crate::store::read::load::load_file_with_text(&file)
                .map(|(text, pathway)| Box::new(Session::new(&file, text, pathway)));
            let kept = journal
                .and_then(|dir| crate::store::persist::journal::read(&dir, &file))
                .map(Box::new);
            // As the file says now (a rebase may just have moved its base
            // on), else as it was shown.
            let now = opened.as_ref().ok().map(|s| s.saved());
            let local = now
                .or(local.as_deref())
                .filter(|p| p.based_on.is_some())
                .and_then(|p| super::sync::local_version(&file, p))
                .map(Box::new);
            send(Message::Inspected {
                file,
                opened,
                kept,
                local,
            });
        }
        Effect::SignOff {
            file,
            library,
            user,
            pathway,
            people,
            keys,
            at,
        } => {
            let (people, signed) =
                sign_off(library.as_deref(), &user, &pathway, *people, &keys, at);
            let result = super::message::Signing {
                file,
                people,
                signed,
            };
            send(Message::Signed(Box::new(result)));
        }
        Effect::ListVersions { file, git } => {
            let listed = if git {
                Listed::Git(crate::store::git::log(&file))
            } else {
                Listed::Saves(crate::store::persist::history::load(&file))
            };
            send(Message::Listed {
                file,
                listed: Box::new(listed),
            });
        }
        Effect::ReadPair { title, pair } => {
            let result = Box::new(pair.read());
            send(Message::Compared { title, result });
        }
        Effect::CreatePathway { folder, id, title } => {
            send(Message::Created(
                crate::store::library::template::create_text(&folder, &id, &title),
            ));
        }
        Effect::Rebase { file } => {
            let result = Box::new(crate::cli::localise::rebase_file(&file));
            let text = crate::store::safe_open::read_pathway_text(&file).ok();
            send(Message::Rebased { file, result, text });
        }
        Effect::KeepRejection(keep) => {
            send(Message::RejectionKept(Box::new(keep.run())));
        }
        Effect::ForgetKept { dir, entry } => {
            crate::store::persist::journal::remove_entry(&dir, &entry);
        }
        Effect::Export { source, today } => {
            send(Message::Exported(super::export::run(&source, today)));
        }
        // The terminal layer's own (and a sync's own thread): nothing to
        // do here.
        Effect::Sync(_) | Effect::SetMouse(_) | Effect::Suspend | Effect::ExternalEditor { .. } => {
        }
    }
}

/// Handles `msg`, then performs at once every piece of work it asks for,
/// handling the results in turn: the whole exchange, as the event loop and
/// the worker would have it, in one call. Returns the terminal effects.
pub fn drive(app: &mut App, msg: Message) -> Vec<Effect> {
    let mut terminal = Vec::new();
    let mut queue = vec![msg];
    while let Some(msg) = queue.pop() {
        let mut results = Vec::new();
        for effect in update(app, msg) {
            if effect.is_work() {
                perform(effect, &mut |m| results.push(m));
            } else {
                terminal.push(effect);
            }
        }
        // In the order they were reported.
        results.reverse();
        queue.extend(results);
    }
    terminal
}

/// Reads `people.yaml` again (someone may have been added during the
/// workshop) and signs with the user's key; the people read are returned
/// either way, so the screens say what people.yaml says now.
fn sign_off(
    library: Option<&std::path::Path>,
    user: &str,
    pathway: &crate::model::Pathway,
    people: crate::store::team::people::People,
    keys: &crate::store::team::signing::KeySource,
    at: chrono::DateTime<chrono::Utc>,
) -> (
    Option<crate::store::team::people::People>,
    Result<crate::store::team::signing::Signed, String>,
) {
    let fresh = match library.map(crate::store::team::people::People::load) {
        Some(Ok(people)) => Some(people),
        Some(Err(e)) => return (None, Err(format!("people.yaml does not read: {e}"))),
        None => None,
    };
    let signed = crate::store::team::signing::sign_off(
        pathway,
        user,
        fresh.as_ref().unwrap_or(&people),
        at,
        keys,
        library,
    );
    (fresh, signed)
}
