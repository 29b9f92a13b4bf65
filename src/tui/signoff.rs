//! `update` for `S`: signing the pathway off for the participant the user
//! speaks for (by `people.yaml`) with their own SSH key, written and saved
//! at once.

use super::app::App;
use super::editing::{is_dirty, make, save_then};

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
    // Who speaks for whom, as people.yaml says now.
    if let Some(library) = &app.team.library {
        match crate::store::people::People::load(library) {
            Ok(people) => app.team.people = people,
            Err(e) => {
                app.message = Some(format!("Not signed: people.yaml does not read: {e}"));
                return;
            }
        }
    }
    if is_dirty(app) {
        app.message = Some(
            "Save or undo your edits first: a sign-off is for a saved version, as everyone sees it."
                .into(),
        );
        return;
    }
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    let signed = match crate::store::signing::sign_off(
        p,
        &me.user,
        &app.team.people,
        chrono::Utc::now(),
        &app.team.keys,
        app.team.library.as_deref(),
    ) {
        Ok(s) => s,
        Err(why) => {
            app.message = Some(format!("Not signed: {}.", crate::text::clean(&why)));
            return;
        }
    };
    let crate::store::signing::Signed {
        entry: signed,
        note,
    } = signed;
    let participant = signed.participant.clone();
    let name = p.participant_name(&participant).to_string();
    let change = match crate::store::signing::change_for(p, &signed) {
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
