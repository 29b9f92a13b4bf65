//! The steps of three versions merged as typed steps, where all three
//! hold the same steps in the same places (each id once): the usual case,
//! where people edited steps but added, removed and moved none. The list
//! merge would then pair each step with itself in every version and merge
//! each pair of edits on its own, so that is done here without making a
//! JSON tree of thousands of unchanged steps; only a step both sides
//! changed is merged as JSON, field by field, as the list merge merges it.
//! Anything else goes through the list merge.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Deserialize;
use serde_json::Value;

use super::{Conflict, value};
use crate::model::{Pathway, Step};

/// What stands for the steps in the trees of the rest of the pathway,
/// one for each version, so the merge of the rest says where the steps'
/// conflicts and edits go among the others'.
pub(super) const IN_BASE: &str = "\u{1}steps of base";
pub(super) const IN_OURS: &str = "\u{1}steps of ours";
pub(super) const IN_THEIRS: &str = "\u{1}steps of theirs";
/// What stands for the merge's steps in the merge's tree, for writing.
pub(super) const IN_MERGE: &str = "\u{1}steps of the merge";

/// The steps merged.
#[derive(Debug, Clone, Default)]
pub struct MergedSteps {
    /// The merge's steps (taken when the merge is read as a pathway).
    pub(super) steps: Vec<Step>,
    /// The conflicts, named as the list merge names them, in order.
    pub(super) conflicts: Vec<Conflict>,
    /// Each step the merge changed in OURS: its place, OURS' and the
    /// merge's, as JSON.
    pub(super) changed_in_ours: Vec<(usize, Value, Value)>,
}

/// Whether the three lists hold the same steps in the same places, each
/// id once, and are not empty.
pub(super) fn same_places(b: &[Step], o: &[Step], t: &[Step]) -> bool {
    if b.is_empty() || b.len() != o.len() || b.len() != t.len() {
        return false;
    }
    let mut ids = HashSet::with_capacity(b.len());
    b.iter()
        .zip(o)
        .zip(t)
        .all(|((x, y), z)| x.id == y.id && x.id == z.id && ids.insert(x.id.as_str()))
}

/// What the merge takes at one place of the list.
enum Take {
    /// OURS' step: THEIRS left BASE's as it was.
    Ours,
    /// THEIRS' step: OURS left BASE's as it was, or both made it the same.
    Theirs,
    /// Both changed it differently: the merge of the two, the one at
    /// this place of the steps merged field by field.
    Merged(usize),
}

/// The steps of the three versions merged, where they hold the same steps
/// in the same places; `None` where the list merge is needed, and then
/// the versions are as they were. Where they are merged here, BASE's
/// steps are let go of and THEIRS' taken into the merge (a long pathway's
/// steps are not copied a fourth time); the rest of both stays. OURS'
/// steps that the merge keeps are copied; see [`merge_taking_ours`].
pub(super) fn merge(
    base: &mut Pathway,
    ours: &Pathway,
    theirs: &mut Pathway,
) -> Option<MergedSteps> {
    let plan = plan(&base.steps, &ours.steps, &theirs.steps)?;
    base.steps = Vec::new();
    Some(plan.made_of(ours.steps.iter().map(Cow::Borrowed), theirs))
}

/// [`merge`], taking OURS' steps that the merge keeps rather than
/// copying them: OURS is then left without its steps, where they are
/// merged here, and is as it was where `None`.
pub(super) fn merge_taking_ours(
    base: &mut Pathway,
    ours: &mut Pathway,
    theirs: &mut Pathway,
) -> Option<MergedSteps> {
    let plan = plan(&base.steps, &ours.steps, &theirs.steps)?;
    base.steps = Vec::new();
    let ours = std::mem::take(&mut ours.steps);
    Some(plan.made_of(ours.into_iter().map(Cow::Owned), theirs))
}

/// What the merge takes at each place, settled with nothing taken from
/// the versions, so a merge that cannot be made here leaves them whole.
struct Plan {
    takes: Vec<Take>,
    /// The steps both sides changed, merged.
    both_changed: Vec<Step>,
    /// The steps as merged, but for the steps themselves.
    out: MergedSteps,
}

/// The [`Plan`] of the merge of steps `b`, `o` and `t`, where they hold
/// the same steps in the same places.
fn plan(b: &[Step], o: &[Step], t: &[Step]) -> Option<Plan> {
    if !same_places(b, o, t) {
        return None;
    }
    let json = |s: &Step| serde_json::to_value(s).ok();
    let mut out = MergedSteps::default();
    let mut takes = Vec::with_capacity(o.len());
    let mut both_changed = Vec::new();
    for (i, ((bs, os), ts)) in b.iter().zip(o).zip(t).enumerate() {
        let take = if os == ts || bs == ts {
            Take::Ours
        } else if bs == os {
            Take::Theirs
        } else {
            let (bj, oj, tj) = (json(bs)?, json(os)?, json(ts)?);
            let mut here = Vec::new();
            let m = value(String::new(), Some(&bj), Some(&oj), Some(&tj), &mut here)?;
            let prefix = format!("steps[{}]", bs.id);
            out.conflicts.extend(here.into_iter().map(|mut c| {
                c.path = super::lists::at(&prefix, &c.path);
                c
            }));
            both_changed.push(Step::deserialize(&m).ok()?);
            Take::Merged(both_changed.len() - 1)
        };
        let merged = match take {
            Take::Ours => os,
            Take::Theirs => ts,
            Take::Merged(at) => &both_changed[at],
        };
        if merged != os {
            out.changed_in_ours.push((i, json(os)?, json(merged)?));
        }
        // Where both hold the same step, THEIRS' is the one taken.
        takes.push(if os == ts { Take::Theirs } else { take });
    }
    Some(Plan {
        takes,
        both_changed,
        out,
    })
}

impl Plan {
    /// The merge's steps, made of OURS' steps (in order) and THEIRS'.
    fn made_of<'a>(
        self,
        ours: impl Iterator<Item = Cow<'a, Step>>,
        theirs: &mut Pathway,
    ) -> MergedSteps {
        let Plan {
            takes,
            both_changed,
            mut out,
        } = self;
        let mut both_changed = both_changed.into_iter();
        out.steps.reserve_exact(takes.len());
        for ((take, os), ts) in takes
            .into_iter()
            .zip(ours)
            .zip(std::mem::take(&mut theirs.steps))
        {
            out.steps.push(match take {
                Take::Ours => os.into_owned(),
                Take::Theirs => ts,
                Take::Merged(_) => both_changed.next().unwrap_or_else(|| os.into_owned()),
            });
        }
        out
    }
}

/// `p` without its steps, as JSON, with `mark` in their place.
pub(super) fn rest_as_json(p: &Pathway, mark: &str) -> Result<Value, String> {
    // Every field named, so a new one is not left out unnoticed.
    let Pathway {
        carepath,
        id,
        title,
        place,
        based_on,
        status,
        review_due,
        participants,
        principles,
        problem,
        analyses,
        steps: _,
        monday_morning,
        measures,
        decisions,
        questions,
        actions,
        sign_off,
    } = p;
    let rest = Pathway {
        carepath: *carepath,
        id: id.clone(),
        title: title.clone(),
        place: place.clone(),
        based_on: based_on.clone(),
        status: *status,
        review_due: *review_due,
        participants: participants.clone(),
        principles: principles.clone(),
        problem: problem.clone(),
        analyses: analyses.clone(),
        steps: Vec::new(),
        monday_morning: monday_morning.clone(),
        measures: measures.clone(),
        decisions: decisions.clone(),
        questions: questions.clone(),
        actions: actions.clone(),
        sign_off: sign_off.clone(),
    };
    let mut v = serde_json::to_value(&rest).map_err(|e| e.to_string())?;
    if let Value::Object(m) = &mut v {
        m.insert("steps".into(), Value::from(mark));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::{merge_trees, write};

    const BASE: &str = "carepath: 1\nid: p\ntitle: T\nsteps:\n  - id: a\n    title: A\n    owner: x\n  - id: b\n    title: B\n    red_flags: [one]\n  - id: c\n    title: C\n";

    fn read(text: &str) -> Pathway {
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn json(p: &Pathway) -> Value {
        serde_json::to_value(p).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn steps_merged_in_their_places_are_what_the_list_merge_makes_of_them() {
        let base = read(BASE);
        let ours_text = BASE
            .replace("title: A", "title: A1")
            .replace("owner: x", "owner: y")
            .replace("title: T", "title: T1");
        let theirs_text = BASE
            .replace("title: A", "title: A2")
            .replace("[one]", "[one, two]")
            .replace("title: C", "title: C2")
            .replace("title: T", "title: T2");
        let (ours, theirs) = (read(&ours_text), read(&theirs_text));
        // The list merge, of the whole trees.
        let mut want_conflicts = Vec::new();
        let want = value(
            String::new(),
            Some(&json(&base)),
            Some(&json(&ours)),
            Some(&json(&theirs)),
            &mut want_conflicts,
        );
        let (conflicts, mut trees) =
            merge_trees(base, &ours, theirs).unwrap_or_else(|e| panic!("{e}"));
        assert!(trees.steps.is_some(), "merged as the list merge would");
        let merged = trees.pathway().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Some(json(&merged)), want);
        assert_eq!(conflicts, want_conflicts);
        let paths: Vec<&str> = conflicts.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["steps[a].title", "title"]);
        // Written into OURS' text as the list merge's edits write it.
        assert_eq!(
            write::into_ours_trees(&ours_text, trees, &merged),
            write::into_ours(&ours_text, &ours, &merged)
        );
    }

    #[test]
    fn steps_no_side_changed_are_ours_whatever_base_and_theirs_hold_of_them() {
        let base = read(BASE);
        let ours_text = BASE.replace("title: A", "title: A1");
        let theirs_text = BASE.replace("title: C", "title: C2");
        let (ours, theirs) = (read(&ours_text), read(&theirs_text));
        let whole = merge_trees(base.clone(), &ours, theirs.clone());
        let (whole_conflicts, mut whole_trees) = whole.unwrap_or_else(|e| panic!("{e}"));
        // Step b, which none changed, kept light in BASE and THEIRS (as
        // `carepath merge` keeps the steps all three share word for word).
        let (mut light_base, mut light_theirs) = (base, theirs);
        for p in [&mut light_base, &mut light_theirs] {
            p.steps[1].red_flags = Vec::new();
            p.steps[1].detail = None;
        }
        assert!(crate::merge::steps_stay_in_place(
            &light_base,
            &ours,
            &light_theirs
        ));
        let light = crate::merge::merge_trees_taking_ours(light_base, ours.clone(), light_theirs);
        let (conflicts, mut trees) = light.unwrap_or_else(|e| panic!("{e}"));
        let merged = trees.pathway().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Ok(&merged), whole_trees.pathway().as_ref());
        assert_eq!(merged.steps[1].red_flags, ["one"]);
        assert_eq!((conflicts.len(), whole_conflicts.len()), (0, 0));
        assert_eq!(
            write::into_ours_trees(&ours_text, trees, &merged),
            write::into_ours(&ours_text, &ours, &merged)
        );
    }

    #[test]
    fn steps_added_moved_or_held_twice_are_left_to_the_list_merge() {
        let base = read(BASE);
        let added = read(&format!("{BASE}  - id: d\n    title: D\n"));
        let moved = read(&BASE.replace("id: a", "id: z").replace("id: c", "id: a"));
        let twice = read(&BASE.replace("id: b", "id: a"));
        let merged = |b: &Pathway, o: &Pathway, t: &Pathway| {
            merge(&mut b.clone(), o, &mut t.clone()).is_some()
        };
        for other in [&added, &moved, &twice] {
            assert!(!merged(&base, other, &base));
            assert!(!merged(&base, &base, other));
        }
        assert!(!merged(&twice, &twice, &twice));
        assert!(merged(&base, &base, &base));
    }
}
