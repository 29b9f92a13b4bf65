//! Renaming an id everywhere it is used, as one change: a step's id in
//! every `next` and branch, a participant's id in every owner, `who`,
//! sign-off and analysis. Items are addressed by number so the renamed
//! item is found before and after its new id.

use crate::model::Change;
use crate::model::{Pathway, is_slug};

fn check(new: &str, taken: impl Iterator<Item = String>, what: &str) -> Result<(), String> {
    if !is_slug(new) {
        return Err(format!(
            "\"{new}\" cannot be an id: use lower-case letters, digits and hyphens"
        ));
    }
    if taken.into_iter().any(|t| t == new) {
        return Err(format!("another {what} already has the id \"{new}\""));
    }
    Ok(())
}

/// Renames step `old` to `new`, and every step that leads to it.
pub fn rename_step(p: &Pathway, old: &str, new: &str) -> Result<Change, String> {
    check(new, p.steps.iter().map(|s| s.id.clone()), "step")?;
    let at = p
        .step_index(old)
        .ok_or_else(|| format!("there is no step \"{old}\""))?;
    let mut changes = vec![Change::Set {
        path: format!("steps.{at}.id"),
        value: new.into(),
    }];
    for (j, s) in p.steps.iter().enumerate() {
        for (k, next) in s.next.iter().enumerate() {
            if next == old {
                changes.push(Change::Set {
                    path: format!("steps.{j}.next.{k}"),
                    value: new.into(),
                });
            }
        }
        for (k, b) in s.branches.iter().enumerate() {
            if b.next == old {
                changes.push(Change::Set {
                    path: format!("steps.{j}.branches.{k}.next"),
                    value: new.into(),
                });
            }
        }
    }
    for (k, q) in p.questions.iter().enumerate() {
        if q.step.as_deref() == Some(old) {
            changes.push(Change::Set {
                path: format!("questions.{k}.step"),
                value: new.into(),
            });
        }
    }
    Ok(Change::Batch(changes))
}

/// Renames participant `old` to `new`, with everything that names them.
pub fn rename_participant(p: &Pathway, old: &str, new: &str) -> Result<Change, String> {
    check(
        new,
        p.participants.iter().map(|x| x.id.clone()),
        "participant",
    )?;
    let at = p
        .participants
        .iter()
        .position(|x| x.id == old)
        .ok_or_else(|| format!("there is no participant \"{old}\""))?;
    let mut changes = vec![Change::Set {
        path: format!("participants.{at}.id"),
        value: new.into(),
    }];
    for (j, s) in p.steps.iter().enumerate() {
        if s.owner.as_deref() == Some(old) {
            changes.push(Change::Set {
                path: format!("steps.{j}.owner"),
                value: new.into(),
            });
        }
    }
    for (k, m) in p.monday_morning.iter().enumerate() {
        if m.who == old {
            changes.push(Change::Set {
                path: format!("monday_morning.{k}.who"),
                value: new.into(),
            });
        }
    }
    for (k, s) in p.sign_off.iter().enumerate() {
        if s.participant == old {
            changes.push(Change::Set {
                path: format!("sign_off.{k}.participant"),
                value: new.into(),
            });
        }
    }
    // The meeting's record: who was in the room, whose items a decision
    // settles, and who owns an action.
    for (k, d) in p.decisions.iter().enumerate() {
        for (list, ids) in [("present", &d.present), ("participants", &d.participants)] {
            for (n, id) in ids.iter().enumerate() {
                if id == old {
                    changes.push(Change::Set {
                        path: format!("decisions.{k}.{list}.{n}"),
                        value: new.into(),
                    });
                }
            }
        }
    }
    for (k, a) in p.actions.iter().enumerate() {
        if a.owner == old {
            changes.push(Change::Set {
                path: format!("actions.{k}.owner"),
                value: new.into(),
            });
        }
    }
    if p.analyses.contains_key(old) {
        changes.push(Change::RenameKey {
            map_path: "analyses".into(),
            old: old.into(),
            new: new.into(),
        });
    }
    Ok(Change::Batch(changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::persist::session::Session;

    #[test]
    fn renaming_a_step_and_a_participant_reaches_every_reference() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("discharge-to-care-home.yaml");
        let text = std::fs::read_to_string("pathways/discharge-to-care-home.yaml").unwrap();
        std::fs::write(&file, &text).unwrap();
        let mut s = Session::open(&file).unwrap();
        let change = rename_step(s.pathway(), "meds-ready", "medicines-ready").unwrap();
        s.make(change).unwrap();
        let change = rename_participant(s.pathway(), "oakview", "oakview-home").unwrap();
        s.make(change).unwrap();
        s.save().unwrap();
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(
            !saved.contains("meds-ready")
                && !saved.contains("oakview:")
                && !saved.contains("owner: oakview\n")
        );
        assert!(saved.contains("  oakview-home:\n    causes:"));
        let p = crate::store::read::load::load_file(&file).unwrap();
        assert!(
            p.steps
                .iter()
                .any(|x| x.next.contains(&"medicines-ready".to_string()))
        );
        assert_eq!(
            p.monday_morning
                .iter()
                .filter(|m| m.who == "oakview-home")
                .count(),
            2
        );
        // One change each, so one undo takes a rename back whole.
        assert!(!s.is_dirty());
    }

    #[test]
    fn ids_in_use_and_bad_ids_are_refused() {
        let p: Pathway = crate::store::read::load::load_file(std::path::Path::new(
            "pathways/discharge-to-care-home.yaml",
        ))
        .unwrap();
        assert!(
            rename_step(&p, "meds-ready", "gp-review")
                .unwrap_err()
                .contains("already")
        );
        assert!(
            rename_participant(&p, "oakview", "Oak View")
                .unwrap_err()
                .contains("cannot be an id")
        );
    }
}
