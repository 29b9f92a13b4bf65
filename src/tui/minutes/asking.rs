//! Questions: raising one on what is chosen, answering it in its thread,
//! and closing it, which only its asker or the pathway's lead may do.

use super::{chosen, me, open};
use crate::model::Question;
use crate::store::persist::session::Change;
use crate::tui::app::App;
use crate::tui::editing::make;
use crate::tui::screen::draft::{Draft, Field, Purpose};

/// `Q`: a question on what is chosen: the point in the comparison, the
/// step on the steps tab, else the pathway.
pub fn ask(app: &mut App) {
    let point = chosen(app).and_then(|c| c.points.into_iter().next());
    let Some((p, s)) = app.open_pathway() else {
        return;
    };
    let step = (point.is_none() && s.compare.is_none() && s.tab == crate::tui::app::Tab::Steps)
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
