//! Participants whom nobody in `people.yaml` can sign for: while there is
//! one, the pathway can never be `agreed`, so the overview says so, with
//! the way out.

use super::app::App;
use crate::model::Pathway;

/// The sentence naming them, or `None` when every participant has
/// someone (or the pathway is not in a library on disk, where nobody
/// signs).
pub fn nobody_can_sign(app: &App, p: &Pathway) -> Option<String> {
    app.team.library.as_ref()?;
    let names: Vec<String> = p
        .participants
        .iter()
        .filter(|x| !app.team.people.someone_speaks_for(&x.id))
        .map(|x| crate::text::clean(&x.name).into_owned())
        .collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!(
            "Nobody here can sign for {one}: add them to people.yaml."
        )),
        [rest @ .., last] => Some(format!(
            "Nobody here can sign for {} or {last}: add them to people.yaml.",
            rest.join(", ")
        )),
    }
}
