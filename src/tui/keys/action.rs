//! What a key does, and where the user is: each place has its own table.

/// What a key does. Its name in `config.yaml`'s `keys:` is the variant's
/// in kebab case (`SignOff` → `sign-off`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Left,
    Right,
    /// Enter: open, go in, follow.
    Open,
    /// Esc: close, go out.
    Back,
    /// Go back along the walk through the steps.
    WalkBack,
    NextTab,
    PrevTab,
    Tab(usize),
    Filter,
    NextMatch,
    PrevMatch,
    Sort,
    /// Open the comparison of participants' analyses.
    Compare,
    /// Switch between two participants and every participant at once.
    ToggleMatrix,
    /// Choose which participants are compared.
    PickPair,
    SetLeft,
    SetRight,
    /// Open the edit form for what is on screen.
    Edit,
    /// Edit the chosen field in $VISUAL / $EDITOR.
    ExternalEditor,
    Undo,
    Redo,
    Save,
    Discard,
    AddItem,
    DeleteItem,
    MoveItemUp,
    MoveItemDown,
    /// Show what is wrong with the pathway.
    Problems,
    /// Show unsaved changes against the saved file.
    ShowChanges,
    /// Decide the conflicts of a merge that did not finish.
    Conflicts,
    /// Bring back journalled edits, or throw them away.
    Restore,
    DropJournal,
    KeepOurs,
    TakeTheirs,
    /// Compare with an earlier version from git.
    History,
    /// The saves the library's history kept.
    Saves,
    /// Sign off the pathway for the user's participant.
    SignOff,
    /// Send saved changes to the shared git repository and take others'.
    Sync,
    /// What this place changed from the base its pathway is a local
    /// version of.
    LocalChanges,
    Rebase,
    /// Compare: make a suggested pair one point (a shared id).
    ConfirmPair,
    /// Compare: a suggested pair is not the same point.
    RejectPair,
    /// Compare: copy a point one side has into the other side's analysis.
    Adopt,
    /// Publish the library, or the open pathway, as a web site.
    Export,
    /// Start an analysis for a participant who has none.
    StartAnalysis,
    /// Remove a participant's analysis (after a question).
    RemoveAnalysis,
    /// Compare: choose a point, then its partner on the other side.
    Link,
    /// Compare: two points linked by one id are not the same after all.
    Unlink,
    /// Compare: link the point with the partner the detail pane ranks
    /// first (or the one with this number).
    LinkPartner(usize),
    /// Answers to a question.
    Yes,
    No,
    /// A form: fold or open the rows of the participant here.
    Fold,
    /// List who is in the library, and where.
    WhoIsHere,
    /// The steps drawn as a flow, or as a list again.
    Flow,
    /// Open the meeting's agenda, built from the pathway.
    Meeting,
    /// Ask the others in the pathway to follow this screen, or stop.
    Lead,
    /// Follow the facilitator who asks; or leave their screen.
    Follow,
    /// Record what the group decided on a disagreement.
    Decide,
    /// Raise a question on what is chosen (a step, a point, the pathway).
    Ask,
    /// Answer the open question.
    Answer,
    /// Close the open question (its asker or the pathway's lead).
    CloseQuestion,
    /// Add an action: who does what by when.
    AddAction,
    Help,
    ToggleMouse,
    Suspend,
    Quit,
}

impl Action {
    /// A move of the selection in a list: a row, a page, to either end.
    pub fn moves_in_list(self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
        )
    }
}

/// Where the user is; each context has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum Context {
    Library,
    /// Typing into the library filter or a search: letters are text, not
    /// commands.
    Filter,
    Pathway,
    Steps,
    /// In a step's list of exits (next steps and branches).
    Exits,
    /// Comparing two participants' analyses.
    Compare,
    /// Every participant's analysis at once.
    Matrix,
    /// Choosing the participants to compare.
    Picker,
    /// The edit form: choosing a field.
    Form,
    /// Typing a field's new value: letters are text.
    Input,
    /// Choosing a field's value from a list.
    Choice,
    /// Save, discard or cancel before leaving with unsaved changes.
    Confirm,
    /// Writing long text in place: every key is text but these.
    TextEditor,
    /// The list of what is wrong with the pathway.
    Problems,
    /// The changes between two versions.
    Diff,
    /// Deciding a merge's conflicts.
    Conflicts,
    /// Offered edits kept from a session that ended without saving.
    Recover,
    /// Choosing an earlier version.
    Commits,
    /// The meeting's agenda.
    Meeting,
    /// A question's thread, from the agenda.
    Thread,
    /// A measure's run chart, from the agenda.
    Chart,
    /// Writing a decision, a question, an answer or an action: letters
    /// are text.
    Draft,
    /// Another session asks this one to follow it.
    FollowAsk,
    /// Following the facilitator's screen.
    Following,
    Help,
    /// A question asked before something is done.
    Question,
    /// Comparing, with a point chosen to link: choosing its partner.
    LinkTo,
    /// The list of who is here.
    WhoIsHere,
    /// Asking for a new pathway's title and id.
    NewPathway,
    /// The steps drawn as a flow.
    Flow,
    /// Asked whether to reject a suggested pair in the comparison.
    Reject,
}
