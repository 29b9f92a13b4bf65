//! Deciding: the point chosen in the comparison, the decision taken on it
//! before, and `d`, the form that records what the group agreed.

use super::{in_the_room, open};
use crate::compare::{Match, RowStatus};
use crate::model::{Decision, Pathway};
use crate::tui::app::App;
use crate::tui::screen::draft::{Draft, Field, Purpose};

/// The point chosen in the comparison: how the file names it, who holds
/// it, and whether people see it differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// Each side's point, by id or exact text.
    pub points: Vec<String>,
    /// The participants whose point it is.
    pub holders: Vec<String>,
    pub label: String,
    pub disagreement: bool,
}

/// How a decision or a question names a point: its id, or its exact text.
pub fn name_of(id: Option<&String>, text: &str) -> String {
    id.cloned().unwrap_or_else(|| text.to_string())
}

/// The point under the comparison's selection.
pub fn chosen(app: &App) -> Option<Chosen> {
    let (p, state) = app.open_pathway()?;
    let cmp = state.compare.as_ref()?;
    let vocabulary = (&app.rejections, &app.synonyms);
    let mut out = if cmp.matrix {
        let m = crate::tui::compare::all(p, vocabulary);
        let row = m.rows.get(cmp.selected)?;
        let mut c = Chosen {
            points: Vec::new(),
            holders: Vec::new(),
            label: row.label.clone(),
            disagreement: row.sharpness > 0,
        };
        for (who, cell) in m.participants.iter().zip(&row.cells) {
            if let Some(cell) = cell {
                c.points.push(name_of(cell.id.as_ref(), &cell.text));
                c.holders.push(who.clone());
            }
        }
        c
    } else {
        let al = crate::tui::compare::alignment(p, cmp, vocabulary)?;
        let row = al.rows().nth(cmp.selected)?;
        let mut c = Chosen {
            points: Vec::new(),
            holders: Vec::new(),
            label: row
                .a
                .as_ref()
                .or(row.b.as_ref())
                .map_or(String::new(), |x| x.text.clone()),
            disagreement: row.is_disagreement()
                || row.status != RowStatus::Agree
                || row.matched == Some(Match::Suggested),
        };
        for (who, point) in [(&al.a, &row.a), (&al.b, &row.b)] {
            if let Some(x) = point {
                c.points.push(name_of(x.id.as_ref(), &x.text));
                c.holders.push(who.clone());
            }
        }
        c
    };
    out.points.dedup();
    Some(out)
}

/// The latest decision that settles any of `points`.
pub fn decision_for<'a>(p: &'a Pathway, points: &[String]) -> Option<&'a Decision> {
    p.decisions
        .iter()
        .rev()
        .find(|d| d.points.iter().any(|x| points.contains(x)))
}

/// `d` in the comparison: the decision form for the chosen point.
pub fn decide(app: &mut App) {
    let Some(c) = chosen(app) else {
        return;
    };
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    if !c.disagreement {
        app.message = Some("Everyone agrees on this point: there is nothing to decide.".into());
        return;
    }
    let room = in_the_room(app, p);
    let mut fields = vec![
        Field::text("Agreed", "agreed", ""),
        Field::text("Why", "why", ""),
        Field::text("Date", "date", &app.today.to_string()),
    ];
    for x in &p.participants {
        fields.push(Field::tick(
            &format!("{} ({})", x.name, x.id),
            &x.id,
            room.contains(&x.id),
        ));
    }
    let mut about = vec![c.label.clone()];
    if let Some(d) = decision_for(p, &c.points) {
        about.push(format!("Decided before, on {}: {}", d.date, d.agreed));
    }
    open(
        app,
        Draft {
            purpose: Purpose::Decision {
                points: c.points,
                holders: c.holders,
            },
            title: "Record a decision".into(),
            about,
            fields,
            selected: 0,
        },
    );
}
