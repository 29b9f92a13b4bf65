//! The app's state. Everything the screen shows is derived from this; only
//! `update` changes it.

use std::cell::RefCell;

use chrono::NaiveDate;
use ratatui::layout::Rect;

use crate::model::Pathway;
use crate::store::session::Session;
use crate::store::source::Entry;

use super::theme::Theme;

mod order;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Title,
    Status,
    Review,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Title => Sort::Status,
            Sort::Status => Sort::Review,
            Sort::Review => Sort::Title,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Title => "title",
            Sort::Status => "status",
            Sort::Review => "review date",
        }
    }
}

/// The sections of a pathway, one tab each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Steps,
    Analyses,
    Monday,
    Measures,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::Steps,
        Tab::Analyses,
        Tab::Monday,
        Tab::Measures,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Steps => "Steps",
            Tab::Analyses => "Analyses",
            Tab::Monday => "Monday morning",
            Tab::Measures => "Measures",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Where the keyboard is on the steps tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepFocus {
    List,
    /// Choosing one of the current step's exits (next steps and branches).
    Exits,
}

#[derive(Debug, Clone, Default)]
pub struct Loading {
    /// How many files the library has, once listed.
    pub total: Option<usize>,
    pub done: bool,
}

/// The library list: filter, sort and selection.
#[derive(Debug, Clone)]
pub struct LibraryState {
    pub filter: String,
    pub filtering: bool,
    pub sort: Sort,
    /// Indices into `App::entries`, in display order, filtered.
    pub visible: Vec<usize>,
    /// The selected row of `visible`.
    pub selected: usize,
    /// Whether the user has chosen a row; until then the first row stays
    /// selected as pathways arrive, rather than whichever came first.
    pub chosen: bool,
    /// Asking for a new pathway's title, then its id.
    pub new_pathway: Option<NewPathway>,
    /// Every entry in the order of `sorted_by`, filtered or not, kept in
    /// order as files arrive rather than sorted again.
    order: Vec<usize>,
    sorted_by: Sort,
    /// Each entry's stamp when `order` was made: an entry whose stamp
    /// differs has changed since, and the order is made again.
    stamps: Vec<u64>,
    /// The lowercased filter `visible` was made with.
    filtered_by: String,
}

/// The questions asked for a new pathway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPathway {
    /// The title, once given; until then the input is the title.
    pub title: Option<String>,
    pub input: Input,
}

/// An open pathway.
#[derive(Debug, Clone)]
pub struct PathwayState {
    /// Index into `App::entries`.
    pub entry: usize,
    pub tab: Tab,
    /// Scroll of the reading tabs (overview, analyses, Monday, measures).
    pub scroll: [u16; 5],
    pub step: usize,
    pub focus: StepFocus,
    pub exit: usize,
    pub detail_scroll: u16,
    /// The steps walked through, to go back along.
    pub trail: Vec<usize>,
    /// Text to find with `/`, `n` and `N`.
    pub search: String,
    /// Typing the search text.
    pub searching: bool,
    /// The comparison of analyses, when open.
    pub compare: Option<CompareState>,
    /// Changes made here, once the first is made.
    pub session: Option<Session>,
    /// The edit form, when open.
    pub form: Option<FormState>,
    /// Text the user wrote in their own editor that did not fit (the whole
    /// file, or one field): the field's path and the text, kept so that
    /// `e` opens it again rather than losing it.
    pub unloaded: Option<(String, String)>,
    /// An unfinished merge's conflicts, being decided, when open.
    pub conflicts: Option<ConflictsState>,
    /// How many conflicts the file's merge record holds, found on opening.
    pub merge_record: usize,
    /// What this place changed from the base, when the pathway is a local
    /// version of one.
    pub local: Option<super::sync::LocalVersion>,
    /// The field being typed in (a line or long text), and its value when
    /// typing began: others' saves may change it meanwhile.
    pub typing: Option<Typing>,
    /// The last save by someone else heard of here, as the history tells
    /// it: whose version a conflict found when typing ends is.
    pub last_heard: Option<crate::store::history::Entry>,
    /// The steps drawn as a flow rather than listed.
    pub flow: bool,
    /// The meeting's agenda, when open.
    pub meeting: Option<MeetingState>,
    /// A decision, question, answer or action being written.
    pub draft: Option<super::draft::Draft>,
    /// The comparison the agenda is built from, made once per version of
    /// the pathway rather than on every frame and key.
    pub compared: super::meeting::Compared,
    /// The chosen measure on the Measures tab, whose run chart Enter opens.
    pub measure: usize,
}

/// The meeting screen: the agenda built from the pathway, the item
/// chosen, and what of it is open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingState {
    /// The chosen row of the agenda.
    pub selected: usize,
    /// A measure's run chart, by index, when open.
    pub chart: Option<usize>,
    /// A question's thread, by index, when open.
    pub thread: Option<usize>,
    /// The run chart was opened from the Measures tab, not the agenda:
    /// closing it goes back there.
    pub from_measures: bool,
}

impl MeetingState {
    pub fn at(selected: usize) -> MeetingState {
        MeetingState {
            selected,
            ..MeetingState::default()
        }
    }
}

/// A field being typed in, as it was when typing began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typing {
    pub path: String,
    pub was: String,
    /// The step typed in, when someone else's save removed it meanwhile.
    pub removed: Option<Box<Removed>>,
}

/// A step someone else's save removed while a field of it was typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Its place in the list before, to put it back there.
    pub index: usize,
    /// The step as it was shown here.
    pub step: serde_json::Value,
    /// Their save, as the history tells it.
    pub by: Option<crate::store::history::Entry>,
}

/// How one conflict of a merge was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Ours,
    Theirs,
    /// A value typed by the user.
    Value(String),
}

/// The conflicts of a merge that did not finish, and what was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictsState {
    pub list: Vec<crate::merge::Conflict>,
    pub decided: Vec<Option<Decision>>,
    pub selected: usize,
    /// Typing a value for the selected conflict.
    pub input: Option<Input>,
    /// Whose version "theirs" is, in words ("Dr Jones's version (saved
    /// 10:42)"), when the history knows the save.
    pub theirs_by: Option<String>,
    /// Lines scrolled down from the selected conflict, to read long values.
    pub scroll: u16,
}

/// What to do once unsaved changes are saved or discarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Quit,
    Library,
}

/// The edit form: the fields of what is on screen, one of them chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    /// What the form edits, so it can be built again after a change.
    pub source: FormSource,
    pub title: String,
    pub fields: Vec<FormField>,
    pub selected: usize,
    /// Typing a new value for the chosen field.
    pub input: Option<Input>,
    /// Choosing a value for the chosen field: the highlighted choice.
    pub choice: Option<usize>,
    /// The participants whose rows are folded under their heading.
    pub folded: Vec<String>,
    /// Words typed to find rows (or choices): only those holding them show.
    pub filter: Option<String>,
    /// The line being typed is a new item's words, to go at this index of
    /// the selected row's list.
    pub adding: Option<usize>,
}

/// What a form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormSource {
    Pathway,
    Step(usize),
    Analyses,
    NewStep,
    /// Section 4: what will be different on Monday morning.
    Monday,
    /// Section 5: how the pathway is measured.
    Measures,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    pub label: String,
    /// The field's address, as in `carepath set`.
    pub path: String,
    pub kind: FieldKind,
    /// The list item this field belongs to, for adding, deleting and
    /// moving items from the form.
    pub item: Option<ListItem>,
}

/// A place in a list: the list's address, an index in it, and what a new
/// item there starts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub list: String,
    pub index: usize,
    pub len: usize,
    /// A new item, as YAML.
    pub new_item: String,
    /// What an item is called, for the "add" row and messages.
    pub noun: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// One line, typed in place.
    Text,
    /// Free text over several lines, edited in the user's own editor.
    Long,
    /// One of a fixed set: (value written, label shown).
    Choice(Vec<(String, String)>),
    /// The row that adds an item at the end of a list.
    Add,
}

/// A line being typed, with the cursor as a character index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Input {
    pub text: String,
    pub cursor: usize,
}

/// The comparison screen of an open pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareState {
    /// The participants compared, left and right.
    pub a: String,
    pub b: String,
    /// Showing every participant at once instead of two.
    pub matrix: bool,
    /// The selected point: a row of the alignment, or of the matrix.
    pub selected: usize,
    /// The participant picker, with its highlighted row, when open.
    pub picker: Option<usize>,
    /// Linking by hand: the point chosen first, while its partner is
    /// being chosen.
    pub linking: Option<super::link::LinkStart>,
    /// Asking whether to reject the suggested pair on this row.
    pub rejecting: Option<usize>,
}

impl PathwayState {
    pub fn new(entry: usize) -> PathwayState {
        PathwayState {
            entry,
            tab: Tab::Overview,
            scroll: [0; 5],
            step: 0,
            focus: StepFocus::List,
            exit: 0,
            detail_scroll: 0,
            trail: Vec::new(),
            search: String::new(),
            searching: false,
            compare: None,
            session: None,
            form: None,
            unloaded: None,
            typing: None,
            last_heard: None,
            conflicts: None,
            merge_record: 0,
            local: None,
            flow: false,
            meeting: None,
            draft: None,
            compared: Default::default(),
            measure: 0,
        }
    }
}

/// Where things were drawn last time, so that a mouse click can be matched
/// to what is under it and scrolling stops at the end of the text. Written by
/// the view (like ratatui's own list state), read by `update`.
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
    pub areas: RefCell<Areas>,
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
    pub cancel: crate::store::saving::Cancel,
    pub then: AfterSave,
    /// Once the save has waited a while for someone else's lock: what the
    /// user was told, kept on the status bar until the save is done.
    pub waiting: Option<String>,
    pub deferred: Vec<crate::store::watch::Changed>,
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
    pub me: Option<crate::store::identity::Identity>,
    pub people: crate::store::people::People,
    /// The other live sessions in the library.
    pub others: Vec<crate::store::presence::Presence>,
    /// Ticks since the start, to pace journal and heartbeat.
    pub ticks: u64,
    /// Where this session last said it was, and when (in ticks).
    pub announced: Option<(Where, u64)>,
    /// Why presence cannot be shared, said once.
    pub problem: Option<String>,
    /// Why `people.yaml` does not read, said once.
    pub people_problem: Option<String>,
    /// Where this user's SSH keys are, to sign off with.
    pub keys: crate::store::signing::KeySource,
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

pub use super::screen::diff::DiffView;
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
            library: LibraryState {
                filter: String::new(),
                filtering: false,
                sort: Sort::Title,
                visible: Vec::new(),
                selected: 0,
                chosen: false,
                new_pathway: None,
                order: Vec::new(),
                sorted_by: Sort::Title,
                stamps: Vec::new(),
                filtered_by: String::new(),
            },
            pathway: None,
            stack: super::screen::Stack::default(),
            theme,
            mouse: true,
            today,
            now: today.and_time(chrono::NaiveTime::MIN).and_utc(),
            message: None,
            quit: false,
            areas: RefCell::new(Areas::default()),
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
