//! Writing a [`Change`] into a file's text with the engine that keeps
//! comments and layout.

use super::edit::{insert_entry_or_map, remove_key, rename_key, set_value};
use super::edit_list::{insert_item, move_item, remove_item};
use crate::model::Change;

impl Change {
    /// The change written into the file's text.
    pub(crate) fn write(&self, text: &str) -> Result<String, String> {
        match self {
            Change::Set { path, value } => set_value(text, path, value),
            Change::Insert { path, index, yaml } => insert_item(text, path, *index, yaml),
            Change::Remove { path, index } => remove_item(text, path, *index),
            Change::Move { path, from, to } => move_item(text, path, *from, *to),
            Change::Replace { text } => Ok(text.clone()),
            Change::RenameKey { map_path, old, new } => rename_key(text, map_path, old, new),
            Change::RemoveKey { map_path, key } => remove_key(text, map_path, key),
            Change::InsertKey {
                map_path,
                key,
                yaml,
            } => insert_entry_or_map(text, map_path, key, yaml),
            Change::Batch(changes) => changes
                .iter()
                .try_fold(text.to_string(), |t, c| c.write(&t)),
        }
    }
}
