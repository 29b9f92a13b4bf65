//! One edit to a pathway, in the words of the file. The same value is made
//! in memory (by the store's session), written into the file's text (by
//! the YAML text layer) and produced by a merge, so it lives below all
//! three.

/// One change, in the words of the file: a value set, or a list item
/// added, removed or moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Set {
        path: String,
        value: String,
    },
    /// `yaml` is the new item as YAML, in the model's field order.
    Insert {
        path: String,
        index: usize,
        yaml: String,
    },
    Remove {
        path: String,
        index: usize,
    },
    Move {
        path: String,
        from: usize,
        to: usize,
    },
    /// The whole file as the user wrote it in their own editor.
    Replace {
        text: String,
    },
    /// A key of a mapping renamed (an analysis, when its participant's id
    /// changes).
    RenameKey {
        map_path: String,
        old: String,
        new: String,
    },
    /// Several changes that are one edit to the user (renaming an id and
    /// every reference to it): undone together.
    Batch(Vec<Change>),
    /// A key and its value taken out of a mapping.
    RemoveKey {
        map_path: String,
        key: String,
    },
    /// A new key at the end of a mapping (a participant's analysis), its
    /// value as YAML; the mapping is made when the pathway has none yet.
    InsertKey {
        map_path: String,
        key: String,
        yaml: String,
    },
}
