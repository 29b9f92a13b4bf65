//! The model of the generated workshop: what people changed, in terms of
//! steps by id (their titles and red flags), and what a file or a screen
//! must hold once those changes are made to what was there.

use std::collections::BTreeMap;

/// One edit a person made, in the model's terms: steps by id, and their
/// titles.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Title(String, String),
    Add(String, String),
    Delete(String),
    /// Order is not modelled; a move is one undo step all the same.
    Move,
    Rename(String, String),
    /// A red flag (a list item without an id) added to a step, its text
    /// changed, or taken away.
    AddFlag(String, String),
    FlagText(String, String, String),
    DeleteFlag(String, String),
    /// A participant's sign-off, by whom (saved at once: a newer one by
    /// the same participant takes the place of the older).
    SignOff(String, String),
}

/// Where the model keeps a participant's sign-off (who gave it): beside
/// the steps, under a key no step id can have.
pub fn sign_off_key(participant: &str) -> String {
    format!("sign off#{participant}")
}

/// Where the model keeps a step's red flags, in no order: beside its title.
pub fn flags_key(id: &str) -> String {
    format!("{id}#red flags")
}

pub fn flags_of(steps: &mut Steps, id: &str) -> Option<Vec<String>> {
    let flags = steps.get(&flags_key(id))?;
    Some(if flags.is_empty() {
        Vec::new()
    } else {
        flags.split('\n').map(String::from).collect()
    })
}

pub fn set_flags(steps: &mut Steps, id: &str, mut flags: Vec<String>) {
    flags.sort();
    steps.insert(flags_key(id), flags.join("\n"));
}

/// The steps of a pathway as the model sees them: id to title.
pub type Steps = BTreeMap<String, String>;

thread_local! {
    /// Step ids renamed in saves, old to new: an edit made to a step by
    /// its old id lands on the renamed step when merged.
    pub static RENAMED: std::cell::RefCell<BTreeMap<String, String>> = Default::default();
}

pub fn follow(steps: &Steps, id: String) -> String {
    let mut id = id;
    for _ in 0..16 {
        if steps.contains_key(&id) {
            break;
        }
        match RENAMED.with(|r| r.borrow().get(&id).cloned()) {
            Some(new) => id = new,
            None => break,
        }
    }
    id
}

pub fn apply(steps: &Steps, edits: impl IntoIterator<Item = Edit>) -> Steps {
    let mut steps = steps.clone();
    for e in edits {
        let e = match e {
            Edit::Title(id, t) => Edit::Title(follow(&steps, id), t),
            Edit::Delete(id) => Edit::Delete(follow(&steps, id)),
            Edit::Rename(old, new) => Edit::Rename(follow(&steps, old), new),
            Edit::AddFlag(id, t) => Edit::AddFlag(follow(&steps, id), t),
            Edit::FlagText(id, a, b) => Edit::FlagText(follow(&steps, id), a, b),
            Edit::DeleteFlag(id, t) => Edit::DeleteFlag(follow(&steps, id), t),
            e => e,
        };
        match e {
            Edit::Title(id, t) => {
                if let Some(title) = steps.get_mut(&id) {
                    *title = t;
                }
            }
            Edit::Add(id, t) => {
                set_flags(&mut steps, &id, Vec::new());
                steps.insert(id, t);
            }
            Edit::Delete(id) => {
                steps.remove(&flags_key(&id));
                steps.remove(&id);
            }
            Edit::Move => {}
            Edit::SignOff(participant, by) => {
                steps.insert(sign_off_key(&participant), by);
            }
            Edit::Rename(old, new) => {
                if let Some(t) = steps.remove(&old) {
                    steps.insert(new.clone(), t);
                }
                if let Some(f) = steps.remove(&flags_key(&old)) {
                    steps.insert(flags_key(&new), f);
                }
            }
            Edit::AddFlag(id, t) => {
                if let Some(mut f) = flags_of(&mut steps, &id) {
                    f.push(t);
                    set_flags(&mut steps, &id, f);
                }
            }
            Edit::FlagText(id, old, new) => {
                if let Some(mut f) = flags_of(&mut steps, &id)
                    && let Some(at) = f.iter().position(|x| *x == old)
                {
                    f[at] = new;
                    set_flags(&mut steps, &id, f);
                }
            }
            Edit::DeleteFlag(id, t) => {
                if let Some(mut f) = flags_of(&mut steps, &id)
                    && let Some(at) = f.iter().position(|x| *x == t)
                {
                    f.remove(at);
                    set_flags(&mut steps, &id, f);
                }
            }
        }
    }
    steps
}

pub fn ids_of(e: &Edit) -> Vec<&str> {
    match e {
        Edit::Title(id, _)
        | Edit::Add(id, _)
        | Edit::Delete(id)
        | Edit::AddFlag(id, _)
        | Edit::FlagText(id, _, _)
        | Edit::DeleteFlag(id, _) => vec![id],
        Edit::Rename(a, b) => vec![a, b],
        Edit::Move | Edit::SignOff(..) => vec![],
    }
}
