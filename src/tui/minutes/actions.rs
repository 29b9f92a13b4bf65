//! Actions: the form that adds one (who does what by when) or changes
//! one, and the changes it makes to an action already in the file.

use super::{in_the_room, open};
use crate::model::{Action as ActionItem, ActionStatus, Pathway};
use crate::store::persist::session::Change;
use crate::tui::app::App;
use crate::tui::screen::draft::{Draft, Field, Purpose};

fn participant_choices(p: &Pathway) -> Vec<(String, String)> {
    p.participants
        .iter()
        .map(|x| (x.id.clone(), x.name.clone()))
        .collect()
}

/// `a` on the agenda, or Enter on an action: the action's form.
pub fn action_form(app: &mut App, index: Option<usize>) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    let existing = index.and_then(|i| p.actions.get(i));
    let owner_default = existing
        .map(|a| a.owner.clone())
        .or_else(|| in_the_room(app, p).into_iter().next())
        .unwrap_or_default();
    let mut people: Vec<(String, String)> = vec![(String::new(), "nobody named".into())];
    people.extend(
        app.team
            .people
            .iter()
            .map(|(user, x)| (user.clone(), x.name.clone())),
    );
    let mut serves = vec![(String::new(), "nothing named".into())];
    serves.extend(
        p.decisions
            .iter()
            .map(|d| (d.id.clone(), format!("decision: {}", d.agreed))),
    );
    serves.extend(p.monday_morning.iter().filter_map(|m| {
        m.id.as_ref()
            .map(|id| (id.clone(), format!("Monday: {}", m.change)))
    }));
    let statuses = ActionStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.as_str().to_string()))
        .collect();
    let due = existing.map_or((app.today + chrono::Days::new(14)).to_string(), |a| {
        a.due.to_string()
    });
    let fields = vec![
        Field::text("What", "what", existing.map_or("", |a| a.what.as_str())),
        Field::choice("Owner", "owner", participant_choices(p), &owner_default),
        Field::choice(
            "Person",
            "person",
            people,
            existing.and_then(|a| a.person.as_deref()).unwrap_or(""),
        ),
        Field::text("Due", "due", &due),
        Field::choice(
            "Status",
            "status",
            statuses,
            existing.map_or("open", |a| a.status.as_str()),
        ),
        Field::choice(
            "Serves",
            "serves",
            serves,
            existing.and_then(|a| a.serves.as_deref()).unwrap_or(""),
        ),
    ];
    let draft = Draft {
        purpose: Purpose::Action(existing.map(|a| a.id.clone())),
        title: if existing.is_some() {
            "Change an action".into()
        } else {
            "Add an action".into()
        },
        about: Vec::new(),
        fields,
        selected: 0,
    };
    if p.participants.is_empty() {
        app.message =
            Some("An action needs an owner: this pathway has no participants yet.".into());
        return;
    }
    open(app, draft);
}

/// The fields of an action that the form changed, each set in place, so
/// the rest of the item (and its comments) stays as it is.
pub(super) fn action_changes(
    old: &ActionItem,
    d: &Draft,
    due: chrono::NaiveDate,
    status: ActionStatus,
) -> Option<Change> {
    let at = |field: &str| format!("actions.{}.{field}", old.id);
    let mut changes = Vec::new();
    let mut set = |field: &str, was: &str, now: &str| {
        if was != now {
            changes.push(if now.is_empty() {
                Change::RemoveKey {
                    map_path: format!("actions.{}", old.id),
                    key: field.to_string(),
                }
            } else {
                Change::Set {
                    path: at(field),
                    value: now.to_string(),
                }
            });
        }
    };
    set("what", &old.what, &d.get("what"));
    set("owner", &old.owner, &d.get("owner"));
    set(
        "person",
        old.person.as_deref().unwrap_or(""),
        &d.get("person"),
    );
    set("due", &old.due.to_string(), &due.to_string());
    set("status", old.status.as_str(), status.as_str());
    set(
        "serves",
        old.serves.as_deref().unwrap_or(""),
        &d.get("serves"),
    );
    match changes.len() {
        0 => None,
        1 => changes.pop(),
        _ => Some(Change::Batch(changes)),
    }
}
