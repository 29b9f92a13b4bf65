//! The app's state. Everything the screen shows is derived from this; only
//! `update` changes it.

use chrono::NaiveDate;
use ratatui::layout::Rect;

use crate::model::Pathway;
use crate::store::library::source::Entry;

use super::theme::Theme;

mod pathway;

pub use super::screen::base::library::{LibraryState, Sort};
pub use pathway::*;

#[derive(Debug, Clone, Default)]
pub struct Loading {
    /// How many files the library has, once listed.
    pub total: Option<usize>,
    pub done: bool,
}

/// Where things were drawn last time, so that a mouse click can be matched
/// to what is under it and scrolling stops at the end of the text. The view
/// returns it as data ([`crate::tui::view::view`]) and the one who drew
/// hands it to [`App::drawn`]; `update` reads it. Nothing writes it while
/// drawing, so `update` and its tests see exactly the last frame's layout.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    pub list: Rect,
    pub list_offset: usize,
    pub tabs: Vec<(Rect, usize)>,
    pub steps: Rect,
    pub steps_offset: usize,
    pub exits: Vec<Rect>,
    pub max_scroll: u16,
    pub detail_max_scroll: u16,
    pub help_max_scroll: u16,
    pub page: u16,
    /// Lines of the reading pane that hold the search text.
    pub match_lines: Vec<u16>,
    /// The compare table: where its rows are and which row each line shows.
    pub compare_rows: Rect,
    pub compare_offset: usize,
    pub compare_line_rows: Vec<Option<usize>>,
    /// The first line shown of the changes between versions.
    pub diff_offset: usize,
    /// Rows of the edit form in view: its page.
    pub form_page: usize,
}

impl Areas {
    /// Where a new frame starts: nothing is anywhere until it is drawn, so
    /// a click never lands on something the last screen showed and this one
    /// does not; only the lists' first rows carry over, so a list scrolls
    /// no more than it must.
    pub fn next_frame(&self) -> Areas {
        Areas {
            list_offset: self.list_offset,
            steps_offset: self.steps_offset,
            compare_offset: self.compare_offset,
            diff_offset: self.diff_offset,
            ..Areas::default()
        }
    }
}

pub struct App {
    pub source_label: String,
    /// The library folder, where new pathways are written; `None` for the
    /// built-in examples or a single file.
    pub folder: Option<std::path::PathBuf>,
    pub read_only: bool,
    /// Opened on one file: show that pathway as soon as it has loaded.
    pub open_when_loaded: bool,
    pub entries: Vec<Entry>,
    pub loading: Loading,
    pub library: LibraryState,
    pub pathway: Option<PathwayState>,
    /// The screens over the library or the open pathway, top last.
    pub stack: super::screen::Stack,
    pub theme: Theme,
    pub mouse: bool,
    pub today: NaiveDate,
    /// The time as the last tick said it (midnight of `today` until the
    /// first): `update` never reads the clock itself.
    pub now: chrono::DateTime<chrono::Utc>,
    /// A sentence for the user, shown in the status bar until the next key.
    pub message: Option<String>,
    pub quit: bool,
    /// Where the last frame put things: set only by [`App::drawn`].
    pub areas: Areas,
    /// Suggested pairings people have turned down, for this library.
    pub rejections: crate::compare::Rejections,
    /// The vocabulary for suggesting pairs: built in, with the library's own.
    pub synonyms: crate::compare::Synonyms,
    /// Where unsaved edits are journalled; `None` keeps no journal.
    pub journal: Option<std::path::PathBuf>,
    /// Who is working here, and who else is.
    pub team: Team,
    /// A save on its way, when one is.
    pub saving: Option<Saving>,
    /// The session revision at which the user was told that saving would
    /// leave sign-offs for an earlier version; saving again goes ahead.
    pub voiding_asked: Option<u64>,
    /// The file and session revision last written to the journal.
    pub journalled: Option<(std::path::PathBuf, u64)>,
    /// A pathway the worker is reading to open, when one is.
    pub opening: Option<Opening>,
    /// Keys typed while it is read, handled once it is shown (Esc stops
    /// the opening instead).
    pub held: Vec<crossterm::event::KeyEvent>,
    /// A participant just added whose kind is being chosen: their own
    /// analysis is offered once it is.
    pub offer_analysis: Option<String>,
    /// The last suggestion rejected, and the session's revision then: `u`
    /// takes it back while nothing was changed since.
    pub unreject: Option<(crate::compare::Rejection, u64)>,
    /// Effects asked for while handling a message, for the runtime to
    /// perform once `update` returns.
    pub outbox: Vec<super::message::Effect>,
    /// Leading the others through the meeting, or following someone who is.
    pub follow: super::follow::Follow,
}

/// A pathway being read on the worker, to be shown once it arrives: the
/// file is read once, off the UI thread, and the editing session starts
/// from that same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    /// Index into `App::entries`.
    pub entry: usize,
    pub then: AfterOpening,
}

/// What to show once an opened pathway has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterOpening {
    /// Its overview.
    Show,
    /// Its unfinished merge's conflicts (after a sync that left some).
    Conflicts,
}

/// A save running on the worker: how to cancel it, what to do once it is
/// done, and others' saves that arrived meanwhile (handled after it).
#[derive(Debug, Clone)]
pub struct Saving {
    pub cancel: crate::store::persist::saving::Cancel,
    pub then: AfterSave,
    /// Once the save has waited a while for someone else's lock: what the
    /// user was told, kept on the status bar until the save is done.
    pub waiting: Option<String>,
    pub deferred: Vec<crate::store::team::watch::Changed>,
}

/// What a save was for, done once it has gone through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterSave {
    Stay,
    /// The save / discard / cancel question was answered "save".
    Leave(Pending),
    /// The decisions of an unfinished merge were saved.
    MergeFinished,
    /// A sign-off was saved: what to say of it.
    SignedOff(String),
}

/// Working together on a shared library: who this session is, who the
/// library's people are, and who else is in it now.
#[derive(Debug, Clone, Default)]
pub struct Team {
    /// The folder whose `.carepath/` is shared; `None` for the built-in
    /// examples.
    pub library: Option<std::path::PathBuf>,
    /// This session; `None` announces nothing (tests of single screens).
    pub me: Option<crate::store::team::identity::Identity>,
    pub people: crate::store::team::people::People,
    /// The other live sessions in the library.
    pub others: Vec<crate::store::team::presence::Presence>,
    /// Ticks since the start, to pace journal and heartbeat.
    pub ticks: u64,
    /// Where this session last said it was, and when (in ticks).
    pub announced: Option<(Where, u64)>,
    /// Why presence cannot be shared, said once.
    pub problem: Option<String>,
    /// Why `people.yaml` does not read, said once.
    pub people_problem: Option<String>,
    /// Where this user's SSH keys are, to sign off with.
    pub keys: crate::store::team::signing::KeySource,
    /// The library in git: ahead, behind, syncing.
    pub git: super::sync::GitState,
}

/// Where a session is: the pathway and step by id, and the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Where {
    pub pathway: Option<String>,
    pub step: Option<String>,
    pub screen: &'static str,
    /// The pathway this session leads, and where it looks, for followers.
    pub leading: Option<String>,
    pub view: Option<String>,
}

pub use super::screen::base::compare::CompareState;
pub use super::screen::diff::DiffView;
pub use super::screen::form::{FieldKind, FormField, FormSource, FormState, ListItem};
pub use super::screen::versions::{VersionPicker, Versions};

impl App {
    pub fn new(source_label: String, theme: Theme, today: NaiveDate) -> App {
        App {
            source_label,
            folder: None,
            read_only: false,
            open_when_loaded: false,
            entries: Vec::new(),
            loading: Loading::default(),
            library: LibraryState::default(),
            pathway: None,
            stack: super::screen::Stack::default(),
            theme,
            mouse: true,
            today,
            now: today.and_time(chrono::NaiveTime::MIN).and_utc(),
            message: None,
            quit: false,
            areas: Areas::default(),
            rejections: crate::compare::Rejections::default(),
            synonyms: crate::compare::Synonyms::builtin().clone(),
            journal: None,
            team: Team::default(),
            saving: None,
            journalled: None,
            voiding_asked: None,
            opening: None,
            held: Vec::new(),
            offer_analysis: None,
            unreject: None,
            outbox: Vec::new(),
            follow: super::follow::Follow::default(),
        }
    }

    /// Keeps where the frame just drawn put things, for the keys and clicks
    /// that come next. The only place the layout is written.
    pub fn drawn(&mut self, areas: Areas) {
        self.areas = areas;
    }

    /// The entry under the library's selection.
    pub fn selected_entry(&self) -> Option<&Entry> {
        let i = *self.library.visible.get(self.library.selected)?;
        self.entries.get(i)
    }

    /// The open pathway and its state.
    pub fn open_pathway(&self) -> Option<(&Pathway, &PathwayState)> {
        let state = self.pathway.as_ref()?;
        Some((self.entries.get(state.entry)?.pathway()?, state))
    }
}
