//! A small form for what the meeting records: a decision, a question, an
//! answer, an action. Its fields are typed in place, chosen from a list
//! or ticked; Enter records it through the edit engine (so the file keeps
//! its comments and layout), Esc drops it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Input};
use super::editing::edit_line;
use super::keys::Action;

/// What a draft becomes when it is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A decision on the points given, which these participants hold.
    Decision {
        points: Vec<String>,
        holders: Vec<String>,
    },
    /// A question on a step, a point, or (neither) the pathway.
    Question {
        step: Option<String>,
        point: Option<String>,
    },
    /// An answer to the question with this id.
    Answer(String),
    /// A new action, or (with its id) a change to one.
    Action(Option<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Text(Input),
    /// One of these (value written, label shown), the chosen one.
    Choice(Vec<(String, String)>, usize),
    Tick(bool),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    /// What the field is for: a field name, or a participant's id.
    pub key: String,
    pub kind: Kind,
}

impl Field {
    pub fn text(label: &str, key: &str, value: &str) -> Field {
        Field {
            label: label.into(),
            key: key.into(),
            kind: Kind::Text(Input {
                text: value.into(),
                cursor: value.chars().count(),
            }),
        }
    }

    pub fn choice(label: &str, key: &str, options: Vec<(String, String)>, value: &str) -> Field {
        let at = options.iter().position(|(v, _)| v == value).unwrap_or(0);
        Field {
            label: label.into(),
            key: key.into(),
            kind: Kind::Choice(options, at),
        }
    }

    pub fn tick(label: &str, key: &str, on: bool) -> Field {
        Field {
            label: label.into(),
            key: key.into(),
            kind: Kind::Tick(on),
        }
    }

    /// The value as written: the text, the chosen value, or "yes"/"".
    pub fn value(&self) -> String {
        match &self.kind {
            Kind::Text(i) => i.text.trim().to_string(),
            Kind::Choice(options, at) => options.get(*at).map_or(String::new(), |o| o.0.clone()),
            Kind::Tick(on) => if *on { "yes" } else { "" }.into(),
        }
    }
}

/// A record being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub purpose: Purpose,
    pub title: String,
    /// What it is about, in a line or two (a point, a question).
    pub about: Vec<String>,
    pub fields: Vec<Field>,
    pub selected: usize,
}

impl Draft {
    /// The value of the field `key`.
    pub fn get(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map_or(String::new(), Field::value)
    }

    /// The keys of the ticked fields.
    pub fn ticked(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter(|f| matches!(f.kind, Kind::Tick(true)))
            .map(|f| f.key.clone())
            .collect()
    }
}

fn draft(app: &mut App) -> Option<&mut Draft> {
    app.pathway.as_mut().and_then(|s| s.draft.as_mut())
}

/// The keys of the draft's table (`keys::Context::Draft`).
pub fn act(app: &mut App, action: Action) {
    match action {
        Action::Back => {
            if let Some(s) = app.pathway.as_mut() {
                s.draft = None;
            }
            app.message = Some("Nothing recorded.".into());
        }
        Action::Open => super::minutes::record(app),
        Action::Up | Action::PrevTab => {
            if let Some(d) = draft(app) {
                d.selected = d.selected.saturating_sub(1);
            }
        }
        Action::Down | Action::NextTab => {
            if let Some(d) = draft(app) {
                d.selected = (d.selected + 1).min(d.fields.len().saturating_sub(1));
            }
        }
        Action::Left | Action::Right => {
            let Some(d) = draft(app) else { return };
            let Some(f) = d.fields.get_mut(d.selected) else {
                return;
            };
            match &mut f.kind {
                Kind::Choice(options, at) => {
                    let n = options.len().max(1);
                    *at = if action == Action::Right {
                        (*at + 1) % n
                    } else {
                        (*at + n - 1) % n
                    };
                }
                Kind::Text(input) => {
                    let code = if action == Action::Right {
                        KeyCode::Right
                    } else {
                        KeyCode::Left
                    };
                    edit_line(input, KeyEvent::new(code, KeyModifiers::NONE));
                }
                Kind::Tick(on) => *on = !*on,
            }
        }
        _ => {}
    }
}

/// A key that is not a command: typed into a text field; a space ticks a
/// tick box.
pub fn type_key(app: &mut App, key: KeyEvent) {
    let Some(d) = draft(app) else { return };
    let Some(f) = d.fields.get_mut(d.selected) else {
        return;
    };
    match &mut f.kind {
        Kind::Text(input) => edit_line(input, key),
        Kind::Tick(on) if key.code == KeyCode::Char(' ') => *on = !*on,
        Kind::Choice(..) | Kind::Tick(_) => {}
    }
}
