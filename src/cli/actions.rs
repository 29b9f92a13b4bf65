//! `carepath actions`: who does what by when, across the library, for the
//! meeting and for scripts. Files are read on every core, as `check`
//! reads them; a file without an `actions:` key is passed over, and of
//! one with, only its id, participants and actions are parsed where that
//! can be done surely. What they say is sanitised before it is printed.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::output::{colour_stdout, json, paint, say, say_err};
use super::{Format, exit};
use crate::model::{Action, ActionStatus, Participant, Pathway};
use crate::store::library::source::{Source, load_all};

/// Which actions to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only those due before this day.
    pub due_before: Option<NaiveDate>,
    /// Only those owned by this participant (or done by this person).
    pub who: Option<String>,
    /// Done and dropped actions too.
    pub all: bool,
}

#[derive(Debug, Serialize)]
struct Row {
    pathway: String,
    file: String,
    id: String,
    what: String,
    owner: String,
    /// The owner's name in the pathway.
    owner_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<String>,
    due: NaiveDate,
    status: ActionStatus,
    overdue: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    serves: Option<String>,
}

#[derive(Debug, Serialize)]
struct Report {
    today: NaiveDate,
    actions: Vec<Row>,
    overdue: usize,
    /// Files that could not be read: `carepath check` says why.
    unreadable: Vec<String>,
}

fn wanted(a: &Action, filter: &Filter) -> bool {
    (filter.all || a.is_open())
        && filter.due_before.is_none_or(|d| a.due < d)
        && filter
            .who
            .as_deref()
            .is_none_or(|w| a.owner == w || a.person.as_deref() == Some(w))
}

fn rows(file: &str, p: &Actions, filter: &Filter, today: NaiveDate) -> Vec<Row> {
    let name = |id: &str| {
        p.participants
            .iter()
            .find(|x| x.id == id)
            .map_or(id, |x| x.name.as_str())
            .to_string()
    };
    p.actions
        .iter()
        .filter(|a| wanted(a, filter))
        .map(|a| Row {
            pathway: p.id.clone(),
            file: file.to_string(),
            id: a.id.clone(),
            what: a.what.clone(),
            owner: a.owner.clone(),
            owner_name: name(&a.owner),
            person: a.person.clone(),
            due: a.due,
            status: a.status,
            overdue: a.is_overdue(today),
            serves: a.serves.clone(),
        })
        .collect()
}

/// Whether a pathway file's text may hold actions: a top-level
/// `actions:` key (a whole document in flow style, `{...}`, may too).
/// Files that cannot are not parsed at all, which is most of a library.
fn may_hold_actions(text: &[u8]) -> bool {
    let text = String::from_utf8_lossy(text);
    text.trim_start().starts_with('{')
        || text.lines().any(|l| {
            ["actions", "\"actions\"", "'actions'"].iter().any(|k| {
                l.strip_prefix(k)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
        })
}

/// What this command needs of a pathway: its id, its participants (for
/// the owners' names) and its actions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Actions {
    carepath: u32,
    id: String,
    #[serde(default)]
    participants: Vec<Participant>,
    #[serde(default)]
    actions: Vec<Action>,
}

impl Actions {
    fn of(p: &Pathway) -> Actions {
        Actions {
            carepath: p.carepath,
            id: p.id.clone(),
            participants: p.participants.clone(),
            actions: p.actions.clone(),
        }
    }
}

/// The top-level entries this command reads.
const READ: [&str; 4] = ["carepath", "id", "participants", "actions"];

/// The actions of a pathway file's text read from the entries they need
/// alone (as the library list reads its summary: most of a file is its
/// steps and analyses, which are not parsed here), or `None` when the
/// file should be read whole: a line at the start of a line that is not a
/// plain key, a key repeated or unknown, a value that does not read, an
/// id that is not the file's name, an owner or an action id that does not
/// hold. A mistake elsewhere in the file is `carepath check`'s to report.
fn scan(stem: &str, text: &str) -> Option<Actions> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let out = crate::store::library::summary_scan::top_level_part(text, &READ)?;
    let read: Actions = serde_yaml::from_str(&out).ok()?;
    let owners: HashSet<&str> = read.participants.iter().map(|x| x.id.as_str()).collect();
    let mut ids = HashSet::new();
    let sound = read.carepath == crate::model::FORMAT_VERSION
        && read.id == stem
        && owners.len() == read.participants.len()
        && read
            .actions
            .iter()
            .all(|a| owners.contains(a.owner.as_str()) && ids.insert(a.id.as_str()));
    sound.then_some(read)
}

/// Each file of the library that holds actions: its name and its actions,
/// or `None` when it could not be read.
fn pathways(source: &Source) -> Result<Vec<(String, Option<Actions>)>, String> {
    let Source::Folder(dir) = source else {
        let entries = load_all(source)?;
        return Ok(entries
            .into_iter()
            .map(|e| (e.file.clone(), e.pathway().map(Actions::of)))
            .collect());
    };
    let files = crate::store::library::scan_folder(dir)
        .map_err(|e| format!("{}: cannot read this folder: {e}", dir.display()))?;
    Ok(files
        .par_iter()
        .filter_map(|f| {
            let name = file_name(f);
            let Ok(bytes) = crate::store::read::load::read_capped(f) else {
                return Some((name, None));
            };
            if !may_hold_actions(&bytes) {
                return None;
            }
            let shown = f.display().to_string();
            let text = crate::store::read::input::check(&shown, &bytes).ok();
            let stem = name.strip_suffix(".yaml").unwrap_or(&name);
            if let Some(read) = text.and_then(|t| scan(stem, t)) {
                return Some((name, Some(read)));
            }
            let whole = crate::store::read::load::load_bytes(&shown, &bytes).ok();
            Some((name, whole.as_ref().map(Actions::of)))
        })
        .collect())
}

fn file_name(f: &Path) -> String {
    f.file_name().map_or_else(
        || f.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub fn run(source: &Source, filter: &Filter, format: Format, today: NaiveDate) -> i32 {
    let files = match pathways(source) {
        Ok(e) => e,
        Err(e) => {
            say_err(&format!("carepath actions: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    let mut actions = Vec::new();
    let mut unreadable = Vec::new();
    for (file, p) in &files {
        match p {
            Some(p) => actions.extend(rows(file, p, filter, today)),
            None => unreadable.push(file.clone()),
        }
    }
    unreadable.sort();
    // Soonest first; overdue ones are the soonest.
    actions.sort_by(|a, b| (a.due, &a.pathway, &a.id).cmp(&(b.due, &b.pathway, &b.id)));
    let report = Report {
        today,
        overdue: actions.iter().filter(|a| a.overdue).count(),
        actions,
        unreadable,
    };
    match format {
        Format::Json => println!("{}", json(&report)),
        Format::Text => print_text(&report),
    }
    exit::OK
}

fn print_text(r: &Report) {
    let colour = colour_stdout();
    for a in &r.actions {
        let when = if a.overdue {
            paint(colour, "1;31", "OVERDUE")
        } else {
            a.status.as_str().to_string()
        };
        let who = match &a.person {
            Some(person) => format!("{} ({person})", a.owner_name),
            None => a.owner_name.clone(),
        };
        say(&format!(
            "{}  {when:<7}  {}  {who}: {}",
            a.due, a.pathway, a.what
        ));
    }
    for f in &r.unreadable {
        say_err(&format!(
            "carepath actions: {f} could not be read; `carepath check` says why"
        ));
    }
    let noun = if r.actions.len() == 1 {
        "action"
    } else {
        "actions"
    };
    println!("{} {noun}, {} overdue", r.actions.len(), r.overdue);
}

#[cfg(test)]
mod tests {
    use super::{may_hold_actions, scan};

    #[test]
    fn the_examples_actions_read_alone_as_they_read_whole() {
        for f in crate::store::library::scan_folder(std::path::Path::new("pathways")).unwrap() {
            let text = std::fs::read_to_string(&f).unwrap();
            if !may_hold_actions(text.as_bytes()) {
                continue;
            }
            let stem = f.file_stem().unwrap().to_str().unwrap();
            let whole =
                crate::store::read::load::load_str(&f.display().to_string(), &text).unwrap();
            let alone = scan(stem, &text).expect("an example reads by its entries alone");
            assert_eq!(alone.id, whole.id);
            assert_eq!(alone.participants, whole.participants);
            assert_eq!(alone.actions, whole.actions);
            assert!(!alone.actions.is_empty());
        }
    }

    #[test]
    fn anything_unsure_is_read_whole() {
        let good = "carepath: 1\nid: p\ntitle: P\nparticipants:\n- id: gp\n  name: GP\n  kind: gp\nsteps: []\nactions:\n- id: a\n  what: Ring\n  owner: gp\n  due: 2026-01-01\n";
        assert_eq!(scan("p", good).unwrap().actions.len(), 1);
        // A first document marker reads as the list reads it.
        assert_eq!(scan("p", &format!("---\n{good}")).unwrap().actions.len(), 1);
        // Another name, an owner nobody is, an id twice, a second key, a
        // second document, flow style, a key with a typo, a bad date.
        assert!(scan("q", good).is_none());
        assert!(scan("p", &good.replace("owner: gp", "owner: nobody")).is_none());
        assert!(
            scan(
                "p",
                &format!("{good}- id: a\n  what: Again\n  owner: gp\n  due: 2026-01-02\n")
            )
            .is_none()
        );
        assert!(scan("p", &format!("{good}id: p\n")).is_none());
        assert!(scan("p", &format!("{good}---\n{good}")).is_none());
        assert!(scan("p", "{carepath: 1, id: p, actions: []}").is_none());
        assert!(scan("p", &good.replace("steps:", "stpes:")).is_none());
        assert!(scan("p", &good.replace("2026-01-01", "2026-13-01")).is_none());
        assert!(scan("p", &good.replace("  what:", "  wht:")).is_none());
    }

    #[test]
    fn only_files_without_an_actions_key_are_passed_over() {
        assert!(may_hold_actions(b"carepath: 1\nactions:\n  - id: a\n"));
        assert!(may_hold_actions(b"carepath: 1\n\"actions\" : []\n"));
        assert!(may_hold_actions(b"{carepath: 1, actions: []}"));
        assert!(!may_hold_actions(b"carepath: 1\nsteps:\n  - id: actions\n"));
        assert!(!may_hold_actions(b"carepath: 1\ntitle: actions: none\n"));
    }
}
