//! What the meeting records, from the app: a decision on a disagreement,
//! a question raised, answered or closed, an action added or changed. Each
//! is opened as a [`Draft`] and recorded as one change through the edit
//! engine, saved like any other edit.

use super::app::App;
use super::editing::{make, new_id};
use super::screen::draft::{Draft, Field, Purpose};
use crate::compare::{Match, RowStatus};
use crate::model::{Action as ActionItem, ActionStatus, Answer, Decision, Pathway, Question};
use crate::store::persist::session::Change;

/// The point chosen in the comparison: how the file names it, who holds
/// it, and whether people see it differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// Each side's point, by id or exact text.
    pub points: Vec<String>,
    /// The participants whose point it is.
    pub holders: Vec<String>,
    pub label: String,
    pub disagreement: bool,
}

/// How a decision or a question names a point: its id, or its exact text.
pub fn name_of(id: Option<&String>, text: &str) -> String {
    id.cloned().unwrap_or_else(|| text.to_string())
}

/// The point under the comparison's selection.
pub fn chosen(app: &App) -> Option<Chosen> {
    let (p, state) = app.open_pathway()?;
    let cmp = state.compare.as_ref()?;
    let vocabulary = (&app.rejections, &app.synonyms);
    let mut out = if cmp.matrix {
        let m = super::compare::all(p, vocabulary);
        let row = m.rows.get(cmp.selected)?;
        let mut c = Chosen {
            points: Vec::new(),
            holders: Vec::new(),
            label: row.label.clone(),
            disagreement: row.sharpness > 0,
        };
        for (who, cell) in m.participants.iter().zip(&row.cells) {
            if let Some(cell) = cell {
                c.points.push(name_of(cell.id.as_ref(), &cell.text));
                c.holders.push(who.clone());
            }
        }
        c
    } else {
        let al = super::compare::alignment(p, cmp, vocabulary)?;
        let row = al.rows().nth(cmp.selected)?;
        let mut c = Chosen {
            points: Vec::new(),
            holders: Vec::new(),
            label: row
                .a
                .as_ref()
                .or(row.b.as_ref())
                .map_or(String::new(), |x| x.text.clone()),
            disagreement: row.is_disagreement()
                || row.status != RowStatus::Agree
                || row.matched == Some(Match::Suggested),
        };
        for (who, point) in [(&al.a, &row.a), (&al.b, &row.b)] {
            if let Some(x) = point {
                c.points.push(name_of(x.id.as_ref(), &x.text));
                c.holders.push(who.clone());
            }
        }
        c
    };
    out.points.dedup();
    Some(out)
}

/// The latest decision that settles any of `points`.
pub fn decision_for<'a>(p: &'a Pathway, points: &[String]) -> Option<&'a Decision> {
    p.decisions
        .iter()
        .rev()
        .find(|d| d.points.iter().any(|x| points.contains(x)))
}

/// The participants this session and the others in the pathway speak for,
/// as `people.yaml` says: who is in the room.
fn in_the_room(app: &App, p: &Pathway) -> Vec<String> {
    let mut users: Vec<&str> = super::presence::in_this_pathway(app)
        .iter()
        .map(|o| o.user.as_str())
        .collect();
    if let Some(me) = &app.team.me {
        users.push(&me.user);
    }
    users
        .into_iter()
        .filter_map(|u| app.team.people.get(u)?.participant.clone())
        .filter(|id| p.participants.iter().any(|x| &x.id == id))
        .collect()
}

/// Who this session is, as a record says who did something.
fn me(app: &App) -> String {
    app.team.me.as_ref().map_or_else(
        || crate::store::team::identity::current().user.clone(),
        |m| m.user.clone(),
    )
}

fn open(app: &mut App, draft: Draft) {
    if app.read_only {
        app.message = Some("The built-in examples are read-only: open a folder of your own (carepath FOLDER) to record the meeting.".into());
        return;
    }
    if app.pathway.is_some() {
        app.stack.close::<Draft>();
        app.stack.push_beneath(draft);
    }
}

/// `d` in the comparison: the decision form for the chosen point.
pub fn decide(app: &mut App) {
    let Some(c) = chosen(app) else {
        return;
    };
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    if !c.disagreement {
        app.message = Some("Everyone agrees on this point: there is nothing to decide.".into());
        return;
    }
    let room = in_the_room(app, p);
    let mut fields = vec![
        Field::text("Agreed", "agreed", ""),
        Field::text("Why", "why", ""),
        Field::text("Date", "date", &app.today.to_string()),
    ];
    for x in &p.participants {
        fields.push(Field::tick(
            &format!("{} ({})", x.name, x.id),
            &x.id,
            room.contains(&x.id),
        ));
    }
    let mut about = vec![c.label.clone()];
    if let Some(d) = decision_for(p, &c.points) {
        about.push(format!("Decided before, on {}: {}", d.date, d.agreed));
    }
    open(
        app,
        Draft {
            purpose: Purpose::Decision {
                points: c.points,
                holders: c.holders,
            },
            title: "Record a decision".into(),
            about,
            fields,
            selected: 0,
        },
    );
}

/// `Q`: a question on what is chosen: the point in the comparison, the
/// step on the steps tab, else the pathway.
pub fn ask(app: &mut App) {
    let point = chosen(app).and_then(|c| c.points.into_iter().next());
    let Some((p, s)) = app.open_pathway() else {
        return;
    };
    let step = (point.is_none() && s.compare.is_none() && s.tab == super::app::Tab::Steps)
        .then(|| p.steps.get(s.step).map(|x| x.id.clone()))
        .flatten();
    let about = match (&step, &point) {
        (Some(id), _) => format!(
            "On the step {}",
            p.step(id).map_or(id.as_str(), |x| &x.title)
        ),
        (_, Some(point)) => format!("On the point {point}"),
        _ => format!("On the pathway {}", p.title),
    };
    open(
        app,
        Draft {
            purpose: Purpose::Question { step, point },
            title: "Raise a question".into(),
            about: vec![about],
            fields: vec![Field::text("Question", "text", "")],
            selected: 0,
        },
    );
}

/// `r` in a thread: answer the question.
pub fn answer(app: &mut App, question: usize) {
    let Some(q) = app
        .open_pathway()
        .and_then(|(p, _)| p.questions.get(question))
    else {
        return;
    };
    let draft = Draft {
        purpose: Purpose::Answer(q.id.clone()),
        title: "Answer the question".into(),
        about: vec![q.text.clone()],
        fields: vec![Field::text("Answer", "text", "")],
        selected: 0,
    };
    if q.closed.is_some() {
        app.message = Some("This question is closed.".into());
        return;
    }
    open(app, draft);
}

/// Whether this session may close `q`: its asker, or the pathway's lead
/// (someone `people.yaml` gives a role with "lead" in it).
pub fn may_close(app: &App, q: &Question) -> bool {
    let user = me(app);
    // Only a people.yaml that may say who speaks for whom names a lead.
    let person = app
        .team
        .people
        .get(&user)
        .filter(|_| app.team.people.trusted().is_ok());
    q.by == user
        || person.is_some_and(|x| {
            x.participant.as_deref() == Some(q.by.as_str())
                || x.role
                    .as_deref()
                    .is_some_and(|r| r.to_lowercase().contains("lead"))
        })
}

/// `c` in a thread: close the question, when this session may.
pub fn close(app: &mut App, question: usize) {
    let Some(q) = app
        .open_pathway()
        .and_then(|(p, _)| p.questions.get(question))
        .cloned()
    else {
        return;
    };
    if q.closed.is_some() {
        app.message = Some("This question is closed already.".into());
        return;
    }
    if !may_close(app, &q) {
        app.message = Some(format!(
            "Only its asker ({}) or the pathway's lead may close this question.",
            crate::text::clean(&q.by)
        ));
        return;
    }
    let closed = crate::model::Closed {
        by: me(app),
        date: app.today,
    };
    make(
        app,
        Change::InsertKey {
            map_path: format!("questions.{}", q.id),
            key: "closed".into(),
            yaml: serde_yaml::to_string(&closed).unwrap_or_default(),
        },
        "Question closed.",
    );
}

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

/// The fields of an action that the form changed, each set in place, so
/// the rest of the item (and its comments) stays as it is.
fn action_changes(
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
