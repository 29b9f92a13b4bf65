//! Recording a finished draft: a decision, question, answer or action
//! made into one change to the file, or a word on what is missing.

use super::actions::action_changes;
use super::me;
use crate::model::{Action as ActionItem, ActionStatus, Answer, Decision, Question};
use crate::store::persist::session::Change;
use crate::tui::app::App;
use crate::tui::editing::{make, new_id};
use crate::tui::screen::draft::{Draft, Purpose};

fn date(app: &mut App, text: &str, what: &str) -> Option<chrono::NaiveDate> {
    match text.parse() {
        Ok(d) => Some(d),
        Err(_) => {
            app.message = Some(format!(
                "{what} must be a date like {}; nothing recorded yet.",
                app.today
            ));
            None
        }
    }
}

fn some(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Enter in a draft: record it as one change, or say what is missing.
/// True when the draft is done with (recorded, or nothing to record).
pub fn record(app: &mut App, d: &Draft) -> bool {
    let Some((p, _)) = app.open_pathway() else {
        return false;
    };
    let p = p.clone();
    let required = match &d.purpose {
        Purpose::Decision { .. } => "agreed",
        Purpose::Action(_) => "what",
        _ => "text",
    };
    if d.get(required).is_empty() {
        app.message = Some("Write it first: the first field is empty.".into());
        return false;
    }
    let change = match &d.purpose {
        Purpose::Decision { points, .. } => {
            let Some(day) = date(app, &d.get("date"), "The date") else {
                return false;
            };
            let taken: Vec<&str> = p.decisions.iter().map(|x| x.id.as_str()).collect();
            let ticked = d.ticked();
            let decision = Decision {
                id: new_id(&d.get("agreed"), &taken),
                date: day,
                agreed: d.get("agreed"),
                why: some(d.get("why")),
                present: p
                    .participants
                    .iter()
                    .filter(|x| ticked.contains(&x.id))
                    .map(|x| x.id.clone())
                    .collect(),
                points: points.clone(),
                participants: Vec::new(),
            };
            insert("decisions", p.decisions.len(), &decision)
        }
        Purpose::Question { step, point } => {
            let taken: Vec<&str> = p.questions.iter().map(|x| x.id.as_str()).collect();
            let q = Question {
                id: new_id(&d.get("text"), &taken),
                by: me(app),
                date: app.today,
                text: d.get("text"),
                step: step.clone(),
                point: point.clone(),
                answers: Vec::new(),
                closed: None,
            };
            insert("questions", p.questions.len(), &q)
        }
        Purpose::Answer(id) => {
            let Some(q) = p.questions.iter().find(|q| &q.id == id) else {
                return false;
            };
            let a = Answer {
                by: me(app),
                date: app.today,
                text: d.get("text"),
            };
            insert(&format!("questions.{id}.answers"), q.answers.len(), &a)
        }
        Purpose::Action(id) => {
            let Some(due) = date(app, &d.get("due"), "Due") else {
                return false;
            };
            let status = ActionStatus::ALL
                .into_iter()
                .find(|s| s.as_str() == d.get("status"))
                .unwrap_or_default();
            match id
                .as_ref()
                .and_then(|id| p.actions.iter().find(|a| &a.id == id))
            {
                Some(old) => action_changes(old, d, due, status),
                None => {
                    let taken: Vec<&str> = p.actions.iter().map(|x| x.id.as_str()).collect();
                    let a = ActionItem {
                        id: new_id(&d.get("what"), &taken),
                        what: d.get("what"),
                        owner: d.get("owner"),
                        person: some(d.get("person")),
                        due,
                        status,
                        serves: some(d.get("serves")),
                    };
                    insert("actions", p.actions.len(), &a)
                }
            }
        }
    };
    let said = match &d.purpose {
        Purpose::Decision { .. } => "Decision recorded.",
        Purpose::Question { .. } => "Question raised.",
        Purpose::Answer(_) => "Answer recorded.",
        Purpose::Action(_) => "Action recorded.",
    };
    let Some(change) = change else {
        app.message = Some("Nothing to record: nothing was changed.".into());
        return true;
    };
    make(app, change, said)
}

fn insert<T: serde::Serialize>(list: &str, index: usize, item: &T) -> Option<Change> {
    Some(Change::Insert {
        path: list.to_string(),
        index,
        yaml: serde_yaml::to_string(item).ok()?,
    })
}
