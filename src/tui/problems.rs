//! The problems panel: what is wrong with the pathway as it is now, checked
//! on every change, with a jump to each.

use super::app::{App, Tab};
use super::keys::Action;
use super::update::move_in;
use crate::model::{Pathway, Problem, Seg, schema, validate};

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
    if let Some(s) = app.pathway.as_mut() {
        s.problems = Some(0);
    }
}

pub fn act(app: &mut App, action: Action) {
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    let problems = of(p);
    let at = state.problems.unwrap_or(0);
    let target = problems.get(at).map(|x| x.path.segments().to_vec());
    let Some(s) = app.pathway.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::Down => s.problems = Some(move_in(at, problems.len(), 1, action)),
        Action::Back => s.problems = None,
        Action::Open => {
            s.problems = None;
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
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_named_as_the_model_names_its_items() {
        let p: Pathway =
            serde_yaml::from_str(include_str!("../../pathways/discharge-to-care-home.yaml"))
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
