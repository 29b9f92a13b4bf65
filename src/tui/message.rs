//! Everything that can happen to the app: keys, mouse, resizes, background
//! loading, signals.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::store::library::source::LoadEvent;

/// A sign-off signed on the worker, for the pathway file it was made for.
#[derive(Debug)]
pub struct Signing {
    pub file: Option<std::path::PathBuf>,
    /// `people.yaml` as it read just before signing.
    pub people: Option<crate::store::team::people::People>,
    /// The sign-off, or why it could not be made, in words.
    pub signed: Result<crate::store::team::signing::Signed, String>,
}

#[derive(Debug)]
pub enum Message {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize,
    /// Text pasted into the terminal, whole.
    Paste(String),
    /// A second has passed, and the time now: the clock reaches `update`
    /// only this way. Time for the heartbeat, and every few seconds to
    /// journal unsaved edits.
    Tick(chrono::DateTime<chrono::Utc>),
    /// A sign-off made on the worker with the user's key (and
    /// `people.yaml` as it reads now), or why it could not be made.
    Signed(Box<Signing>),
    /// Time to read presence again, while following someone's screen.
    FollowPoll,
    /// A pathway file in the library was changed on disk (by someone
    /// else, or by this session's own save).
    FileChanged(Box<crate::store::team::watch::Changed>),
    Load(LoadEvent),
    /// SIGTERM, SIGHUP or SIGINT: end the session cleanly.
    Terminate,
    /// The terminal can no longer be read (e.g. the SSH connection dropped).
    InputLost,
    /// The user's own editor closed: the field and the text it left, or
    /// why it could not run.
    EditorDone {
        path: String,
        text: Result<String, String>,
    },
    /// The save on the worker has waited [`crate::store::persist::saving::TELL_AFTER`]
    /// for another save's lock: who holds it, when the lock says.
    SaveWaiting {
        holder: Option<String>,
    },
    /// This session's presence was written, or why not.
    Announced(Result<(), String>),
    /// The other live sessions in the library, as their presence says,
    /// and the first file found that claims to be someone it is not.
    Others {
        others: Vec<crate::store::team::presence::Presence>,
        forged: Option<String>,
    },
    /// How keeping a turned-down pairing went.
    RejectionKept(Box<crate::tui::rejecting::Kept>),
    /// `people.yaml`, read again.
    People(Box<Result<crate::store::team::people::People, String>>),
    /// A pathway's file read on opening, and edits kept for it.
    Inspected {
        file: std::path::PathBuf,
        /// The file read once: an editing session on it, or why it does
        /// not load.
        opened: Result<
            Box<crate::store::persist::session::Session>,
            Vec<crate::store::read::load::Diagnostic>,
        >,
        kept: Option<Box<crate::store::persist::journal::Entry>>,
        /// What this place changed from its base, for a local version.
        local: Option<Box<crate::tui::sync::LocalVersion>>,
    },
    /// The versions of a file, listed by the worker.
    Listed {
        file: std::path::PathBuf,
        listed: Box<crate::tui::versions::Listed>,
    },
    /// Two versions read by the worker, to show what changed between them.
    Compared {
        title: String,
        result: Box<Result<(crate::model::Pathway, crate::model::Pathway), String>>,
    },
    /// A new pathway was written (its file and text), or why not.
    Created(Result<(std::path::PathBuf, String), String>),
    /// An export finished: what to tell the user (where it went, or why
    /// not).
    Exported(String),
    /// A rebase on the worker is done.
    Rebased {
        file: std::path::PathBuf,
        result: Box<Result<crate::cli::localise::Rebased, String>>,
        /// The file's text after the rebase.
        text: Option<String>,
    },
    /// The journal could not be written: why.
    JournalFailed(String),
    /// The save on the worker is done, one way or the other.
    Saved {
        file: std::path::PathBuf,
        result: Box<
            Result<crate::store::persist::saving::Saved, crate::store::persist::session::SaveError>,
        >,
    },
    /// Where the library stands against its shared git repository.
    GitStanding(crate::store::git::sync::Standing),
    /// A sync ended: what it did, and the standing after it.
    Synced(
        Result<crate::store::git::sync::Report, String>,
        Option<crate::store::git::sync::Standing>,
    ),
}

/// What `update` asks the runtime to do: the terminal effects are done by
/// the event loop, the rest (files, locks) by the worker thread, whose
/// results come back as messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    SetMouse(bool),
    Suspend,
    /// Edit `text` in the user's $VISUAL / $EDITOR, then report with
    /// `Message::EditorDone` for `path`.
    ExternalEditor {
        path: String,
        text: String,
    },
    /// Save, off the UI thread; reported by `Message::SaveWaiting` and
    /// `Message::Saved`.
    Save {
        job: Box<crate::store::persist::saving::SaveJob>,
        cancel: crate::store::persist::saving::Cancel,
    },
    /// Keep a private copy of the unsaved edits to `file` in the journal
    /// folder `dir`, for a session that ends without saving.
    Journal {
        dir: std::path::PathBuf,
        file: std::path::PathBuf,
        base: String,
        text: String,
    },
    /// Say in the library's shared folder where this session is.
    Announce {
        library: std::path::PathBuf,
        entry: Box<crate::store::team::presence::Presence>,
    },
    /// Read who else is in the library (all but this session), and with
    /// `people`, `people.yaml` again.
    LookAround {
        library: std::path::PathBuf,
        host: String,
        pid: u32,
        people: bool,
    },
    /// Read a pathway's file as it is on disk, and any edits kept for it
    /// in the journal folder.
    Inspect {
        file: std::path::PathBuf,
        journal: Option<std::path::PathBuf>,
        /// The pathway as shown, when it is a local version of a base: its
        /// local changes are worked out too (from the file as it is now,
        /// if it loads).
        local: Option<Box<crate::model::Pathway>>,
    },
    /// Sign the pathway off for the user, with their key: people.yaml is
    /// read again first, so someone added during a workshop can sign.
    SignOff {
        file: Option<std::path::PathBuf>,
        library: Option<std::path::PathBuf>,
        user: String,
        pathway: Box<crate::model::Pathway>,
        people: Box<crate::store::team::people::People>,
        keys: crate::store::team::signing::KeySource,
        at: chrono::DateTime<chrono::Utc>,
    },
    /// List a file's versions: git's commits, or the history's saves.
    ListVersions {
        file: std::path::PathBuf,
        git: bool,
    },
    /// Read two versions to compare, for a view titled `title`.
    ReadPair {
        title: String,
        pair: Box<crate::tui::versions::Pair>,
    },
    /// Take the base's new version into the local version `file`.
    Rebase {
        file: std::path::PathBuf,
    },
    /// Write a new pathway from the template into the library.
    CreatePathway {
        folder: std::path::PathBuf,
        id: String,
        title: String,
    },
    /// The edits are saved, undone or thrown away: forget the copy. With
    /// `all`, every ended session's copy of this file goes too.
    ForgetJournal {
        dir: std::path::PathBuf,
        file: std::path::PathBuf,
        all: bool,
    },
    /// Keep a turned-down pairing beside the library, or take it back;
    /// reports with `Message::RejectionKept`.
    KeepRejection(Box<crate::tui::rejecting::Keep>),
    /// Forget kept edits that were offered and restored.
    ForgetKept {
        dir: std::path::PathBuf,
        entry: Box<crate::store::persist::journal::Entry>,
    },
    /// Sync the library in git, off the UI thread; reports with
    /// `Message::Synced`.
    Sync(std::path::PathBuf),
    /// Publish `source` as a web site into the configured folder, and say
    /// where.
    Export {
        source: crate::store::library::source::Source,
        today: chrono::NaiveDate,
    },
}

impl Effect {
    /// Whether the worker does this, rather than the terminal layer.
    pub fn is_work(&self) -> bool {
        matches!(
            self,
            Effect::Save { .. }
                | Effect::Journal { .. }
                | Effect::ForgetJournal { .. }
                | Effect::Announce { .. }
                | Effect::LookAround { .. }
                | Effect::Inspect { .. }
                | Effect::SignOff { .. }
                | Effect::ListVersions { .. }
                | Effect::ReadPair { .. }
                | Effect::CreatePathway { .. }
                | Effect::Export { .. }
                | Effect::Rebase { .. }
                | Effect::KeepRejection(_)
                | Effect::ForgetKept { .. }
        )
    }
}
