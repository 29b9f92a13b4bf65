//! An open pathway's state: the tab, the step, the comparison, the
//! meeting and what is being typed.

use crate::store::persist::session::Session;
use crate::tui::screen::base::compare::CompareState;
pub use crate::tui::screen::base::meeting::MeetingState;

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
    /// Text the user wrote in their own editor that did not fit (the whole
    /// file, or one field): the field's path and the text, kept so that
    /// `e` opens it again rather than losing it.
    pub unloaded: Option<(String, String)>,
    /// How many conflicts the file's merge record holds, found on opening.
    pub merge_record: usize,
    /// What this place changed from the base, when the pathway is a local
    /// version of one.
    pub local: Option<crate::tui::sync::LocalVersion>,
    /// The field being typed in (a line or long text), and its value when
    /// typing began: others' saves may change it meanwhile.
    pub typing: Option<Typing>,
    /// The last save by someone else heard of here, as the history tells
    /// it: whose version a conflict found when typing ends is.
    pub last_heard: Option<crate::store::persist::history::Entry>,
    /// The steps drawn as a flow rather than listed.
    pub flow: bool,
    /// The meeting's agenda, when open.
    pub meeting: Option<MeetingState>,
    /// The comparison the agenda is built from, made once per version of
    /// the pathway rather than on every frame and key.
    pub compared: crate::tui::meeting::Compared,
    /// The chosen measure on the Measures tab, whose run chart Enter opens.
    pub measure: usize,
    /// The conflicts decided so far when their screen was closed unsaved,
    /// so `M` comes back to them rather than starting again.
    pub decided: Option<crate::tui::screen::conflicts::Decided>,
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
    pub by: Option<crate::store::persist::history::Entry>,
}

/// What to do once unsaved changes are saved or discarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Quit,
    Library,
}

/// A line being typed, with the cursor as a character index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Input {
    pub text: String,
    pub cursor: usize,
}

impl Input {
    /// `text` put in at the cursor, which goes on after it.
    pub fn insert(&mut self, text: &str) {
        let at = self
            .text
            .char_indices()
            .nth(self.cursor)
            .map_or(self.text.len(), |(b, _)| b);
        self.text.insert_str(at, text);
        self.cursor += text.chars().count();
    }

    /// Pasted text put in at the cursor as one line: its line breaks
    /// become spaces.
    pub fn paste(&mut self, text: &str) {
        self.insert(&text.replace("\r\n", " ").replace(['\n', '\r'], " "));
    }
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
            unloaded: None,
            typing: None,
            last_heard: None,
            merge_record: 0,
            local: None,
            flow: false,
            meeting: None,
            compared: Default::default(),
            decided: None,
            measure: 0,
        }
    }
}
