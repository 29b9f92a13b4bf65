//! Linking two points by hand in the comparison: choose a point (`L`),
//! then its partner on the other side (Enter); both get one id, exactly as
//! confirming a suggestion does. `U` undoes a link that was wrong, and
//! `1`–`5` link a lone point with a partner the detail pane ranks.

use super::app::App;
use super::editing::{make, new_id};
use super::screen::linking::Linking;
use crate::compare::partners::{self, Partner, Side, lone};
use crate::compare::{Alignment, Match, RowStatus};
use crate::model::words::possessive;
use crate::model::{Pathway, Point, Section};
use crate::store::persist::session::Change;

fn points<'a>(p: &'a Pathway, who: &str, section: Section) -> &'a [Point] {
    p.analyses.get(who).map_or(&[], |a| a.section(section))
}

/// The alignment on screen, the pathway, and the two participants.
fn screen(app: &App) -> Option<(Pathway, Alignment, super::app::CompareState)> {
    let (p, state) = app.open_pathway()?;
    let cmp = state.compare.clone()?;
    let al = super::compare::alignment(p, &cmp, (&app.rejections, &app.synonyms))?;
    Some((p.clone(), al, cmp))
}

/// Gives the point `ia` of A's section and `ib` of B's one id: an id one
/// of them has, else one made from A's text. The same action as confirming
/// a suggested pair; one change, so `u` takes it back whole.
pub fn join(app: &mut App, section: Section, ia: usize, ib: usize) -> bool {
    let Some((p, _, cmp)) = screen(app) else {
        return false;
    };
    let (pa, pb) = (points(&p, &cmp.a, section), points(&p, &cmp.b, section));
    let (Some(x), Some(y)) = (pa.get(ia), pb.get(ib)) else {
        return false;
    };
    let taken: Vec<&str> = pa
        .iter()
        .chain(pb)
        .filter_map(|q| q.id.as_deref())
        .collect();
    let id =
        x.id.clone()
            .or_else(|| y.id.clone())
            .unwrap_or_else(|| new_id(&x.text, &taken));
    let sec = section.as_str();
    let mut changes = Vec::new();
    for (who, i, point) in [(&cmp.a, ia, x), (&cmp.b, ib, y)] {
        if point.id.as_deref() != Some(id.as_str()) {
            changes.push(Change::Set {
                path: format!("analyses.{who}.{sec}.{i}.id"),
                value: id.clone(),
            });
        }
    }
    let change = match changes.len() {
        1 => changes.remove(0),
        _ => Change::Batch(changes),
    };
    let made = make(
        app,
        change,
        &format!(
            "Linked as one point: {} and {} now share the id \"{id}\".",
            crate::model::words::quote(&x.text),
            crate::model::words::quote(&y.text)
        ),
    );
    // Two rows became one: the selection stays on a row that is there.
    if made && let Some((_, al, _)) = screen(app) {
        let last = al.rows().count().saturating_sub(1);
        if let Some(cmp) = app.pathway.as_mut().and_then(|s| s.compare.as_mut()) {
            cmp.selected = cmp.selected.min(last);
        }
    }
    made
}

/// `L` in the comparison: choose the point under the cursor to link; a
/// suggested pair is linked at once.
pub fn start(app: &mut App) {
    let Some((p, al, cmp)) = screen(app) else {
        return;
    };
    let Some((section, row)) = partners::nth(&al, cmp.selected) else {
        app.message = Some("There is no point here to link: A starts an analysis.".into());
        return;
    };
    if let (Some(Match::Suggested), Some(x), Some(y)) = (row.matched, &row.a, &row.b) {
        let ia = points(&p, &cmp.a, section).iter().position(|q| q == x);
        let ib = points(&p, &cmp.b, section).iter().position(|q| q == y);
        if let (Some(ia), Some(ib)) = (ia, ib) {
            join(app, section, ia, ib);
        }
        return;
    }
    let Some((section, side, point)) = lone(&al, cmp.selected) else {
        app.message = Some(if row.matched == Some(Match::Id) {
            "These two are already one point (a shared id); U unlinks them.".into()
        } else {
            "Choose a point only one side has, then its partner on the other side.".into()
        });
        return;
    };
    let who = match side {
        Side::A => &cmp.a,
        Side::B => &cmp.b,
    };
    let other = match side {
        Side::A => &cmp.b,
        Side::B => &cmp.a,
    };
    let Some(index) = points(&p, who, section).iter().position(|q| q == point) else {
        return;
    };
    let text = point.text.clone();
    let other_name = p.participant_name(other).to_string();
    app.stack.push(Linking {
        section,
        side,
        index,
        text: text.clone(),
    });
    app.message = Some(format!(
        "Linking {}: choose its partner among {} points (↑↓), Enter links, Esc stops.",
        crate::model::words::quote(&text),
        possessive(&other_name)
    ));
}

/// Links the point chosen first with the point under the cursor; false,
/// with the reason said, when that is not a point it can be linked with.
pub fn finish(app: &mut App, from: &Linking) -> bool {
    let Some((p, al, cmp)) = screen(app) else {
        return false;
    };
    let target =
        lone(&al, cmp.selected).filter(|(s, side, _)| *s == from.section && *side != from.side);
    let Some((section, side, point)) = target else {
        let (_, row) = partners::nth(&al, cmp.selected).unzip();
        app.message = Some(match row {
            Some(r) if r.status != RowStatus::OnlyA && r.status != RowStatus::OnlyB => {
                "That point already has a partner: choose one only the other side has.".into()
            }
            _ => format!(
                "Choose a point of the other side among the {}: a point links only within its section.",
                from.section.title().to_lowercase()
            ),
        });
        return false;
    };
    let who = match side {
        Side::A => &cmp.a,
        Side::B => &cmp.b,
    };
    let Some(index) = points(&p, who, section).iter().position(|q| q == point) else {
        return false;
    };
    let (ia, ib) = match from.side {
        Side::A => (from.index, index),
        Side::B => (index, from.index),
    };
    join(app, section, ia, ib);
    true
}

/// The likely partners of the point under the cursor, as the detail pane
/// lists them.
pub fn likely(app: &App, p: &Pathway, al: &Alignment, selected: usize) -> Vec<Partner> {
    let Some((section, side, _)) = lone(al, selected) else {
        return Vec::new();
    };
    let Some(cmp) = app.pathway.as_ref().and_then(|s| s.compare.as_ref()) else {
        return Vec::new();
    };
    let other = match side {
        Side::A => &cmp.b,
        Side::B => &cmp.a,
    };
    let Some((_, _, point)) = lone(al, selected) else {
        return Vec::new();
    };
    // A pair people have said is not one point is not offered again.
    partners::partners(al, selected, points(p, other, section), &app.synonyms)
        .into_iter()
        .filter(|x| {
            !app.rejections
                .contains(&p.id, section, &point.text, &x.point.text)
        })
        .collect()
}

/// `1`–`5`: link the lone point under the cursor with that likely partner.
pub fn with_partner(app: &mut App, n: usize) {
    let Some((p, al, cmp)) = screen(app) else {
        return;
    };
    let Some((section, side, point)) = lone(&al, cmp.selected) else {
        app.message = Some(
            "Choose a point only one side has: its likely partners are listed below it.".into(),
        );
        return;
    };
    let found = likely(app, &p, &al, cmp.selected);
    let Some(partner) = found.get(n) else {
        app.message = Some(if found.is_empty() {
            "No likely partner: L links it by hand with any point of the other side.".into()
        } else {
            format!(
                "Only {} likely partner{} listed.",
                found.len(),
                if found.len() == 1 { " is" } else { "s are" }
            )
        });
        return;
    };
    let who = match side {
        Side::A => &cmp.a,
        Side::B => &cmp.b,
    };
    let Some(mine) = points(&p, who, section).iter().position(|q| q == point) else {
        return;
    };
    let (ia, ib) = match side {
        Side::A => (mine, partner.index),
        Side::B => (partner.index, mine),
    };
    join(app, section, ia, ib);
}

/// `U`: two points that share an id are not the same point after all. The
/// right-hand side's point gives up the id, and the pair is not suggested
/// again.
pub fn unlink(app: &mut App) {
    let Some((p, al, cmp)) = screen(app) else {
        return;
    };
    let Some((section, row)) = partners::nth(&al, cmp.selected) else {
        return;
    };
    let (Some(Match::Id), Some(x), Some(y)) = (row.matched, &row.a, &row.b) else {
        app.message = Some("Only two points linked by one id can be unlinked.".into());
        return;
    };
    let Some(ib) = points(&p, &cmp.b, section).iter().position(|q| q == y) else {
        return;
    };
    let rejection = crate::compare::Rejection {
        pathway: p.id.clone(),
        section: section.as_str().into(),
        a: x.text.clone(),
        b: y.text.clone(),
    };
    let done = make(
        app,
        Change::RemoveKey {
            map_path: format!("analyses.{}.{}.{ib}", cmp.b, section.as_str()),
            key: "id".into(),
        },
        &format!(
            "Unlinked: {} is no longer the same point as {}.",
            crate::model::words::quote(&y.text),
            crate::model::words::quote(&x.text)
        ),
    );
    if done {
        app.rejections.insert(&rejection);
        // Kept so the pair is not suggested back; a failure to keep it
        // only means it may be suggested again.
        super::rejecting::keep(app, rejection, false, false);
    }
}
