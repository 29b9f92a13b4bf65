//! `w`: who is here — each person's initials and name, the organisation
//! (participant) they speak for, and where they are: pathway, step and
//! screen. Everything in it comes from files others write, so all of it is
//! cleaned before it is drawn.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{Outcome, Regions, Screen};
use crate::text::clean;
use crate::tui::app::{App, Areas};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::presence::initials;
use crate::tui::view::doc::truncate;

/// The list of who is here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WhoIsHere;

pub const KEYS: [Binding; 2] = [
    b(
        &[
            Code(KeyCode::Esc),
            Char('w'),
            Char('q'),
            Code(KeyCode::Enter),
        ],
        "Esc/w",
        Action::Back,
        "close the list of who is here",
        "close",
    ),
    keys::SHOW_HELP,
];

impl Screen for WhoIsHere {
    fn name(&self) -> &'static str {
        "who is here"
    }

    fn context(&self) -> Context {
        Context::WhoIsHere
    }

    fn handle(&mut self, _app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Close,
            _ => Outcome::Consumed,
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        draw(app, frame, at.body);
    }
}

/// One person as listed.
struct Row {
    initials: String,
    name: String,
    speaks_for: String,
    at: String,
}

/// The organisation `user` speaks for, by `people.yaml`, named as the open
/// pathway names it (else its id), with their role when given.
fn speaks_for(app: &App, user: &str) -> String {
    let Some(person) = app.team.people.get(user) else {
        return "not in people.yaml".into();
    };
    let org = person.participant.as_deref().map(|id| {
        app.open_pathway()
            .and_then(|(p, _)| p.participants.iter().find(|x| x.id == id))
            .map_or(id.to_string(), |x| x.name.clone())
    });
    match (org, person.role.as_deref()) {
        (Some(org), Some(role)) => format!("{org} · {role}"),
        (Some(org), None) => org,
        (None, Some(role)) => format!("{role} (signs for nobody)"),
        (None, None) => "signs for nobody".into(),
    }
}

/// Where a session is, in words: the pathway's title when it is in this
/// library, the step's title when it is in the open pathway.
fn place(app: &App, pathway: Option<&str>, step: Option<&str>, screen: &str) -> String {
    let Some(id) = pathway else {
        return format!("the {screen}");
    };
    let found = app
        .entries
        .iter()
        .filter_map(|e| e.pathway())
        .find(|p| p.id == id);
    let title = found.map_or(id.to_string(), |p| p.title.clone());
    let step = step.map(|s| {
        found
            .and_then(|p| p.steps.iter().find(|x| x.id == s))
            .map_or(s.to_string(), |x| x.title.clone())
    });
    match step {
        Some(step) => format!("{title} › {step} · {screen}"),
        None => format!("{title} · {screen}"),
    }
}

fn rows(app: &App) -> Vec<Row> {
    let mut out = Vec::new();
    if let Some(me) = &app.team.me {
        let here = crate::tui::presence::here(app);
        let name = app.team.people.display(&me.user);
        out.push(Row {
            initials: initials(&name),
            name: format!("{name} (you)"),
            speaks_for: speaks_for(app, &me.user),
            at: place(
                app,
                here.pathway.as_deref(),
                here.step.as_deref(),
                here.screen,
            ),
        });
    }
    for o in &app.team.others {
        out.push(Row {
            initials: initials(&o.name),
            name: o.name.clone(),
            speaks_for: speaks_for(app, &o.user),
            at: place(app, o.pathway.as_deref(), o.step.as_deref(), &o.screen),
        });
    }
    out
}

fn draw(app: &App, frame: &mut Frame, area: ratatui::layout::Rect) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(100);
    let inner = usize::from(width.saturating_sub(2));
    let people = rows(app);
    let mut lines = Vec::new();
    if people.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nobody else is here: presence is shared in a library folder on disk.",
            t.muted(),
        )));
    }
    for r in &people {
        let head = format!("{:<3} {}", clean(&r.initials), clean(&r.name));
        lines.push(Line::from(vec![Span::styled(
            truncate(&head, inner),
            t.heading(),
        )]));
        lines.push(Line::from(Span::styled(
            truncate(&format!("    {}", clean(&r.speaks_for)), inner),
            t.text(),
        )));
        lines.push(Line::from(Span::styled(
            truncate(&format!("    {}", clean(&r.at)), inner),
            t.muted(),
        )));
    }
    let room = usize::from(area.height.saturating_sub(2));
    if lines.len() > room {
        let hidden = (lines.len() - room + 1).div_ceil(3);
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::from(Span::styled(
            format!("and {hidden} more"),
            t.muted(),
        )));
    }
    crate::tui::view::popup::boxed(
        app,
        &format!("Who is here ({}) · Esc closes", people.len()),
        lines,
        width,
        frame,
        area,
    );
}
