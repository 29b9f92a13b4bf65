//! Every participant's own analysis ("Everybody counts"): who has not
//! written one yet, starting one for any participant, and removing one
//! after a question. New analyses go through the edit engine like every
//! other change, so `u` takes them back.

use super::app::{App, FormSource, Input, Typing};
use super::editing::make;
use super::screen::question::{Answer, Question};
use crate::model::words::possessive;
use crate::model::{Participant, Pathway, Point, Section};
use crate::store::persist::session::Change;

/// The participants who have not written an analysis yet (or whose
/// analysis holds nothing), in the order the pathway lists them.
pub fn missing(p: &Pathway) -> Vec<&Participant> {
    p.participants
        .iter()
        .filter(|x| p.analyses.get(&x.id).is_none_or(|a| a.is_empty()))
        .collect()
}

/// Names joined as a sentence says them: "A", "A and B", "A, B and C".
pub fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The line the overview and the comparison show while someone's voice is
/// missing, naming them and the key that starts their analysis.
pub fn everybody_counts(p: &Pathway) -> Option<String> {
    let missing = missing(p);
    let names: Vec<&str> = missing.iter().map(|x| x.name.as_str()).collect();
    let verb = if names.len() == 1 { "has" } else { "have" };
    (!names.is_empty()).then(|| {
        format!(
            "Everybody counts: {} {verb} no analysis yet. A starts one.",
            and_list(&names)
        )
    })
}

/// `A`: start an analysis for a participant who has none; with several,
/// ask whose.
pub fn start_key(app: &mut App) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    let missing: Vec<(String, String)> = missing(p)
        .iter()
        .map(|x| (x.id.clone(), x.name.clone()))
        .collect();
    match missing.as_slice() {
        [] if p.participants.is_empty() => {
            app.message = Some(
                "Nobody takes part yet: i on the overview adds participants, then A starts their analysis."
                    .into(),
            );
        }
        [] => {
            app.message = Some(
                "Every participant has an analysis: i in the analyses section (3) edits them, X removes one."
                    .into(),
            );
        }
        [(who, _)] => {
            let who = who.clone();
            start(app, &who, None, true);
        }
        _ => {
            let mut answers: Vec<(String, Answer)> = missing
                .iter()
                .map(|(who, name)| {
                    (
                        crate::text::clean(name).into_owned(),
                        Answer::StartAnalysis {
                            who: who.clone(),
                            first: None,
                            then_type: true,
                        },
                    )
                })
                .collect();
            answers.push(("Cancel".into(), Answer::Nothing));
            app.stack.push(Question {
                title: "Start whose analysis?".into(),
                text: "These participants have not written an analysis yet. Whose do you start?"
                    .into(),
                answers,
                selected: 0,
            });
        }
    }
}

/// Whether the field at `path` still holds the prompt a new analysis
/// starts with: the user has written nothing there.
pub fn is_prompt(p: &Pathway, path: &str) -> bool {
    let Some(rest) = path.strip_prefix("analyses.") else {
        return false;
    };
    let Some((who, "causes.0.text")) = rest.split_once('.') else {
        return false;
    };
    p.analyses
        .get(who)
        .and_then(|a| a.causes.first())
        .is_some_and(|c| c.text == prompt(p.participant_name(who)).text)
}

/// A first cause that says what to write, as the new-pathway template does.
fn prompt(name: &str) -> Point {
    Point {
        id: None,
        text: format!("What does {name} see as a cause of the problem?"),
        weight: None,
        evidence: None,
    }
}

/// Starts `who`'s analysis with `first` (or a prompt for their first
/// cause), and with `then_type` opens the form on it to type it.
pub fn start(app: &mut App, who: &str, first: Option<(Section, Point)>, then_type: bool) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    let name = p.participant_name(who).to_string();
    let typed_first = first.is_none();
    let (section, point) = first.unwrap_or_else(|| (Section::Causes, prompt(&name)));
    let value = serde_json::json!({ section.as_str(): [point] });
    let yaml = serde_yaml::to_string(&value).unwrap_or_default();
    let insert = Change::InsertKey {
        map_path: "analyses".into(),
        key: who.to_string(),
        yaml,
    };
    // An analysis written as empty (`who: {}`) is replaced.
    let change = if p.analyses.contains_key(who) {
        Change::Batch(vec![
            Change::RemoveKey {
                map_path: "analyses".into(),
                key: who.to_string(),
            },
            insert,
        ])
    } else {
        insert
    };
    let said = if typed_first {
        format!(
            "Started {} analysis: type their first cause.",
            possessive(&name)
        )
    } else {
        format!("Started {} analysis with this point.", possessive(&name))
    };
    if !make(app, change, &said) {
        return;
    }
    if then_type && typed_first {
        type_first_cause(app, who);
    }
}

/// Opens the analyses form on `who`'s first cause, typing its text.
fn type_first_cause(app: &mut App, who: &str) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    let Some(mut form) = super::forms::build(p, FormSource::Analyses) else {
        return;
    };
    let path = format!("analyses.{who}.causes.0.text");
    let Some(at) = form.fields.iter().position(|f| f.path == path) else {
        return;
    };
    let was = super::editing::value_of(p, &path);
    form.selected = at;
    form.input = Some(Input::default());
    if let Some(s) = app.pathway.as_mut() {
        s.typing = Some(Typing {
            path,
            was,
            removed: None,
        });
    }
    super::screen::form::open(app, form);
}

/// `X`: remove a participant's analysis, asking whose when several have one.
pub fn remove_key(app: &mut App) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    // In the order the pathway lists its participants, then any analysis
    // of nobody listed.
    let mut keys: Vec<&String> = p
        .participants
        .iter()
        .map(|x| &x.id)
        .filter(|id| p.analyses.contains_key(*id))
        .collect();
    keys.extend(p.analyses.keys().filter(|k| p.participant(k).is_none()));
    let with: Vec<(String, String)> = keys
        .into_iter()
        .map(|who| (who.clone(), p.participant_name(who).to_string()))
        .collect();
    match with.as_slice() {
        [] => {
            app.message =
                Some("Nobody has written an analysis yet: A starts one for a participant.".into())
        }
        [(who, _)] => {
            let who = who.clone();
            ask_remove(app, &who);
        }
        _ => {
            let mut answers: Vec<(String, Answer)> = with
                .iter()
                .map(|(who, name)| {
                    (
                        crate::text::clean(name).into_owned(),
                        Answer::AskRemoveAnalysis(who.clone()),
                    )
                })
                .collect();
            answers.push(("Cancel".into(), Answer::Nothing));
            app.stack.push(Question {
                title: "Remove whose analysis?".into(),
                text: "Whose analysis do you remove? You are asked again before anything goes."
                    .into(),
                answers,
                selected: 0,
            });
        }
    }
}

/// Asks whether to remove `who`'s analysis, saying what it holds.
pub fn ask_remove(app: &mut App, who: &str) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    let name = p.participant_name(who).to_string();
    let holds = p.analyses.get(who).map_or(String::new(), |a| {
        let parts: Vec<String> = Section::ALL
            .iter()
            .filter(|s| !a.section(**s).is_empty())
            .map(|s| {
                let n = a.section(*s).len();
                let noun = s.as_str().trim_end_matches('s');
                format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
            })
            .collect();
        if parts.is_empty() {
            " (it is empty)".into()
        } else {
            format!(
                " ({})",
                and_list(&parts.iter().map(String::as_str).collect::<Vec<_>>())
            )
        }
    });
    app.stack.push(Question::yes_no(
        "Remove an analysis",
        format!(
            "Remove {} analysis{holds}? u takes it back until you save.",
            possessive(&crate::text::clean(&name))
        ),
        "yes, remove it",
        Answer::RemoveAnalysis(who.to_string()),
    ));
}

pub fn remove(app: &mut App, who: &str) {
    let name = app.open_pathway().map_or(who.to_string(), |(p, _)| {
        p.participant_name(who).to_string()
    });
    make(
        app,
        Change::RemoveKey {
            map_path: "analyses".into(),
            key: who.to_string(),
        },
        &format!("Removed {} analysis.", possessive(&name)),
    );
}

/// After a participant is added from the form: ask whether to start their
/// analysis now, so nobody's voice is forgotten.
pub fn participant_added(app: &mut App, id: &str) {
    let Some(added) = app
        .open_pathway()
        .and_then(|(p, _)| p.participants.iter().find(|x| x.id == id).cloned())
    else {
        return;
    };
    app.stack.push(Question::yes_no(
        "A new participant",
        "Start an analysis for the new participant now? Their view of the problem counts as much as anyone's. (Later: A in the analyses section.)".into(),
        "yes, start their analysis",
        Answer::StartAnalysis {
            who: added.id,
            first: None,
            then_type: true,
        },
    ));
}
