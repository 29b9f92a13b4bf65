//! An editing session on one pathway file: the text it was opened from,
//! the changes made since, undo and redo, and a save that writes only the
//! changed values into the original text.

use std::path::{Path, PathBuf};

pub use crate::model::Change;
use crate::model::{Pathway, fields};
use crate::store::persist::saving::{Cancel, SaveJob, Saved, Waiting};
use crate::store::read::load::load_str;

/// How a change is made to a pathway in memory; a whole-file replacement
/// is read with the loader's checks, which live here in the store.
impl Change {
    /// The change made to a pathway in memory.
    pub(crate) fn apply(&self, p: &Pathway) -> Result<Pathway, String> {
        match self {
            Change::Set { path, value } => fields::set(p, path, value),
            Change::Insert { path, index, yaml } => {
                let item: serde_json::Value =
                    serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
                fields::insert(p, path, *index, item)
            }
            Change::Remove { path, index } => fields::remove(p, path, *index),
            Change::Move { path, from, to } => fields::move_item(p, path, *from, *to),
            Change::RenameKey { map_path, old, new } => fields::rename_key(p, map_path, old, new),
            Change::RemoveKey { map_path, key } => fields::remove_key(p, map_path, key),
            Change::InsertKey {
                map_path,
                key,
                yaml,
            } => {
                let value: serde_json::Value =
                    serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
                fields::insert_key(p, map_path, key, value)
            }
            Change::Batch(changes) => changes.iter().try_fold(p.clone(), |p, c| c.apply(&p)),
            Change::Replace { text } => load_str("the edited file", text).map_err(|d| {
                d.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    file: PathBuf,
    /// The file's text when the session started or last saved.
    base_text: String,
    base: Pathway,
    changes: Vec<Change>,
    redo: Vec<Change>,
    current: Pathway,
    /// The file's text with every change written in, worked out when the
    /// last change was made so that saving does not do it again.
    text: Option<String>,
    /// Something the last save could not do besides saving (keeping the
    /// history), to tell the user.
    warning: Option<String>,
    /// Counts every change, undo, redo and save, so that whoever keeps a
    /// copy of the edits (the journal) knows when it is out of date.
    revision: u64,
}

/// Why a save did not happen. The user's changes are kept in every case.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// Someone else saved the file since it was opened here, in a way that
    /// cannot be merged (it no longer reads as a pathway).
    ChangedOnDisk,
    /// Someone else saved since, and some of their changes and these meet:
    /// nothing was written, so the user can decide.
    Conflicts(Vec<crate::merge::Conflict>),
    /// The changes would not load back (which the checks before should
    /// have prevented); nothing was written.
    Invalid(String),
    Io(String),
    /// The user stopped the save while it waited for another's.
    Cancelled,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::ChangedOnDisk => write!(
                f,
                "someone else has saved this pathway since you opened it; your changes are kept, not saved"
            ),
            SaveError::Conflicts(c) => {
                let paths: Vec<&str> = c.iter().map(|x| x.path.as_str()).collect();
                write!(
                    f,
                    "someone saved this pathway meanwhile and changed what you changed ({}); nothing was written, your changes are kept",
                    paths.join(", ")
                )
            }
            SaveError::Invalid(e) => write!(
                f,
                "the changes would not load back, so nothing was written: {e}"
            ),
            SaveError::Io(e) => write!(f, "could not save: {e}"),
            SaveError::Cancelled => write!(
                f,
                "you stopped the save while it waited for another save of this pathway; your edits are kept"
            ),
        }
    }
}

/// Reads `text` back: it must be exactly `expected`. This is what makes
/// "carepath never writes a file it could not load back" hold.
pub(crate) fn verify(text: &str, expected: &Pathway) -> Result<(), String> {
    let reread: Pathway =
        serde_yaml::from_str(text).map_err(|e| format!("the file would not read back: {e}"))?;
    if &reread != expected {
        return Err("the file would not read back as it is shown".into());
    }
    Ok(())
}

impl Session {
    /// Starts a session on `file`, whose text is `text` and which loaded as
    /// `pathway`.
    pub fn new(file: &Path, text: String, pathway: Pathway) -> Session {
        Session {
            file: file.to_path_buf(),
            base_text: text,
            base: pathway.clone(),
            changes: Vec::new(),
            redo: Vec::new(),
            current: pathway,
            text: None,
            warning: None,
            revision: 0,
        }
    }

    /// Changes with every change, undo, redo and save.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What the last save could not do besides saving, once.
    pub fn take_warning(&mut self) -> Option<String> {
        self.warning.take()
    }

    /// Opens `file` for editing: it must load.
    pub fn open(file: &Path) -> Result<Session, String> {
        let text = crate::store::safe_open::read_pathway_text(file).map_err(|e| e.to_string())?;
        let name = file.display().to_string();
        let pathway = load_str(&name, &text)
            .map_err(|d| d.first().map(ToString::to_string).unwrap_or_default())?;
        Ok(Session::new(file, text, pathway))
    }

    pub fn pathway(&self) -> &Pathway {
        &self.current
    }

    /// The file's text when opened or last saved.
    pub fn base_text(&self) -> &str {
        &self.base_text
    }

    /// The pathway as it was when opened or last saved.
    pub fn saved(&self) -> &Pathway {
        &self.base
    }

    pub fn is_dirty(&self) -> bool {
        !self.changes.is_empty()
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Sets one value, if it fits the field.
    pub fn change(&mut self, path: &str, value: &str) -> Result<(), String> {
        self.make(Change::Set {
            path: path.to_string(),
            value: value.to_string(),
        })
    }

    /// Makes a change, if it fits the pathway and can be written into the
    /// file's text (checked now, so a save never finds a change it cannot
    /// write).
    pub fn make(&mut self, change: Change) -> Result<(), String> {
        let next = change.apply(&self.current)?;
        crate::store::team::verify::check_agreed(&self.file, &self.current, &next)?;
        // Written into the text and read back now, so a change that cannot
        // be written faithfully is refused when it is made, and saving
        // only has to write.
        let text = match &self.text {
            Some(t) => change.write(t)?,
            None => self.text_with(Some(&change))?,
        };
        verify(&text, &next)?;
        self.text = Some(text);
        self.current = next;
        self.changes.push(change);
        self.redo.clear();
        self.revision += 1;
        Ok(())
    }

    /// Takes back the last change; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(last) = self.changes.pop() else {
            return false;
        };
        self.redo.push(last);
        self.text = None;
        self.current = self.replay();
        self.revision += 1;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.changes.push(next);
        self.text = None;
        self.current = self.replay();
        self.revision += 1;
        true
    }

    fn replay(&self) -> Pathway {
        self.changes
            .iter()
            .fold(self.base.clone(), |p, c| c.apply(&p).unwrap_or(p))
    }

    /// The file's text with every change written in.
    pub fn text(&self) -> Result<String, String> {
        match &self.text {
            Some(t) => Ok(t.clone()),
            None => self.text_with(None),
        }
    }

    fn text_with(&self, extra: Option<&Change>) -> Result<String, String> {
        self.changes
            .iter()
            .chain(extra)
            .try_fold(self.base_text.clone(), |text, c| c.write(&text))
    }

    /// What a save of these edits starts from, to run here or on a
    /// worker ([`crate::store::persist::saving`]). Text made by the last change was read
    /// back then; after an undo or redo it is made and read back here.
    pub fn save_job(&self) -> Result<SaveJob, SaveError> {
        let text = match &self.text {
            Some(t) => t.clone(),
            None => {
                let t = self.text_with(None).map_err(SaveError::Invalid)?;
                verify(&t, &self.current).map_err(SaveError::Invalid)?;
                t
            }
        };
        Ok(SaveJob {
            file: self.file.clone(),
            base_text: self.base_text.clone(),
            base: self.base.clone(),
            current: self.current.clone(),
            text,
        })
    }

    /// A save went through: the file as saved is the new starting point.
    pub fn finish_save(&mut self, saved: Saved) {
        self.base_text = saved.text;
        self.current = saved.shown;
        self.base = self.current.clone();
        self.changes.clear();
        self.redo.clear();
        self.text = None;
        self.warning = saved.warning;
        self.revision += 1;
    }

    /// Writes the changes into the file, atomically, under the file's lock,
    /// waiting for others' saves. If someone saved meanwhile, their changes
    /// and these are merged (and the merge is what is then shown); where
    /// they meet, nothing is written and the conflicts are returned.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let job = self.save_job()?;
        let never = Cancel::default();
        let saved = job.run(Waiting {
            cancel: &never,
            limit: None,
            tell: &mut |_| {},
        })?;
        self.finish_save(saved);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "# kept\ncarepath: 1\nid: p\ntitle: Old   # kept too\nsteps:\n  - id: s\n    title: S\n";

    fn session() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.yaml");
        std::fs::write(&file, TEXT).unwrap();
        let s = Session::open(&file).unwrap();
        (dir, s)
    }

    #[test]
    fn changes_undo_redo_and_save_keep_the_comments() {
        let (_dir, mut s) = session();
        s.change("title", "New").unwrap();
        s.change("steps.s.title", "Step").unwrap();
        assert!(s.undo());
        assert_eq!(s.pathway().steps[0].title, "S");
        assert!(s.redo());
        assert_eq!(s.pathway().steps[0].title, "Step");
        s.save().unwrap();
        assert!(!s.is_dirty());
        let saved = std::fs::read_to_string(s.file()).unwrap();
        assert_eq!(
            saved,
            "# kept\ncarepath: 1\nid: p\ntitle: New   # kept too\nsteps:\n  - id: s\n    title: Step\n"
        );
    }

    #[test]
    fn a_new_change_clears_redo_and_bad_values_change_nothing() {
        let (_dir, mut s) = session();
        s.change("title", "A").unwrap();
        s.undo();
        s.change("title", "B").unwrap();
        assert!(!s.redo());
        assert!(s.change("steps.s.kind", "actoin").is_err());
        assert_eq!(s.pathway().title, "B");
    }

    #[test]
    fn list_changes_are_saved_with_the_neighbours_layout() {
        let (_dir, mut s) = session();
        s.make(Change::Insert {
            path: "steps".into(),
            index: 1,
            yaml: "id: t\ntitle: Then\n".into(),
        })
        .unwrap();
        s.make(Change::Move {
            path: "steps".into(),
            from: 1,
            to: 0,
        })
        .unwrap();
        s.make(Change::Insert {
            path: "steps.s.red_flags".into(),
            index: 0,
            yaml: "Falls\n".into(),
        })
        .unwrap();
        assert_eq!(s.pathway().steps[0].id, "t");
        s.save().unwrap();
        let saved = std::fs::read_to_string(s.file()).unwrap();
        assert_eq!(
            saved,
            "# kept\ncarepath: 1\nid: p\ntitle: Old   # kept too\nsteps:\n  - id: t\n    title: Then\n  - id: s\n    title: S\n    red_flags:\n      - Falls\n"
        );
        s.make(Change::Remove {
            path: "steps".into(),
            index: 0,
        })
        .unwrap();
        assert!(s.undo());
        assert_eq!(s.pathway().steps.len(), 2);
    }

    #[test]
    fn a_save_merges_what_someone_else_saved_meanwhile() {
        let (_dir, mut s) = session();
        s.change("steps.s.title", "Mine").unwrap();
        let theirs = TEXT.replace("title: Old", "title: Theirs");
        std::fs::write(s.file(), &theirs).unwrap();
        s.save().unwrap();
        let saved = std::fs::read_to_string(s.file()).unwrap();
        assert_eq!(
            saved,
            "# kept\ncarepath: 1\nid: p\ntitle: Theirs   # kept too\nsteps:\n  - id: s\n    title: Mine\n"
        );
        assert_eq!(s.pathway().title, "Theirs", "their change is now shown too");
    }

    #[test]
    fn a_file_changed_by_someone_else_is_not_overwritten() {
        let (_dir, mut s) = session();
        s.change("title", "Mine").unwrap();
        let theirs = TEXT.replace("title: Old", "title: Theirs");
        std::fs::write(s.file(), &theirs).unwrap();
        assert!(matches!(s.save(), Err(SaveError::Conflicts(c)) if c[0].path == "title"));
        assert_eq!(std::fs::read_to_string(s.file()).unwrap(), theirs);
        assert!(s.is_dirty(), "the user's change is kept");
    }

    #[test]
    fn edits_that_come_back_to_the_file_write_nothing() {
        let (_dir, mut s) = session();
        s.change("title", "New").unwrap();
        s.change("title", "Old").unwrap();
        let before = std::fs::metadata(s.file()).unwrap().modified().unwrap();
        s.save().unwrap();
        assert!(!s.is_dirty());
        assert_eq!(
            std::fs::metadata(s.file()).unwrap().modified().unwrap(),
            before
        );
        let (history, _) = crate::store::persist::history::load(s.file()).unwrap();
        assert!(history.is_empty(), "no save to record");
    }
}
