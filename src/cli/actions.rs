//! `carepath actions`: who does what by when, across the library, for the
//! meeting and for scripts. Files are read on every core, as `check`
//! reads them; what they say is sanitised before it is printed.

use chrono::NaiveDate;
use serde::Serialize;

use super::output::{colour_stdout, json, paint, say, say_err};
use super::{Format, exit};
use crate::model::{Action, ActionStatus, Pathway};
use crate::store::source::{Source, load_all};

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

fn rows(file: &str, p: &Pathway, filter: &Filter, today: NaiveDate) -> Vec<Row> {
    p.actions
        .iter()
        .filter(|a| wanted(a, filter))
        .map(|a| Row {
            pathway: p.id.clone(),
            file: file.to_string(),
            id: a.id.clone(),
            what: a.what.clone(),
            owner: a.owner.clone(),
            owner_name: p.participant_name(&a.owner).to_string(),
            person: a.person.clone(),
            due: a.due,
            status: a.status,
            overdue: a.is_overdue(today),
            serves: a.serves.clone(),
        })
        .collect()
}

pub fn run(source: &Source, filter: &Filter, format: Format, today: NaiveDate) -> i32 {
    let entries = match load_all(source) {
        Ok(e) => e,
        Err(e) => {
            say_err(&format!("carepath actions: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    let mut actions = Vec::new();
    let mut unreadable = Vec::new();
    for e in &entries {
        match e.pathway() {
            Some(p) => actions.extend(rows(&e.file, p, filter, today)),
            None => unreadable.push(e.file.clone()),
        }
    }
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
