//! A question put to the user before something is done for them: a few
//! answers, one highlighted; `y` and `n` answer a yes-or-no question at
//! once, Enter takes the highlighted answer, Esc answers nothing.

use super::app::App;
use super::keys::Action;
use super::update::move_in;
use crate::model::{Point, Section};

/// A question on screen, over whatever was there.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub title: String,
    /// What is asked, in a sentence or two.
    pub text: String,
    /// Each answer as shown, and what it does.
    pub answers: Vec<(String, Answer)>,
    pub selected: usize,
}

/// What an answer does.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Start this participant's analysis, with a first point when one is
    /// given (a point taken from the comparison).
    StartAnalysis {
        who: String,
        first: Option<(Section, Point)>,
        /// Open the analyses form on the new point to type it.
        then_type: bool,
    },
    /// Ask again whether to remove this participant's analysis.
    AskRemoveAnalysis(String),
    RemoveAnalysis(String),
    /// Leave things as they are.
    Nothing,
}

impl Question {
    /// A question answered yes or no; "no" does nothing.
    pub fn yes_no(title: &str, text: String, yes: &str, answer: Answer) -> Question {
        Question {
            title: title.into(),
            text,
            answers: vec![
                (format!("y  {yes}"), answer),
                ("n  no, leave it".into(), Answer::Nothing),
            ],
            selected: 0,
        }
    }

    /// Whether the answers are a plain yes and no.
    pub fn is_yes_no(&self) -> bool {
        self.answers.len() == 2 && self.answers[1].1 == Answer::Nothing
    }
}

/// A key while a question is asked.
pub fn act(app: &mut App, action: Action) {
    let Some(q) = app.question.as_mut() else {
        return;
    };
    let chosen = match action {
        Action::Up | Action::Down => {
            q.selected = move_in(q.selected, q.answers.len(), 1, action);
            return;
        }
        Action::Open => q.answers.get(q.selected).map(|(_, a)| a.clone()),
        Action::Yes if q.is_yes_no() => Some(q.answers[0].1.clone()),
        Action::No | Action::Back => Some(Answer::Nothing),
        _ => return,
    };
    app.question = None;
    if let Some(answer) = chosen {
        answer_with(app, answer);
    }
}

fn answer_with(app: &mut App, answer: Answer) {
    match answer {
        Answer::StartAnalysis {
            who,
            first,
            then_type,
        } => super::analyses::start(app, &who, first, then_type),
        Answer::AskRemoveAnalysis(who) => super::analyses::ask_remove(app, &who),
        Answer::RemoveAnalysis(who) => super::analyses::remove(app, &who),
        Answer::Nothing => app.message = Some("Nothing changed.".into()),
    }
}
