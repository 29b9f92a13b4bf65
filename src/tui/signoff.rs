//! `update` for `S`: signing the pathway off for the participant the user
//! speaks for (by `people.yaml`) with their own SSH key, written and saved
//! at once.

use super::app::App;
use super::editing::{is_dirty, make, save_then};
use super::message::{Effect, Signing};

pub fn sign(app: &mut App) {
    if app.read_only {
        app.message = Some(
            "The built-in examples cannot be signed off: open a folder of your own (carepath FOLDER)."
                .into(),
        );
        return;
    }
    let Some(me) = app.team.me.clone() else {
        app.message = Some("Signing off needs a library on disk.".into());
        return;
    };
    if is_dirty(app) {
        app.message = Some(
            "Save or undo your edits first: a sign-off is for a saved version, as everyone sees it."
                .into(),
        );
        return;
    }
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    let file = app.entries.get(state.entry).and_then(|e| e.path.clone());
    // Signing talks to the ssh-agent or reads a key file, and people.yaml
    // is read again first: all on the worker.
    app.outbox.push(Effect::SignOff {
        file,
        library: app.team.library.clone(),
        user: me.user.clone(),
        pathway: Box::new(p.clone()),
        people: Box::new(app.team.people.clone()),
        keys: app.team.keys.clone(),
        at: app.now,
    });
    app.message = Some("Signing…".into());
}

/// The sign-off came back from the worker: written into the pathway it was
/// made for, through the editing engine, and saved at once.
pub fn signed(app: &mut App, result: Signing) {
    let Signing {
        file,
        people,
        signed,
    } = result;
    if let Some(people) = people {
        app.team.people = people;
    }
    let signed = match signed {
        Ok(s) => s,
        Err(why) => {
            app.message = Some(format!("Not signed: {}.", crate::text::clean(&why)));
            return;
        }
    };
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    if app.entries.get(state.entry).and_then(|e| e.path.clone()) != file || is_dirty(app) {
        app.message = Some(
            "Not signed: the pathway changed while it was being signed; press S again.".into(),
        );
        return;
    }
    let crate::store::team::signing::Signed {
        entry: signed,
        note,
    } = signed;
    let participant = signed.participant.clone();
    let name = p.participant_name(&participant).to_string();
    let change = match crate::store::team::signing::change_for(p, &signed) {
        Ok(c) => c,
        Err(e) => {
            app.message = Some(format!("Not signed: {}.", crate::text::clean(&e)));
            return;
        }
    };
    if make(app, change, "") {
        let said = match note {
            None => format!("Signed off for {name}, and saved."),
            Some(note) => format!("Signed off for {name}, and saved; {note}."),
        };
        save_then(app, super::app::AfterSave::SignedOff(said));
    }
}
