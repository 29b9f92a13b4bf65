//! A small form for what the meeting records: a decision, a question, an
//! answer, an action. Its fields are typed in place, chosen from a list
//! or ticked; Enter records it through the edit engine (so the file keeps
//! its comments and layout, [`crate::tui::minutes::record`]), Esc drops it.
//!
//! Ticks are `[x]` and `[ ]`, the chosen field is marked `▶`, and choices
//! show `◀ value ▶`, so the form reads the same with no colour.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Outcome, Regions, Scope, Screen};
use crate::text::clean;
use crate::tui::app::{App, Areas, Input};
use crate::tui::editing::edit_line;
use crate::tui::keys::{Action, Binding, Code, Context, b};
use crate::tui::view::doc::truncate;

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

/// The form's keys: every other key is typed into the chosen field, so
/// help is F1, not `?`.
pub const KEYS: [Binding; 6] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "record it (saved with Ctrl-s, like any edit)",
        "record",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "drop it: nothing is recorded",
        "cancel",
    ),
    b(
        &[Code(KeyCode::Up), Code(KeyCode::Down)],
        "↑↓",
        Action::Up,
        "choose a field",
        "field",
    ),
    b(
        &[Code(KeyCode::Tab), Code(KeyCode::BackTab)],
        "Tab",
        Action::NextTab,
        "next field (Shift-Tab: previous)",
        "",
    ),
    b(
        &[Code(KeyCode::Left), Code(KeyCode::Right)],
        "←→",
        Action::Left,
        "choose a value; on a participant, in the room or not (Space too); in text, the cursor",
        "choose",
    ),
    b(
        &[Code(KeyCode::F(1))],
        "F1",
        Action::Help,
        "every key of this form (? is typed as text here)",
        "help",
    ),
];

impl Screen for Draft {
    fn name(&self) -> &'static str {
        "recording for the meeting"
    }

    fn context(&self) -> Context {
        Context::Draft
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    /// A follower sees the facilitator's form but never types into it.
    fn keys_while_following(&self) -> bool {
        false
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Back => {
                app.message = Some("Nothing recorded.".into());
                return Outcome::Close;
            }
            Action::Open => {
                let done = crate::tui::minutes::record(app, self);
                return if done {
                    Outcome::Close
                } else {
                    Outcome::Consumed
                };
            }
            Action::Up | Action::PrevTab => self.selected = self.selected.saturating_sub(1),
            Action::Down | Action::NextTab => {
                self.selected = (self.selected + 1).min(self.fields.len().saturating_sub(1));
            }
            Action::Left | Action::Right => {
                if let Some(f) = self.fields.get_mut(self.selected) {
                    change(f, action);
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }

    /// A key that is not a command: typed into a text field; a space ticks
    /// a tick box.
    fn typed(&mut self, _app: &mut App, key: KeyEvent) -> Outcome {
        if let Some(f) = self.fields.get_mut(self.selected) {
            match &mut f.kind {
                Kind::Text(input) => edit_line(input, key),
                Kind::Tick(on) if key.code == KeyCode::Char(' ') => *on = !*on,
                Kind::Choice(..) | Kind::Tick(_) => {}
            }
        }
        Outcome::Consumed
    }

    /// Pasted into the chosen field, as one line, when it takes text.
    fn pasted(&mut self, _app: &mut App, text: &str) -> Outcome {
        if let Some(Field {
            kind: Kind::Text(input),
            ..
        }) = self.fields.get_mut(self.selected)
        {
            input.paste(text);
        }
        Outcome::Consumed
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        if app.pathway.is_some() {
            draw(app, self, frame, at.below_header);
        }
    }
}

/// ← or → on a field: the next or previous choice, the cursor in text, a
/// tick on or off.
fn change(f: &mut Field, action: Action) {
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

fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    r
}

fn draw(app: &App, d: &Draft, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(90);
    let inner_w = usize::from(width.saturating_sub(2));
    let label_w = d
        .fields
        .iter()
        .filter(|f| !matches!(f.kind, Kind::Tick(_)))
        .map(|f| f.label.width())
        .max()
        .unwrap_or(4)
        + 2;
    let mut lines = Vec::new();
    for about in &d.about {
        lines.push(Line::from(Span::styled(
            truncate(&clean(about), inner_w),
            t.muted(),
        )));
    }
    if !d.about.is_empty() {
        lines.push(Line::default());
    }
    let mut ticks_heading = false;
    for (i, f) in d.fields.iter().enumerate() {
        let chosen = i == d.selected;
        let mark = if chosen { "▶ " } else { "  " };
        let style = if chosen { t.selection() } else { t.text() };
        let line = match &f.kind {
            Kind::Text(input) => {
                let room = inner_w.saturating_sub(label_w + 3);
                let text = clean(&input.text).into_owned();
                // The end of a long line stays in view while typing.
                let shown = if text.width() > room {
                    let skip = text.chars().count().saturating_sub(room.saturating_sub(1));
                    format!("…{}", text.chars().skip(skip).collect::<String>())
                } else {
                    text
                };
                let cursor = if chosen { "▏" } else { "" };
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(format!("{:<label_w$}", f.label), t.heading()),
                    Span::styled(format!("{shown}{cursor}"), style),
                ])
            }
            Kind::Choice(options, at) => {
                let value = options
                    .get(*at)
                    .map_or(String::new(), |o| clean(&o.1).into_owned());
                let room = inner_w.saturating_sub(label_w + 6);
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(format!("{:<label_w$}", f.label), t.heading()),
                    Span::styled(format!("◀ {} ▶", truncate(&value, room)), style),
                ])
            }
            Kind::Tick(on) => {
                if !ticks_heading {
                    ticks_heading = true;
                    lines.push(Line::from(Span::styled(
                        "  In the room (Space or ←→ ticks):",
                        t.heading(),
                    )));
                }
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(
                        format!(
                            "{} {}",
                            if *on { "[x]" } else { "[ ]" },
                            truncate(&clean(&f.label), inner_w.saturating_sub(6))
                        ),
                        style,
                    ),
                ])
            }
        };
        lines.push(line);
    }
    lines.push(Line::default());
    // A follower sees the facilitator's form but cannot type into it: its
    // keys are the facilitator's, so the box says whose it is instead.
    lines.push(Line::from(Span::styled(
        match &app.follow.following {
            Some(_) => "The facilitator fills this in · f or Esc stops following",
            None => "Enter records it · Esc drops it · ↑↓ field",
        },
        t.muted(),
    )));
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = popup(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border())
                .title(Span::styled(format!(" {} ", d.title), t.heading())),
        ),
        rect,
    );
}
