//! A question put to the user before something is done for them: a few
//! answers, one highlighted; `y` and `n` answer a yes-or-no question at
//! once, Enter takes the highlighted answer, Esc answers nothing. Drawn
//! over the screen: what is asked, wrapped to the box, and the answers,
//! the highlighted one in reverse video (with a marker, so it shows
//! without colour).

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{Outcome, Regions, Screen};
use crate::model::{Point, Section};
use crate::text::clean;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::update::move_in;
use crate::tui::view::doc::{Doc, truncate};

pub const KEYS: [Binding; 5] = [
    b(&[Char('y')], "y", Action::Yes, "yes", "yes"),
    b(&[Char('n')], "n", Action::No, "no, leave it", "no"),
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "take the highlighted answer",
        "choose",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "answer nothing, change nothing",
        "cancel",
    ),
    keys::UP_DOWN,
];

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

impl Screen for Question {
    fn name(&self) -> &'static str {
        "a question"
    }

    fn context(&self) -> Context {
        Context::Question
    }

    fn over_status(&self) -> bool {
        true
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let chosen = match action {
            Action::Up | Action::Down => {
                self.selected = move_in(self.selected, self.answers.len(), 1, action);
                return Outcome::Consumed;
            }
            Action::Open => self.answers.get(self.selected).map(|(_, a)| a.clone()),
            Action::Yes if self.is_yes_no() => Some(self.answers[0].1.clone()),
            Action::No | Action::Back => Some(Answer::Nothing),
            _ => return Outcome::Consumed,
        };
        if let Some(answer) = chosen {
            answer_with(app, answer);
        }
        Outcome::Close
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        let area = at.body;
        let q = self;
        let t = &app.theme;
        let width = area.width.saturating_sub(4).min(72);
        let inner_w = width.saturating_sub(2);
        let mut d = Doc::new();
        d.para(&q.text, t.text());
        let mut lines = d.lines(inner_w);
        lines.push(Line::default());
        for (i, (label, _)) in q.answers.iter().enumerate() {
            let chosen = i == q.selected;
            let text = format!("{}{}", if chosen { "› " } else { "  " }, clean(label));
            let style = if chosen { t.selection() } else { t.text() };
            lines.push(Line::from(Span::styled(
                truncate(&text, usize::from(inner_w)),
                style,
            )));
        }
        crate::tui::view::popup::boxed(app, &clean(&q.title), lines, width, frame, area);
    }
}

fn answer_with(app: &mut App, answer: Answer) {
    match answer {
        Answer::StartAnalysis {
            who,
            first,
            then_type,
        } => crate::tui::analyses::start(app, &who, first, then_type),
        Answer::AskRemoveAnalysis(who) => crate::tui::analyses::ask_remove(app, &who),
        Answer::RemoveAnalysis(who) => crate::tui::analyses::remove(app, &who),
        Answer::Nothing => app.message = Some("Nothing changed.".into()),
    }
}
