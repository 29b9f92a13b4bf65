//! `update` for the comparison screen: two participants side by side, or
//! every participant at once (the picker that chooses the pair is a
//! screen of its own, [`super::screen::picker`]).

use super::app::{App, CompareState};
use super::editing::make;
use super::keys::Action;
use super::update::move_in;
use crate::compare::{Alignment, Matrix, Rejections, Synonyms, align_in, default_pair, matrix_in};
use crate::model::Pathway;
use crate::store::persist::session::Change;

/// The alignment the screen shows, in the library's vocabulary.
pub fn alignment(
    p: &Pathway,
    state: &CompareState,
    (rejected, synonyms): (&Rejections, &Synonyms),
) -> Option<Alignment> {
    align_in(p, &state.a, &state.b, rejected, synonyms).ok()
}

/// The matrix the screen shows, in the library's vocabulary.
pub fn all(p: &Pathway, (rejected, synonyms): (&Rejections, &Synonyms)) -> Matrix {
    matrix_in(p, rejected, synonyms)
}

/// Opens the comparison on the default pair.
pub fn open(app: &mut App) {
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    match default_pair(p) {
        Some((a, b)) => {
            if let Some(state) = app.pathway.as_mut() {
                state.compare = Some(CompareState {
                    a,
                    b,
                    matrix: false,
                    selected: 0,
                });
            }
        }
        None => {
            app.message = Some(
                "A comparison needs at least two participants: i on the overview (1) adds them."
                    .into(),
            )
        }
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

pub fn act(app: &mut App, action: Action) {
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
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            cmp.selected = move_in(cmp.selected, count, page, action);
        }
        Action::NextMatch | Action::PrevMatch => match next {
            Some(i) => cmp.selected = i,
            None => {
                app.message =
                    Some("Every point here is agreed: there is no disagreement to go to.".into());
            }
        },
        Action::PickPair => super::screen::picker::Picker::open(app),
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

/// A click on a line of the compare table selects the point on it.
pub fn click_line(app: &mut App, line: usize) {
    let row = app.areas.compare_line_rows.get(line).copied().flatten();
    if let (Some(row), Some(cmp)) = (row, app.pathway.as_mut().and_then(|s| s.compare.as_mut())) {
        cmp.selected = row;
    }
}

// Actions on the row under the cursor: confirm, take, reject.

/// `y` in the comparison: a suggested pair becomes one point, by giving
/// both items the same id (an id one of them has, or a new one), as
/// linking two points by hand does.
pub fn confirm_pair(app: &mut App) {
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
        super::link::join(app, section, ia, ib);
    }
}

/// `t` in the comparison: a point only one side has is copied into the
/// other side's analysis.
pub fn adopt(app: &mut App) {
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
        app.stack.push(super::screen::question::Question::yes_no(
            "Start an analysis",
            format!(
                "{name} has no analysis yet. Start one with this point, {}?",
                crate::model::words::quote(&point.text)
            ),
            "yes, start it with this point",
            super::screen::question::Answer::StartAnalysis {
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
pub(super) fn suggestion_here(app: &App) -> Result<crate::compare::Rejection, &'static str> {
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
    super::app::CompareState,
    crate::model::Section,
    crate::compare::Row,
)> {
    let (p, state) = app.open_pathway()?;
    let cmp = state.compare.clone()?;
    let al = super::compare::alignment(p, &cmp, (&app.rejections, &app.synonyms))?;
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
