//! Two participants' analyses, aligned section by section.

use std::collections::HashMap;

use serde::Serialize;

use super::normalise::{Synonyms, plain};
use super::similar::{Vocabulary, few_candidates, one_to_one};
use super::{Match, Rejections, Row, RowStatus, UnknownParticipant, check_participant};
use crate::model::{Analysis, Pathway, Point, Section};

#[derive(Debug, Clone, PartialEq)]
pub struct SectionRows {
    pub section: Section,
    pub rows: Vec<Row>,
}

/// How many rows have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub agree: usize,
    pub differ: usize,
    pub only_a: usize,
    pub only_b: usize,
}

impl Counts {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Counts {
        let mut c = Counts::default();
        for r in rows {
            match r.status {
                RowStatus::Agree => c.agree += 1,
                RowStatus::Differ => c.differ += 1,
                RowStatus::OnlyA => c.only_a += 1,
                RowStatus::OnlyB => c.only_b += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.agree + self.differ + self.only_a + self.only_b
    }

    /// The share of rows that agree, 0 to 1 (0 when there are no rows).
    pub fn agreement(&self) -> f64 {
        if self.total() == 0 {
            0.0
        } else {
            self.agree as f64 / self.total() as f64
        }
    }
}

/// Participant `a`'s analysis against participant `b`'s.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub a: String,
    pub b: String,
    /// Whether each side has written any analysis at all.
    pub a_has_analysis: bool,
    pub b_has_analysis: bool,
    pub sections: Vec<SectionRows>,
}

impl Alignment {
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.sections.iter().flat_map(|s| s.rows.iter())
    }

    pub fn counts(&self) -> Counts {
        Counts::of(self.rows())
    }

    pub fn agreement(&self) -> f64 {
        self.counts().agreement()
    }

    pub fn section(&self, section: Section) -> &[Row] {
        self.sections
            .iter()
            .find(|s| s.section == section)
            .map_or(&[][..], |s| s.rows.as_slice())
    }
}

/// Aligns participant `a`'s analysis with `b`'s. A participant with no
/// analysis counts as an empty one.
pub fn align(p: &Pathway, a: &str, b: &str) -> Result<Alignment, UnknownParticipant> {
    align_with(p, a, b, &Rejections::default())
}

/// [`align`], never suggesting a pairing people have rejected.
pub fn align_with(
    p: &Pathway,
    a: &str,
    b: &str,
    rejected: &Rejections,
) -> Result<Alignment, UnknownParticipant> {
    align_in(p, a, b, rejected, Synonyms::builtin())
}

/// [`align_with`], with a library's own vocabulary for suggesting pairs.
pub fn align_in(
    p: &Pathway,
    a: &str,
    b: &str,
    rejected: &Rejections,
    synonyms: &Synonyms,
) -> Result<Alignment, UnknownParticipant> {
    check_participant(p, a)?;
    check_participant(p, b)?;
    let empty = Analysis::default();
    let left = p.analyses.get(a).unwrap_or(&empty);
    let right = p.analyses.get(b).unwrap_or(&empty);
    Ok(Alignment {
        a: a.to_string(),
        b: b.to_string(),
        a_has_analysis: !left.is_empty(),
        b_has_analysis: !right.is_empty(),
        sections: Section::ALL
            .iter()
            .map(|&section| SectionRows {
                section,
                rows: align_points(
                    left.section(section),
                    right.section(section),
                    (!rejected.is_empty()).then_some(&|x: &Point, y: &Point| {
                        rejected.contains(&p.id, section, &x.text, &y.text)
                    }),
                    synonyms,
                ),
            })
            .collect(),
    })
}

/// Rows for two lists of points: shared ids first, then suggestions by
/// wording, then what only one side has. Rows follow `a`'s order, with the
/// points only `b` has at the end in `b`'s order. `rejected`: the
/// pairings people turned down, `None` when there are none.
pub fn align_points(
    a: &[Point],
    b: &[Point],
    rejected: super::TurnedDown,
    synonyms: &Synonyms,
) -> Vec<Row> {
    let mut partner: Vec<Option<(usize, Match, Option<f64>)>> = vec![None; a.len()];
    let mut a_taken = vec![false; a.len()];
    let mut b_taken = vec![false; b.len()];

    // The first of `b`'s points with each id, found once rather than by
    // searching `b` for every point of `a`.
    let mut b_by_id: HashMap<&str, usize> = HashMap::with_capacity(b.len());
    for (j, y) in b.iter().enumerate() {
        if let Some(id) = &y.id {
            b_by_id.entry(id.as_str()).or_insert(j);
        }
    }
    for (i, x) in a.iter().enumerate() {
        let Some(id) = &x.id else { continue };
        if let Some(&j) = b_by_id.get(id.as_str()) {
            partner[i] = Some((j, Match::Id, None));
            a_taken[i] = true;
            b_taken[j] = true;
        }
    }

    // Points whose ids differ were kept apart by people; only points that
    // are still unmatched are proposed, and never two with different ids.
    // Only the points still unmatched are paired by wording.
    let mut vocab = Vocabulary::new(synonyms);
    let a_terms: Vec<Vec<u32>> = (0..a.len())
        .map(|i| {
            if a_taken[i] {
                Vec::new()
            } else {
                vocab.terms(&a[i].text)
            }
        })
        .collect();
    let b_terms: Vec<Vec<u32>> = (0..b.len())
        .map(|j| {
            if b_taken[j] {
                Vec::new()
            } else {
                vocab.terms(&b[j].text)
            }
        })
        .collect();
    // Each point weighs its few best pairs; where that left some out, the
    // points still unmatched are paired again among themselves, until
    // none is left that could be.
    loop {
        let a_open: Vec<usize> = (0..a.len()).filter(|&i| !a_taken[i]).collect();
        let b_open: Vec<usize> = (0..b.len()).filter(|&j| !b_taken[j]).collect();
        let pick = |terms: &[Vec<u32>], open: &[usize]| -> Vec<Vec<u32>> {
            open.iter().map(|&i| terms[i].clone()).collect()
        };
        // Asked of most pairs in a small vocabulary: whether each point
        // has an id is looked up once, not in the points each time.
        let a_unnamed: Vec<bool> = a_open.iter().map(|&i| a[i].id.is_none()).collect();
        let b_unnamed: Vec<bool> = b_open.iter().map(|&j| b[j].id.is_none()).collect();
        let allowed = |i: usize, j: usize| {
            (a_unnamed[i] || b_unnamed[j])
                && rejected.is_none_or(|r| !r(&a[a_open[i]], &b[b_open[j]]))
        };
        let (pairs, cut) =
            few_candidates(&pick(&a_terms, &a_open), &pick(&b_terms, &b_open), allowed);
        let pairs = pairs
            .into_iter()
            .map(|(i, j, score)| (a_open[i], b_open[j], score))
            .collect();
        let found = one_to_one(pairs, &mut a_taken, &mut b_taken);
        for &(i, j, score) in &found {
            partner[i] = Some((j, Match::Suggested, Some(score)));
        }
        if !cut || found.is_empty() {
            break;
        }
    }

    let mut rows: Vec<Row> = a
        .iter()
        .zip(&partner)
        .map(|(x, partner)| match partner {
            Some((j, matched, similarity)) => {
                let differences = differences(x, &b[*j]);
                // A suggested pair is never agreement, however alike the
                // words: nobody has said the two points are one (a point
                // copied from one side to the other with `t` included).
                let confirmed = *matched == Match::Id;
                Row {
                    status: if confirmed && differences.is_empty() {
                        RowStatus::Agree
                    } else {
                        RowStatus::Differ
                    },
                    matched: Some(*matched),
                    a: Some(x.clone()),
                    b: Some(b[*j].clone()),
                    differences,
                    similarity: *similarity,
                }
            }
            None => Row {
                status: RowStatus::OnlyA,
                matched: None,
                a: Some(x.clone()),
                b: None,
                differences: Vec::new(),
                similarity: None,
            },
        })
        .collect();
    rows.extend(
        b.iter()
            .zip(&b_taken)
            .filter(|(_, taken)| !**taken)
            .map(|(y, _)| Row {
                status: RowStatus::OnlyB,
                matched: None,
                a: None,
                b: Some(y.clone()),
                differences: Vec::new(),
                similarity: None,
            }),
    );
    rows
}

/// The fields in which two points differ, ignoring case, surrounding space
/// and punctuation.
fn differences(x: &Point, y: &Point) -> Vec<&'static str> {
    let mut out = Vec::new();
    if plain(&x.text) != plain(&y.text) {
        out.push("text");
    }
    if x.weight != y.weight {
        out.push("weight");
    }
    if x.evidence.as_deref().map(plain) != y.evidence.as_deref().map(plain) {
        out.push("evidence");
    }
    out
}
