//! The problems panel: what is wrong with the pathway as it is now, checked
//! on every change, with a jump to each.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Outcome, Regions, Scope, Screen};
use crate::model::{Pathway, Problem, Seg, schema, validate};
use crate::tui::app::{App, Areas, Tab};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};
use crate::tui::update::move_in;
use crate::tui::view::doc::truncate;

/// The panel, with its selected row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Problems {
    pub selected: usize,
}

/// `!` on the pathway's screens: opens the panel.
pub const OPEN: Binding = b(
    &[Char('!')],
    "!",
    Action::Problems,
    "list what is wrong with this pathway, and go to it",
    "",
);

pub const KEYS: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "go to this problem",
        "go to it",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "move",
        "move",
    ),
    b(
        &[Code(KeyCode::Esc), Char('!')],
        "Esc",
        Action::Back,
        "close the list",
        "close",
    ),
];

/// The panel's keys and those that work everywhere.
pub fn keys() -> Vec<Binding> {
    let mut all = KEYS.to_vec();
    all.extend(keys::global());
    all
}

/// The pathway's problems, in the order of the file's sections.
pub fn of(p: &Pathway) -> Vec<Problem> {
    validate(p)
}

/// Where a problem is, for people: `step 3 (Handover call)`, `Oakview's
/// analysis`, `measure 2`. What each list's items are called comes from
/// the model's [`schema`].
pub fn place(p: &Pathway, problem: &Problem) -> String {
    match problem.path.segments() {
        [Seg::Key(k), Seg::Index(i), ..] if k == "steps" => {
            format!(
                "{} {} ({})",
                schema::list(k).map_or("step", |item| item.noun),
                i + 1,
                p.steps.get(*i).map_or("", |s| s.title.as_str())
            )
        }
        [Seg::Key(k), Seg::Key(who), ..] if schema::entries(k).is_some() => format!(
            "{} analysis",
            crate::model::words::possessive(p.participant_name(who))
        ),
        [Seg::Key(k), Seg::Index(i), ..] => match schema::list(k) {
            Some(item) => format!("{} {}", item.noun, i + 1),
            None => "the pathway".into(),
        },
        _ => "the pathway".into(),
    }
}

/// `!`: opens the list, or says there is nothing wrong.
pub fn open(app: &mut App) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    if of(p).is_empty() {
        app.message = Some("Nothing is wrong with this pathway.".into());
        return;
    }
    app.stack.push(Problems::default());
}

impl Screen for Problems {
    fn name(&self) -> &'static str {
        "problems"
    }

    fn context(&self) -> Context {
        Context::Problems
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let Some((p, _)) = app.open_pathway() else {
            return Outcome::Close;
        };
        let problems = of(p);
        let target = problems
            .get(self.selected)
            .map(|x| x.path.segments().to_vec());
        let Some(s) = app.pathway.as_mut() else {
            return Outcome::Close;
        };
        match action {
            Action::Up | Action::Down => {
                self.selected = move_in(self.selected, problems.len(), 1, action);
                Outcome::Consumed
            }
            Action::Back => Outcome::Close,
            Action::Open => {
                s.compare = None;
                match target.as_deref() {
                    Some([Seg::Key(k), Seg::Index(i), ..]) if k == "steps" => {
                        s.tab = Tab::Steps;
                        s.step = *i;
                    }
                    Some([Seg::Key(k), ..]) if k == "analyses" => s.tab = Tab::Analyses,
                    Some([Seg::Key(k), ..]) if k == "monday_morning" => s.tab = Tab::Monday,
                    Some([Seg::Key(k), ..]) if k == "measures" => s.tab = Tab::Measures,
                    _ => s.tab = Tab::Overview,
                }
                Outcome::Close
            }
            _ => Outcome::Consumed,
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        if let Some((p, _)) = app.open_pathway() {
            draw(app, p, self.selected, frame, at.below_header);
        }
    }
}

fn draw(app: &App, p: &Pathway, at: usize, frame: &mut Frame, area: ratatui::layout::Rect) {
    let t = &app.theme;
    let problems = of(p);
    let width = area.width.saturating_sub(4).min(100);
    let inner_w = usize::from(width.saturating_sub(2));
    let draft = p.status == crate::model::Status::Draft;
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            "✗ must be put right to save · ⚠ allowed in a draft, blocks agreed · Enter goes to it",
            inner_w,
        ),
        t.muted(),
    ))];
    let rows = usize::from(area.height.saturating_sub(4)).max(1);
    let offset = at.saturating_sub(rows - 1);
    for (i, x) in problems.iter().enumerate().skip(offset).take(rows) {
        let chosen = i == at;
        let allowed = x.dangling && draft;
        let text = format!(
            "{}{} {}: {}",
            if chosen { "▶" } else { " " },
            if allowed { "⚠" } else { "✗" },
            place(p, x),
            x.message
        );
        let style = if chosen {
            t.selection()
        } else if allowed {
            t.warning()
        } else {
            t.error()
        };
        lines.push(Line::from(Span::styled(truncate(&text, inner_w), style)));
    }
    let area = crate::tui::view::popup::popup(area, width, lines.len() as u16 + 2);
    crate::tui::view::clear_overlay(frame, area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.error())
                .title(Span::styled(
                    format!(
                        " {} problem{} ",
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    ),
                    t.error(),
                )),
        ),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_named_as_the_model_names_its_items() {
        let p: Pathway = serde_yaml::from_str(include_str!(
            "../../../pathways/discharge-to-care-home.yaml"
        ))
        .unwrap();
        let at = |path| {
            place(
                &p,
                &Problem {
                    path,
                    message: String::new(),
                    at_key: false,
                    dangling: false,
                },
            )
        };
        assert_eq!(
            at(path!["steps", 0, "owner"]),
            format!("step 1 ({})", p.steps[0].title)
        );
        assert_eq!(
            at(path!["monday_morning", 1, "who"]),
            "Monday-morning change 2"
        );
        assert_eq!(at(path!["participants", 2, "id"]), "participant 3");
        assert_eq!(at(path!["sign_off", 0]), "sign-off 1");
        assert_eq!(at(path!["measures", 1, "values", 0]), "measure 2");
        assert_eq!(at(path!["title"]), "the pathway");
        let who = p.analyses.keys().next().unwrap().clone();
        assert!(at(path!["analyses", who.as_str(), "causes", 0]).ends_with(" analysis"));
    }
}
