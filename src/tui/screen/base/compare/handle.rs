//! What the comparison's keys do: moving between the points, choosing the
//! pair, switching between two sides and every one, and acting on the row
//! under the cursor (confirm, reject, take, link, decide).

use crate::compare::{Rejections, Synonyms};
use crate::model::Pathway;
use crate::store::persist::session::Change;
use crate::tui::app::App;
use crate::tui::compare::{alignment, all};
use crate::tui::editing::make;
use crate::tui::keys::{Action, Context};
use crate::tui::update::move_in;

use super::CompareState;

/// A key of the comparison's table in `ctx`, as an action.
pub(super) fn handle(app: &mut App, ctx: Context, action: Action) {
    match action {
        Action::ConfirmPair => confirm_pair(app),
        Action::RejectPair => crate::tui::screen::reject::ask(app),
        Action::Adopt => adopt(app),
        Action::Link if ctx == Context::Compare => crate::tui::link::start(app),
        Action::Unlink => crate::tui::link::unlink(app),
        Action::LinkPartner(n) => crate::tui::link::with_partner(app, n),
        Action::Decide => crate::tui::minutes::decide(app),
        _ => act(app, action),
    }
}

/// For each row the screen shows, whether people need to talk about it.
fn disagreements(
    p: &Pathway,
    state: &CompareState,
    rejected: (&Rejections, &Synonyms),
) -> Vec<bool> {
    if state.matrix {
        all(p, rejected)
            .rows
            .iter()
            .map(|r| r.sharpness > 0)
            .collect()
    } else {
        alignment(p, state, rejected).map_or(Vec::new(), |al| {
            al.rows().map(|r| r.is_disagreement()).collect()
        })
    }
}

/// Moving between the points, choosing the pair, switching between two
/// sides and every one, leaving; also the moves under the linking screen.
pub(crate) fn act(app: &mut App, action: Action) {
    let page = usize::from(app.areas.compare_rows.height.saturating_sub(1)).max(1);
    let Some((p, state)) = app.open_pathway() else {
        return;
    };
    let Some(cmp) = state.compare.clone() else {
        return;
    };
    // Worked out once per key, not once per row looked at.
    let flags = disagreements(p, &cmp, (&app.rejections, &app.synonyms));
    let count = flags.len();
    let next = match action {
        Action::NextMatch | Action::PrevMatch => {
            let forward = action == Action::NextMatch;
            (1..=count)
                .map(|k| {
                    if forward {
                        (cmp.selected + k) % count
                    } else {
                        (cmp.selected + count * 2 - k) % count
                    }
                })
                .find(|&i| flags[i])
        }
        _ => None,
    };
    let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) else {
        return;
    };
    match action {
        a if a.moves_in_list() => {
            cmp.selected = move_in(cmp.selected, count, page, action);
        }
        Action::NextMatch | Action::PrevMatch => match next {
            Some(i) => cmp.selected = i,
            None => {
                app.message =
                    Some("Every point here is agreed: there is no disagreement to go to.".into());
            }
        },
        Action::PickPair => crate::tui::screen::picker::Picker::open(app),
        Action::ToggleMatrix => {
            cmp.matrix = !cmp.matrix;
            cmp.selected = 0;
        }
        Action::Back => {
            if let Some(s) = app.pathway.as_mut() {
                s.compare = None;
            }
        }
        _ => {}
    }
}

// Actions on the row under the cursor: confirm, take, reject.

/// `y` in the comparison: a suggested pair becomes one point, by giving
/// both items the same id (an id one of them has, or a new one), as
/// linking two points by hand does.
fn confirm_pair(app: &mut App) {
    let Some((p, cmp, section, row)) = selected_row(app) else {
        return;
    };
    if row.matched != Some(crate::compare::Match::Suggested) {
        app.message = Some(
            "Only a suggested pair (≈ similar) can be confirmed; L links two points by hand."
                .into(),
        );
        return;
    }
    let (Some(x), Some(y)) = (&row.a, &row.b) else {
        return;
    };
    let at = |who: &str, q: &crate::model::Point| {
        p.analyses
            .get(who)
            .and_then(|a| a.section(section).iter().position(|z| z == q))
    };
    if let (Some(ia), Some(ib)) = (at(&cmp.a, x), at(&cmp.b, y)) {
        crate::tui::link::join(app, section, ia, ib);
    }
}

/// `t` in the comparison: a point only one side has is copied into the
/// other side's analysis.
fn adopt(app: &mut App) {
    let Some((p, cmp, section, row)) = selected_row(app) else {
        return;
    };
    let (p, cmp) = (&p, &cmp);
    let (point, into) = match (&row.a, &row.b) {
        (Some(x), None) => (x.clone(), cmp.b.clone()),
        (None, Some(y)) => (y.clone(), cmp.a.clone()),
        _ => {
            app.message =
                Some("Both sides have this point; t takes a point only one side has.".into());
            return;
        }
    };
    if p.analyses.get(&into).is_none_or(|a| a.is_empty()) {
        let name = crate::text::clean(p.participant_name(&into)).into_owned();
        app.stack
            .push(crate::tui::screen::question::Question::yes_no(
                "Start an analysis",
                format!(
                    "{name} has no analysis yet. Start one with this point, {}?",
                    crate::model::words::quote(&point.text)
                ),
                "yes, start it with this point",
                crate::tui::screen::question::Answer::StartAnalysis {
                    who: into,
                    first: Some((section, point)),
                    then_type: false,
                },
            ));
        return;
    }
    let len = p.analyses[&into].section(section).len();
    let yaml = serde_yaml::to_string(&point).unwrap_or_default();
    let name = p.participant_name(&into).to_string();
    make(
        app,
        Change::Insert {
            path: format!("analyses.{into}.{}", section.as_str()),
            index: len,
            yaml,
        },
        &format!(
            "Taken into {} analysis.",
            crate::model::words::possessive(&name)
        ),
    );
}

/// The suggested pair on the row under the cursor, as a rejection to
/// record; or why there is none.
pub(crate) fn suggestion_here(app: &App) -> Result<crate::compare::Rejection, &'static str> {
    let Some((p, _, section, row)) = selected_row(app) else {
        return Err("");
    };
    let (Some(x), Some(y), Some(crate::compare::Match::Suggested)) = (&row.a, &row.b, row.matched)
    else {
        return Err("Only a suggested pair (≈ similar) can be rejected.");
    };
    Ok(crate::compare::Rejection {
        pathway: p.id.clone(),
        section: section.as_str().into(),
        a: x.text.clone(),
        b: y.text.clone(),
    })
}

/// The comparison row under the cursor, exactly as the screen shows it
/// (with rejected suggestions left out).
fn selected_row(
    app: &App,
) -> Option<(
    Pathway,
    CompareState,
    crate::model::Section,
    crate::compare::Row,
)> {
    let (p, state) = app.open_pathway()?;
    let cmp = state.compare.clone()?;
    let al = alignment(p, &cmp, (&app.rejections, &app.synonyms))?;
    let (section, row) = nth_row(&al, cmp.selected)?;
    Some((p.clone(), cmp, section, row.clone()))
}

fn nth_row(
    al: &crate::compare::Alignment,
    n: usize,
) -> Option<(crate::model::Section, &crate::compare::Row)> {
    al.sections
        .iter()
        .flat_map(|s| s.rows.iter().map(move |r| (s.section, r)))
        .nth(n)
}
