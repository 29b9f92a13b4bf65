//! Turning down a suggested pair in the comparison: asked once, recorded
//! beside the library (so it is not suggested again) and in the pathway's
//! history in words, and taken back by `u` while nothing was changed
//! since.

use super::app::App;
use crate::compare::Rejection;

/// `r`: asks whether to reject the suggested pair under the cursor.
pub fn ask(app: &mut App) {
    let rejection = match super::compare::suggestion_here(app) {
        Ok(r) => r,
        Err(why) => {
            if !why.is_empty() {
                app.message = Some(why.into());
            }
            return;
        }
    };
    let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) else {
        return;
    };
    cmp.rejecting = Some(cmp.selected);
    app.message = Some(
        crate::text::clean(&format!(
            "Reject this suggestion: “{}” and “{}” are not the same point? y rejects, n keeps it.",
            rejection.a, rejection.b
        ))
        .into_owned(),
    );
}

/// Whether the comparison is waiting for the answer to [`ask`].
pub fn asking(app: &App) -> bool {
    app.pathway
        .as_ref()
        .and_then(|s| s.compare.as_ref())
        .is_some_and(|c| c.rejecting.is_some())
}

/// The answer: `yes` rejects the pair asked about; anything else keeps it.
pub fn answer(app: &mut App, yes: bool) {
    let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) else {
        return;
    };
    let Some(row) = cmp.rejecting.take() else {
        return;
    };
    if !yes {
        app.message = Some("Kept as a suggestion.".into());
        return;
    }
    cmp.selected = row;
    let Ok(rejection) = super::compare::suggestion_here(app) else {
        return;
    };
    let kept = match &app.folder {
        Some(folder) => match crate::store::team::rejections::add(folder, rejection.clone()) {
            Ok(()) => "it will not be suggested again".to_string(),
            Err(e) => format!("it is not suggested again this session, but could not be kept: {e}"),
        },
        None => "it is not suggested again this session (the examples are read-only)".to_string(),
    };
    app.rejections.insert(&rejection);
    let revision = revision(app);
    let noted = note(app, &format!("suggestion rejected: {}", words(&rejection)));
    app.unreject = Some((rejection, revision));
    app.message = Some(format!(
        "Not the same point: {kept}{noted}; u takes it back."
    ));
}

/// `u` in the comparison: the last rejection, if nothing was changed since,
/// is taken back. False when there is none to take back (then `u` undoes
/// the last change as anywhere else).
pub fn undo(app: &mut App) -> bool {
    let Some((rejection, at)) = app.unreject.clone() else {
        return false;
    };
    if at != revision(app) {
        app.unreject = None;
        return false;
    }
    app.unreject = None;
    let kept = match &app.folder {
        Some(folder) => crate::store::team::rejections::remove(folder, &rejection).err(),
        None => None,
    };
    app.rejections.remove(&rejection);
    let noted = note(
        app,
        &format!("suggestion rejection taken back: {}", words(&rejection)),
    );
    app.message = Some(match kept {
        Some(e) => format!("Suggested again here, but the library still has it turned down: {e}"),
        None => format!("The rejection is taken back: suggested again{noted}."),
    });
    true
}

fn words(r: &Rejection) -> String {
    format!("{}: “{}” and “{}”", r.section.replace('_', " "), r.a, r.b)
}

fn revision(app: &App) -> u64 {
    app.pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .map_or(0, |s| s.revision())
}

/// A line in the open pathway's history for what was decided, as a save
/// that changed nothing in the file; says where it could not be written.
fn note(app: &App, what: &str) -> String {
    let Some(file) = app
        .pathway
        .as_ref()
        .and_then(|s| app.entries.get(s.entry))
        .and_then(|e| e.path.clone())
    else {
        return String::new();
    };
    if app.folder.is_none() {
        return String::new();
    }
    let by = &crate::store::team::identity::current().user;
    let written = crate::store::persist::lock::with_lock(&file, || {
        let text = crate::store::safe_open::read_pathway_text(&file).map_err(|e| e.to_string())?;
        crate::store::persist::history::append(&file, by, &text, &text, (vec![what.to_string()], 1))
    })
    .and_then(|r| r);
    match written {
        Ok(()) => String::new(),
        Err(e) => format!(" (not in the history: {e})"),
    }
}
