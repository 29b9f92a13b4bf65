//! Comparing participants' analyses of the problem: point by point, where
//! they agree, where they differ, and what only one side sees. Pure: no
//! files, no terminal.
//!
//! Points with the same `id` are the same point, confirmed by people.
//! Points without a shared id may be *suggested* as the same point when
//! their wording is similar; a suggestion is always labelled as such, for
//! people to confirm, and never counted as an id match.

mod align;
mod few;
mod matrix;
mod nearest;
pub use crate::model::normalise;
pub mod partners;
pub mod rejected;
pub mod similar;

pub use align::{Alignment, Counts, SectionRows, align, align_in, align_with};
pub use matrix::{Cell, Matrix, MatrixRow, matrix, matrix_in, matrix_with};
pub use normalise::Synonyms;
pub use rejected::{Rejection, Rejections};

use serde::Serialize;

use crate::model::{ParticipantKind, Pathway, Point};

/// Whether people turned down pairing two points, where anyone turned
/// any pairing down (`None` when nobody did: the comparisons then do not
/// ask of each pair).
pub type TurnedDown<'a> = Option<&'a dyn Fn(&Point, &Point) -> bool>;

/// How two sides stand on one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    Agree,
    Differ,
    OnlyA,
    OnlyB,
}

/// Why two points were put in one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// They share an id: people have said they are the same point.
    Id,
    /// Their wording is similar: a proposal, not yet confirmed.
    Suggested,
}

/// One aligned point of two analyses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub status: RowStatus,
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub matched: Option<Match>,
    pub a: Option<Point>,
    pub b: Option<Point>,
    /// The fields that differ: `text`, `weight`, `evidence`.
    pub differences: Vec<&'static str>,
    /// How alike the wording is, for suggested pairs (0 to 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
}

impl Row {
    /// Whether people need to talk about this row.
    pub fn is_disagreement(&self) -> bool {
        self.status != RowStatus::Agree
    }
}

/// The pair compared when nobody has chosen one: the hospital and the care
/// home where both take part (the boundary most discharges cross), else
/// the first two participants who have written an analysis.
pub fn default_pair(p: &Pathway) -> Option<(String, String)> {
    let first_of = |kind| p.participants.iter().find(|x| x.kind == kind);
    if let (Some(h), Some(c)) = (
        first_of(ParticipantKind::Hospital),
        first_of(ParticipantKind::CareHome),
    ) {
        return Some((h.id.clone(), c.id.clone()));
    }
    let mut with_analysis = p
        .participants
        .iter()
        .filter(|x| p.analyses.get(&x.id).is_some_and(|a| !a.is_empty()));
    match (with_analysis.next(), with_analysis.next()) {
        (Some(a), Some(b)) => Some((a.id.clone(), b.id.clone())),
        _ => match p.participants.as_slice() {
            [a, b, ..] => Some((a.id.clone(), b.id.clone())),
            _ => None,
        },
    }
}

/// A participant named in a comparison who is not in the pathway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownParticipant {
    pub id: String,
    pub valid: Vec<String>,
}

impl std::fmt::Display for UnknownParticipant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "\"{}\" is not a participant of this pathway; participants: {}",
            self.id,
            self.valid.join(", ")
        )
    }
}

pub(crate) fn check_participant(p: &Pathway, id: &str) -> Result<(), UnknownParticipant> {
    if p.participant(id).is_some() {
        Ok(())
    } else {
        Err(UnknownParticipant {
            id: id.to_string(),
            valid: p.participants.iter().map(|x| x.id.clone()).collect(),
        })
    }
}
