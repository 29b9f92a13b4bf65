//! Syncing a library kept in git from the app: the header shows how far it
//! is ahead of and behind the shared repository, and a key syncs. The sync
//! itself (git over the network) runs off the UI thread, as an effect whose
//! result comes back as a message.

use std::path::{Path, PathBuf};

use super::app::App;
use super::message::Effect;
use crate::diff::ChangeKind;
use crate::model::Pathway;
use crate::store::git::sync::{Report, Standing};

/// The library's git standing, as this session knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitState {
    /// `None` until known, or when the library is not in git.
    pub standing: Option<Standing>,
    /// A sync is under way.
    pub running: bool,
}

/// The key: sync, unless one is running or there is nothing to sync.
pub fn start(app: &mut App) -> Option<Effect> {
    let Some(library) = app.team.library.clone() else {
        app.message = Some("The built-in examples are not kept in git.".into());
        return None;
    };
    if app.team.git.running {
        app.message = Some("Already syncing…".into());
        return None;
    }
    if app.team.git.standing.is_none() {
        app.message = Some(
            "This library is not kept in git: carepath init --git sets it up (see the README)."
                .into(),
        );
        return None;
    }
    if app
        .pathway
        .as_ref()
        .and_then(|p| p.session.as_ref())
        .is_some_and(|s| s.is_dirty())
    {
        app.message = Some("Only saved changes are sent: save first (Ctrl-s), then sync.".into());
    }
    app.team.git.running = true;
    Some(Effect::Sync(library))
}

/// What a sync did, said in one sentence.
pub fn done(app: &mut App, result: Result<Report, String>, standing: Option<Standing>) {
    app.team.git.running = false;
    if standing.is_some() {
        app.team.git.standing = standing;
    }
    let first = result
        .as_ref()
        .ok()
        .and_then(|r| r.undecided.first())
        .map(|u| u.file.clone());
    let said = match result {
        Err(e) => format!("Sync did not finish: {e}"),
        Ok(r) if !r.undecided.is_empty() => {
            let names: Vec<String> = r
                .undecided
                .iter()
                .map(|u| {
                    u.file
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                })
                .collect();
            format!(
                "Nothing was sent: {} need{} deciding ({}); open each and press M, save, then sync again.",
                names.len(),
                if names.len() == 1 { "s" } else { "" },
                names.join(", ")
            )
        }
        Ok(r) => format!("Synced: {}.", r.done.join("; ")),
    };
    // The first pathway that needs deciding opens on its conflicts, so the
    // person who synced sees them at once.
    if let Some(file) = first {
        open_conflicts(app, &file);
    }
    app.message = Some(crate::text::clean(&said).into_owned());
}

/// Opens the pathway in `file` on its conflict screen, when it is in the
/// library and nothing else is open with unsaved edits.
fn open_conflicts(app: &mut App, file: &Path) {
    if super::editing::is_dirty(app) {
        return;
    }
    let Some(index) = app
        .entries
        .iter()
        .position(|e| e.path.as_deref() == Some(file))
    else {
        return;
    };
    super::update::open_entry(app, index, super::app::AfterOpening::Conflicts);
}

/// The header's words for the standing: "git ↑2 ↓1", or "syncing…".
pub fn label(app: &App) -> Option<String> {
    if app.team.git.running {
        return Some("syncing…".into());
    }
    // A library in git with no shared repository has nothing to sync with.
    let s = app.team.git.standing.filter(|s| s.shared)?;
    Some(match (s.ahead, s.behind) {
        (0, 0) => "git: in step".into(),
        (a, b) => format!("git: ↑{a} to send ↓{b} to take"),
    })
}

/// A local version of a base: what this place changed from it, and
/// whether the base has been revised since.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalVersion {
    pub base: String,
    pub changes: Vec<crate::diff::Change>,
    /// What to say when the base has moved on (`carepath rebase`).
    pub moved_on: Option<String>,
}

impl LocalVersion {
    /// Whether this place changed anything in the section of `tab`.
    pub fn changed_in(&self, tab: super::app::Tab) -> bool {
        self.changes.iter().any(|c| section_of(&c.path) == tab)
    }
}

/// The section a change's path (`steps[plan-early].title`) is shown in.
fn section_of(path: &str) -> super::app::Tab {
    use super::app::Tab;
    let first = path.split(['.', '[']).next().unwrap_or("");
    match first {
        "steps" => Tab::Steps,
        "analyses" => Tab::Analyses,
        "monday_morning" => Tab::Monday,
        "measures" => Tab::Measures,
        _ => Tab::Overview,
    }
}

/// Worked out when a pathway is opened; `None` for a pathway that is no
/// local version (or whose base cannot be read: `check` says why).
pub fn local_version(file: &Path, p: &Pathway) -> Option<LocalVersion> {
    let based_on = p.based_on.as_ref()?;
    Some(LocalVersion {
        base: based_on.path.clone(),
        changes: crate::store::library::localise::local_changes(file).ok()?,
        moved_on: crate::store::library::localise::moved_on(file, p),
    })
}

impl LocalVersion {
    /// The mark for a step: `+` added here, `~` changed here, else blank.
    pub fn step_mark(&self, id: &str) -> char {
        match crate::diff::step_change(&self.changes, id) {
            Some(ChangeKind::Added) => '+',
            Some(_) => '~',
            None => ' ',
        }
    }

    /// The header's words: how many local changes, and whether the base
    /// moved on.
    pub fn label(&self) -> String {
        // Most important first: a narrow header cuts the end off.
        let n = self.changes.len();
        let mut s = format!("{n} local change{} (B)", if n == 1 { "" } else { "s" });
        if self.moved_on.is_some() {
            s.push_str(" · base revised (carepath rebase)");
        }
        let name = Path::new(&self.base)
            .file_name()
            .map_or_else(|| self.base.clone(), |n| n.to_string_lossy().into_owned());
        s.push_str(&format!(" · base {}", crate::text::clean(&name)));
        s
    }
}

/// Opens the list of what this place changed from its base.
pub fn show_local_changes(app: &mut App) {
    let Some(local) = app.pathway.as_ref().and_then(|s| s.local.clone()) else {
        app.message = Some(
            "This pathway is not a local version of a base (carepath localise starts one).".into(),
        );
        return;
    };
    if local.changes.is_empty() {
        app.message = Some("No local changes: this pathway says what its base said.".into());
        return;
    }
    app.stack.push(super::app::DiffView {
        title: format!(
            "What this place changed from its base, {}",
            crate::text::clean(&local.base)
        ),
        changes: local.changes,
        selected: 0,
    });
}

/// `R`: takes the base's new version into this local version, on the
/// worker. Asked only of a local version with nothing unsaved, so the
/// rebase writes the file as it is on screen.
pub fn rebase(app: &mut App) {
    let Some(state) = app.pathway.as_ref() else {
        return;
    };
    if state.local.is_none() {
        app.message = Some(
            "This pathway is not a local version of a base (carepath localise starts one).".into(),
        );
        return;
    }
    if super::editing::is_dirty(app) || app.saving.is_some() {
        app.message = Some(
            "Save or undo your edits first: the base's new version is merged into the saved file."
                .into(),
        );
        return;
    }
    let Some(file) = app.entries.get(state.entry).and_then(|e| e.path.clone()) else {
        return;
    };
    app.message = Some("Taking the base's new version…".into());
    app.outbox.push(Effect::Rebase { file });
}

/// The worker's rebase is done: say what it came to; the file is read
/// again (its merge record and local changes) to show where it stands.
pub fn rebased(
    app: &mut App,
    file: PathBuf,
    result: Result<crate::cli::localise::Rebased, String>,
    text: Option<String>,
) {
    use crate::cli::localise::Rebased;
    // The file as this session's rebase left it is shown at once, and its
    // arrival on disk is then known as this session's own, not announced
    // as someone else's change.
    if let Some(text) = text
        && let Ok(p) = crate::store::read::load::load_str(&file.display().to_string(), &text)
        && let Some(state) = app.pathway.as_mut()
        && let Some(entry) = app.entries.get_mut(state.entry)
        && entry.path.as_deref() == Some(&*file)
    {
        entry.set_state(crate::store::library::source::EntryState::Loaded(Box::new(
            p.clone(),
        )));
        state.session = Some(crate::store::persist::session::Session::new(&file, text, p));
    }
    app.message = Some(match result {
        Ok(Rebased::AlreadyNewest) => "Already on the newest version of the base.".into(),
        Ok(Rebased::Merged { conflicts, .. }) if conflicts.is_empty() => {
            "Took the base's new version; every local change is kept.".into()
        }
        Ok(Rebased::Merged { conflicts, .. }) => format!(
            "Took the base's new version; {} conflict{} where both changed the same thing: M decides.",
            conflicts.len(),
            if conflicts.len() == 1 { "" } else { "s" }
        ),
        Err(e) => crate::text::clean(&format!("Not taken: {e}")).into_owned(),
    });
    let local = app
        .pathway
        .as_ref()
        .and_then(|s| app.entries.get(s.entry))
        .and_then(|e| e.pathway())
        .map(|p| Box::new(p.clone()));
    app.outbox.push(Effect::Inspect {
        file,
        journal: None,
        local,
    });
}

/// Runs on a thread of its own: the sync and the standing after it.
pub fn run(library: PathBuf) -> (Result<Report, String>, Option<Standing>) {
    let result = crate::store::git::sync::sync(&library);
    let standing = crate::store::git::sync::standing(&library).ok();
    (result, standing)
}
