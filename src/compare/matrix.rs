//! Every participant's analysis at once: each point of each participant
//! placed in a row with the same point of the others (by id, then by
//! similar wording), one column per participant, sharpest disagreements
//! first.

use std::collections::HashMap;

use serde::Serialize;

use super::Match;
use super::normalise::Synonyms;
use super::similar::{Vocabulary, few_candidates_within};
use crate::model::{Pathway, Point, Section, Weight};

/// One participant's version of a point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: String,
    pub weight: Option<Weight>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    pub section: Section,
    /// `None` when only one participant has the point.
    #[serde(rename = "match")]
    pub matched: Option<Match>,
    /// The point's wording, from the first participant who has it.
    pub label: String,
    /// One cell per participant, in the pathway's participant order.
    pub cells: Vec<Option<Cell>>,
    /// Highest weight minus lowest among participants with an analysis
    /// (absent counts as nothing): 3 is one side high, another silent.
    pub sharpness: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// Participant ids, in the pathway's order: the columns.
    pub participants: Vec<String>,
    /// Whether each participant has written any analysis.
    pub has_analysis: Vec<bool>,
    pub rows: Vec<MatrixRow>,
}

fn rank(weight: Option<Weight>) -> u8 {
    match weight {
        Some(Weight::High) => 3,
        Some(Weight::Medium) | None => 2,
        Some(Weight::Low) => 1,
    }
}

/// A group of points believed to be one point.
struct Cluster {
    members: Vec<(usize, usize)>, // (participant, point index)
    id: Option<String>,
    suggested: bool,
}

pub fn matrix(p: &Pathway) -> Matrix {
    matrix_with(p, &super::Rejections::default())
}

/// [`matrix`], never grouping points whose pairing people have rejected.
pub fn matrix_with(p: &Pathway, rejected: &super::Rejections) -> Matrix {
    matrix_in(p, rejected, Synonyms::builtin())
}

/// [`matrix_with`], with a library's own vocabulary for grouping points.
pub fn matrix_in(p: &Pathway, rejected: &super::Rejections, synonyms: &Synonyms) -> Matrix {
    let participants: Vec<String> = p.participants.iter().map(|x| x.id.clone()).collect();
    let has_analysis: Vec<bool> = participants
        .iter()
        .map(|id| p.analyses.get(id).is_some_and(|a| !a.is_empty()))
        .collect();
    let mut rows = Vec::new();
    for section in Section::ALL {
        let points: Vec<Vec<&Point>> = participants
            .iter()
            .map(|id| {
                p.analyses
                    .get(id)
                    .map_or(Vec::new(), |a| a.section(section).iter().collect())
            })
            .collect();
        let turned_down =
            |x: &Point, y: &Point| rejected.contains(&p.id, section, &x.text, &y.text);
        let turned_down: super::TurnedDown = (!rejected.is_empty()).then_some(&turned_down);
        for cluster in cluster(&points, turned_down, synonyms) {
            let mut cells: Vec<Option<Cell>> = vec![None; participants.len()];
            for &(who, i) in &cluster.members {
                let point = points[who][i];
                cells[who] = Some(Cell {
                    id: point.id.clone(),
                    text: point.text.clone(),
                    weight: point.weight,
                });
            }
            let label = cells
                .iter()
                .flatten()
                .next()
                .map(|c| c.text.clone())
                .unwrap_or_default();
            let ranks: Vec<u8> = cells
                .iter()
                .zip(&has_analysis)
                .filter(|(_, has)| **has)
                .map(|(c, _)| c.as_ref().map_or(0, |c| rank(c.weight)))
                .collect();
            let sharpness = ranks.iter().max().unwrap_or(&0) - ranks.iter().min().unwrap_or(&0);
            let matched = match (cluster.members.len() > 1, cluster.suggested) {
                (false, _) => None,
                (true, true) => Some(Match::Suggested),
                (true, false) => Some(Match::Id),
            };
            rows.push(MatrixRow {
                section,
                matched,
                label,
                cells,
                sharpness,
            });
        }
    }
    // Sharpest disagreement first: a point several participants name but
    // weigh differently, then points more of them name, then a point one
    // names and others pass over. Stable: within equal keys, sections and
    // file order are kept.
    rows.sort_by_key(|r| {
        let named: Vec<u8> = r.cells.iter().flatten().map(|c| rank(c.weight)).collect();
        let top = named.iter().copied().max().unwrap_or(0);
        let spread = top - named.iter().copied().min().unwrap_or(0);
        (
            std::cmp::Reverse(spread),
            std::cmp::Reverse(named.len()),
            std::cmp::Reverse(r.sharpness),
            std::cmp::Reverse(top),
        )
    });
    Matrix {
        participants,
        has_analysis,
        rows,
    }
}

/// Groups the points of one section: first by shared id, then by similar
/// wording, best pairs first, never putting two points of one participant
/// (or two different ids) in one group. `rejected`: the pairings people
/// turned down, `None` when there are none (most pairs pass the threshold
/// in a small vocabulary, and looking up both points of each costs more
/// than scoring it).
fn cluster(
    points: &[Vec<&Point>],
    rejected: super::TurnedDown,
    synonyms: &Synonyms,
) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    // The cluster of each point, by its place in the flat list of all
    // participants' points.
    let start: Vec<usize> = points
        .iter()
        .scan(0, |next, list| {
            let here = *next;
            *next += list.len();
            Some(here)
        })
        .collect();
    let mut of: Vec<usize> = vec![0; points.iter().map(Vec::len).sum()];
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (who, list) in points.iter().enumerate() {
        for (i, point) in list.iter().enumerate() {
            let c = match point.id.as_deref().and_then(|id| by_id.get(id)) {
                Some(&c) if !clusters[c].members.iter().any(|&(w, _)| w == who) => c,
                _ => {
                    clusters.push(Cluster {
                        members: Vec::new(),
                        id: point.id.clone(),
                        suggested: false,
                    });
                    if let Some(id) = point.id.as_deref() {
                        by_id.entry(id).or_insert(clusters.len() - 1);
                    }
                    clusters.len() - 1
                }
            };
            clusters[c].members.push((who, i));
            of[start[who] + i] = c;
        }
    }

    let flat: Vec<(usize, usize)> = points
        .iter()
        .enumerate()
        .flat_map(|(who, list)| (0..list.len()).map(move |i| (who, i)))
        .collect();
    let mut vocab = Vocabulary::new(synonyms);
    let terms: Vec<Vec<u32>> = flat
        .iter()
        .map(|&(w, i)| vocab.terms(&points[w][i].text))
        .collect();
    let owner: Vec<usize> = flat.iter().map(|&(who, _)| who).collect();
    // Each point weighs its few best pairs (all of them, in any real
    // analysis).
    let pairs = few_candidates_within(&terms, &owner, |x, y| {
        rejected.is_none_or(|r| !r(points[flat[x].0][flat[x].1], points[flat[y].0][flat[y].1]))
    });
    // Who is in each cluster, a bit per participant, and whether it has
    // an id: read for every pair, most of which join nothing, from two
    // small tables rather than from the clusters and their members
    // (random reads that, for two analyses of 4,000 points, grew faster
    // than the points).
    let bits = points.len() <= 64;
    let mut present: Vec<u64> = clusters
        .iter()
        .map(|c| c.members.iter().fold(0, |m, &(w, _)| m | 1u64 << (w % 64)))
        .collect();
    let mut named: Vec<bool> = clusters.iter().map(|c| c.id.is_some()).collect();
    for (x, y, _) in pairs {
        let (cx, cy) = (of[x], of[y]);
        if cx == cy || (named[cx] && named[cy]) {
            continue;
        }
        let clash = if bits {
            present[cx] & present[cy] != 0
        } else {
            clusters[cx]
                .members
                .iter()
                .any(|(w, _)| clusters[cy].members.iter().any(|(v, _)| v == w))
        };
        if clash {
            continue;
        }
        let (keep, gone) = (cx.min(cy), cx.max(cy));
        present[keep] |= present[gone];
        named[keep] |= named[gone];
        let moved = std::mem::take(&mut clusters[gone].members);
        for &(who, i) in &moved {
            of[start[who] + i] = keep;
        }
        clusters[keep].members.extend(moved);
        clusters[keep].suggested = true;
        if clusters[keep].id.is_none() {
            clusters[keep].id = clusters[gone].id.take();
        }
    }
    clusters.retain(|c| !c.members.is_empty());
    for c in &mut clusters {
        c.members.sort();
    }
    clusters
}
