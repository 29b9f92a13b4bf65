//! `update` for `S`: signing the pathway off for the participant the user
//! speaks for (by `people.yaml`), written and saved at once.

use super::app::App;
use super::editing::{is_dirty, make, save_then};
use crate::model::signoff;
use crate::store::session::Change;

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
    let speaks_for = app
        .team
        .people
        .get(&me.user)
        .and_then(|x| x.participant.clone());
    let participant = speaks_for.clone().unwrap_or_default();
    let signed = match signoff::sign(
        p,
        &me.user,
        speaks_for.as_deref(),
        &participant,
        chrono::Utc::now(),
    ) {
        Ok(s) => s,
        Err(why) => {
            app.message = Some(format!(
                "Not signed: {}.",
                crate::text::clean(&why.to_string())
            ));
            return;
        }
    };
    let name = p.participant_name(&participant).to_string();
    let Ok(yaml) = serde_yaml::to_string(&signed) else {
        return;
    };
    // A participant's newer sign-off takes the place of their older one.
    let change = match p.sign_off.iter().position(|s| s.participant == participant) {
        Some(i) => Change::Batch(vec![
            Change::Remove {
                path: "sign_off".into(),
                index: i,
            },
            Change::Insert {
                path: "sign_off".into(),
                index: i,
                yaml,
            },
        ]),
        None => Change::Insert {
            path: "sign_off".into(),
            index: p.sign_off.len(),
            yaml,
        },
    };
    if make(app, change, "") {
        save_then(app, super::app::AfterSave::SignedOff(name));
    }
}
