//! What the meeting records, from the app: a decision on a disagreement,
//! a question raised, answered or closed, an action added or changed. Each
//! is opened as a [`Draft`] and recorded as one change through the edit
//! engine, saved like any other edit. Deciding is in [`deciding`], asking
//! and answering in [`asking`], the action's form in [`actions`], turning a
//! finished draft into a change in [`record`]; who is in the room and who
//! this session is are here, since all of them ask.

mod actions;
mod asking;
mod deciding;
mod record;

use super::app::App;
use super::screen::draft::Draft;
use crate::model::Pathway;

pub use actions::action_form;
pub use asking::{answer, ask, close, may_close};
pub use deciding::{Chosen, chosen, decide, decision_for, name_of};
pub use record::record;

/// The participants this session and the others in the pathway speak for,
/// as `people.yaml` says: who is in the room.
fn in_the_room(app: &App, p: &Pathway) -> Vec<String> {
    let mut users: Vec<&str> = super::presence::in_this_pathway(app)
        .iter()
        .map(|o| o.user.as_str())
        .collect();
    if let Some(me) = &app.team.me {
        users.push(&me.user);
    }
    users
        .into_iter()
        .filter_map(|u| app.team.people.get(u)?.participant.clone())
        .filter(|id| p.participants.iter().any(|x| &x.id == id))
        .collect()
}

/// Who this session is, as a record says who did something.
fn me(app: &App) -> String {
    app.team.me.as_ref().map_or_else(
        || crate::store::team::identity::current().user.clone(),
        |m| m.user.clone(),
    )
}

/// Opens `draft` beneath the screen on top, unless the library is the
/// read-only examples.
fn open(app: &mut App, draft: Draft) {
    if app.read_only {
        app.message = Some("The built-in examples are read-only: open a folder of your own (carepath FOLDER) to record the meeting.".into());
        return;
    }
    if app.pathway.is_some() {
        app.stack.close::<Draft>();
        app.stack.push_beneath(draft);
    }
}
