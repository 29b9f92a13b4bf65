//! The rules a pathway must keep beyond its shape: unique ids and references
//! that point at something real. Each broken rule becomes a [`Problem`] with
//! the path of the offending value and a sentence a clinician understands.

use std::collections::HashSet;

use super::path::FieldPath;
use super::pathway::{FORMAT_VERSION, Pathway, Step, StepKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: FieldPath,
    pub message: String,
    /// The problem is the key of the entry at `path` (e.g. an analysis for
    /// someone who is not a participant), not its value.
    pub at_key: bool,
    /// A reference to a participant or step that does not exist. A draft
    /// may hold these while people work; they block the status `agreed`.
    pub dangling: bool,
}

impl Problem {
    pub(super) fn new(path: FieldPath, message: impl Into<String>) -> Self {
        Problem {
            path,
            message: message.into(),
            at_key: false,
            dangling: false,
        }
    }

    fn at_key(mut self) -> Self {
        self.at_key = true;
        self
    }

    pub(super) fn dangling(mut self) -> Self {
        self.dangling = true;
        self
    }
}

/// Whether `id` is a slug: lower-case letters, digits and single hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A pathway's steps as the rules see them: their ids, and each step in
/// turn. A long pathway can be checked from an outline of its steps (see
/// [`crate::store::read::outline`]) instead of holding them all.
pub trait StepsSeen {
    /// The steps' ids, in order.
    fn ids(&self) -> Box<dyn Iterator<Item = &str> + '_>;
    /// Each step in order, with its place. The rules read a step's id,
    /// kind, owner, `next` and its branches' `next`, and nothing else.
    fn each(&self, f: &mut dyn FnMut(usize, &Step));
}

impl StepsSeen for Vec<Step> {
    fn ids(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.iter().map(|x| x.id.as_str()))
    }

    fn each(&self, f: &mut dyn FnMut(usize, &Step)) {
        for (i, step) in self.iter().enumerate() {
            f(i, step);
        }
    }
}

/// Every rule the loader enforces once the document has the right shape.
pub fn validate(p: &Pathway) -> Vec<Problem> {
    validate_with(p, &p.steps)
}

/// [`validate`] of `p` with the steps `steps` in place of its own.
pub fn validate_with(p: &Pathway, steps: &dyn StepsSeen) -> Vec<Problem> {
    let mut problems = Vec::new();
    if p.carepath != FORMAT_VERSION {
        problems.push(Problem::new(
            path!["carepath"],
            format!(
                "this file is format version {}, but this carepath reads version {FORMAT_VERSION}",
                p.carepath
            ),
        ));
    }
    if !is_slug(&p.id) {
        problems.push(Problem::new(
            path!["id"],
            format!(
                "the pathway id \"{}\" must use only lower-case letters, digits and hyphens, like discharge-to-care-home",
                p.id
            ),
        ));
    }
    if let Some(base) = &p.based_on {
        problems.extend(based_on(base));
    }
    if p.title.trim().is_empty() {
        problems.push(Problem::new(path!["title"], "the pathway has no title"));
    }

    let participants = unique_ids(
        &mut problems,
        p.participants.iter().map(|x| x.id.as_str()),
        "participants",
    );
    let all_steps = steps;
    let steps = unique_ids(&mut problems, all_steps.ids(), "steps");

    let known_participant = |problems: &mut Vec<Problem>, path: FieldPath, id: &str, role: &str| {
        if !participants.contains(id) {
            problems.push(
                Problem::new(
                    path,
                    format!(
                        "{role} \"{id}\" is not one of this pathway's participants ({})",
                        list_or_none(p.participants.iter().map(|x| x.id.as_str()))
                    ),
                )
                .dangling(),
            );
        }
    };
    let known_step = |problems: &mut Vec<Problem>, path: FieldPath, id: &str| {
        if !steps.contains(id) {
            problems.push(
                Problem::new(
                    path,
                    format!("there is no step with the id \"{id}\" to go to next"),
                )
                .dangling(),
            );
        }
    };

    for (key, analysis) in &p.analyses {
        if !participants.contains(key.as_str()) {
            problems.push(Problem::new(
                path!["analyses", key],
                format!(
                    "there is an analysis for \"{key}\", who is not one of this pathway's participants ({})",
                    list_or_none(p.participants.iter().map(|x| x.id.as_str()))
                ),
            ).at_key().dangling());
        }
        for section in super::Section::ALL {
            let items = analysis.section(section);
            let mut seen = HashSet::new();
            for (i, point) in items.iter().enumerate() {
                if let Some(id) = &point.id
                    && !seen.insert(id.as_str())
                {
                    problems.push(Problem::new(
                        path!["analyses", key, section.as_str(), i, "id"],
                        format!(
                            "the id \"{id}\" is used twice in {} {}; each point needs its own id",
                            super::words::possessive(key),
                            section.as_str()
                        ),
                    ));
                }
                if point.text.trim().is_empty() {
                    problems.push(Problem::new(
                        path!["analyses", key, section.as_str(), i, "text"],
                        "this point has no text",
                    ));
                }
            }
        }
    }

    all_steps.each(&mut |i, step| {
        if let Some(owner) = &step.owner {
            known_participant(
                &mut problems,
                path!["steps", i, "owner"],
                owner,
                "the owner",
            );
        }
        for (j, next) in step.next.iter().enumerate() {
            known_step(&mut problems, path!["steps", i, "next", j], next);
        }
        for (j, branch) in step.branches.iter().enumerate() {
            known_step(
                &mut problems,
                path!["steps", i, "branches", j, "next"],
                &branch.next,
            );
        }
        if step.kind == StepKind::Decision && step.branches.is_empty() {
            problems.push(Problem::new(
                path!["steps", i, "kind"],
                format!(
                    "step \"{}\" is a decision but has no branches; add a `branches:` list with `when:` and `next:`",
                    step.id
                ),
            ));
        }
        if step.kind != StepKind::Decision && !step.branches.is_empty() {
            problems.push(Problem::new(
                path!["steps", i, "branches"],
                format!(
                    "step \"{}\" has branches but is not a decision; set `kind: decision`",
                    step.id
                ),
            ));
        }
    });

    for (i, change) in p.monday_morning.iter().enumerate() {
        known_participant(
            &mut problems,
            path!["monday_morning", i, "who"],
            &change.who,
            "\"who\"",
        );
    }
    for (i, sign) in p.sign_off.iter().enumerate() {
        known_participant(
            &mut problems,
            path!["sign_off", i, "participant"],
            &sign.participant,
            "the sign-off participant",
        );
    }
    super::validate_meeting::meeting(p, &participants, &steps, &mut problems);
    problems
}

/// A base is named by a path and taken at a version: the digest of the
/// base file's text, or a git commit.
fn based_on(base: &super::BasedOn) -> Vec<Problem> {
    let mut out = Vec::new();
    if base.path.trim().is_empty() {
        out.push(Problem::new(
            path!["based_on", "path"],
            "based_on needs the path of the base pathway, like ../regional/discharge.yaml",
        ));
    }
    if !is_base_version(&base.version) {
        out.push(Problem::new(
            path!["based_on", "version"],
            format!(
                "based_on version \"{}\" is neither a content digest (sha256: and 64 hex digits) nor a git commit; carepath localise and carepath rebase write it",
                base.version
            ),
        ));
    }
    out
}

/// A content digest (`sha256:` and 64 hex digits) or a git commit (7 to 40
/// hex digits).
pub fn is_base_version(v: &str) -> bool {
    let hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    match v.strip_prefix("sha256:") {
        Some(d) => d.len() == 64 && hex(d),
        None => (7..=40).contains(&v.len()) && hex(v),
    }
}

/// The problems that stop a pathway loading: all of them, except that a
/// draft may refer to participants or steps that do not exist yet.
pub fn blocking(p: &Pathway) -> Vec<Problem> {
    validate(p)
        .into_iter()
        .filter(|x| !(x.dangling && p.status == super::Status::Draft))
        .collect()
}

/// Reports ids used twice in one list and returns the set of ids seen.
pub(super) fn unique_ids<'a>(
    problems: &mut Vec<Problem>,
    ids: impl Iterator<Item = &'a str>,
    list: &str,
) -> HashSet<&'a str> {
    // What one item is called, as the model's schema says.
    let what = super::schema::list(list).map_or(list, |item| item.noun);
    // Room for every id at once: a set grown by doubling holds the old
    // room and the new while it grows, for a list of thousands of steps.
    let mut seen = HashSet::with_capacity(ids.size_hint().0);
    for (i, id) in ids.enumerate() {
        if !is_slug(id) {
            problems.push(Problem::new(
                path![list, i, "id"],
                format!(
                    "the {what} id \"{id}\" must use only lower-case letters, digits and hyphens"
                ),
            ));
        }
        if !seen.insert(id) {
            problems.push(Problem::new(
                path![list, i, "id"],
                format!("two {list} have the id \"{id}\"; each {what} needs its own id"),
            ));
        }
    }
    seen
}

pub(super) fn list_or_none<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    if ids.is_empty() {
        "there are none yet".to_string()
    } else {
        ids.join(", ")
    }
}
