//! The likely partners of a point nobody on the other side has matched:
//! the other side's unmatched points of the same section, ranked by shared
//! meaning, each with the reason in words (the same words, or words the
//! vocabulary holds to mean the same), so that a person can link the
//! right one with one key. Suggestions, never agreement: nothing here is
//! counted until a person links the two.

use super::RowStatus;
use super::align::Alignment;
use super::normalise::Synonyms;
use super::similar::score;
use crate::model::{Point, Section};

/// How many partners are offered for one point.
pub const SHOWN: usize = 5;

/// One likely partner of a point.
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub section: Section,
    /// The partner's place in its participant's list of that section.
    pub index: usize,
    pub point: Point,
    /// Shared meaning, from 0 to 1 (the suggestion score).
    pub score: f64,
    /// Words both points use.
    pub shared: Vec<String>,
    /// Different words the vocabulary holds to mean the same: (this
    /// point's, the partner's).
    pub synonyms: Vec<(String, String)>,
}

impl Partner {
    /// Why this partner is offered, in words.
    pub fn reason(&self) -> String {
        let mut parts = Vec::new();
        if !self.shared.is_empty() {
            parts.push(format!("shared words: {}", self.shared.join(", ")));
        }
        if !self.synonyms.is_empty() {
            let pairs: Vec<String> = self
                .synonyms
                .iter()
                .map(|(a, b)| format!("{a} = {b}"))
                .collect();
            parts.push(format!("same meaning: {}", pairs.join(", ")));
        }
        parts.join("; ")
    }
}

/// Which side of the alignment a point is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

/// Row `n` of the alignment (in display order) with its section.
pub fn nth(al: &Alignment, n: usize) -> Option<(Section, &super::Row)> {
    al.sections
        .iter()
        .flat_map(|s| s.rows.iter().map(move |r| (s.section, r)))
        .nth(n)
}

/// The point of row `n` when only one side has it: which side, and the
/// point.
pub fn lone(al: &Alignment, n: usize) -> Option<(Section, Side, &Point)> {
    let (section, row) = nth(al, n)?;
    match (row.status, &row.a, &row.b) {
        (RowStatus::OnlyA, Some(x), None) => Some((section, Side::A, x)),
        (RowStatus::OnlyB, None, Some(y)) => Some((section, Side::B, y)),
        _ => None,
    }
}

/// The likely partners of row `n`'s point, best first: the points only the
/// other side has in the same section that share any meaning with it.
/// `others` is the other participant's whole list for that section, to
/// give each partner its place there.
pub fn partners(al: &Alignment, n: usize, others: &[Point], synonyms: &Synonyms) -> Vec<Partner> {
    let Some((section, side, point)) = lone(al, n) else {
        return Vec::new();
    };
    let mine = synonyms.explain(&point.text);
    let my_terms = sorted_terms(&mine);
    let mut out = Vec::new();
    for row in al.section(section) {
        let candidate = match (side, row.status, &row.a, &row.b) {
            (Side::A, RowStatus::OnlyB, None, Some(y)) => y,
            (Side::B, RowStatus::OnlyA, Some(x), None) => x,
            _ => continue,
        };
        let theirs = synonyms.explain(&candidate.text);
        let s = score(&my_terms, &sorted_terms(&theirs));
        if s <= 0.0 {
            continue;
        }
        let (mut shared, mut same) = (Vec::new(), Vec::new());
        for (term, word) in &mine {
            let Some((_, other)) = theirs.iter().find(|(t, _)| t == term) else {
                continue;
            };
            if other == word || stem_eq(word, other) {
                if !shared.contains(word) {
                    shared.push(word.clone());
                }
            } else if !same.contains(&(word.clone(), other.clone())) {
                same.push((word.clone(), other.clone()));
            }
        }
        let Some(index) = others.iter().position(|q| q == candidate) else {
            continue;
        };
        out.push(Partner {
            section,
            index,
            point: candidate.clone(),
            score: s,
            shared,
            synonyms: same,
        });
    }
    out.sort_by(|x, y| y.score.total_cmp(&x.score));
    out.truncate(SHOWN);
    out
}

/// Two words that differ only in ending ("discharge", "discharges") are
/// the same word to a reader, not synonyms.
fn stem_eq(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= 4 || common == a.chars().count().min(b.chars().count())
}

/// Term ids for [`score`]: the terms as numbers, sorted and deduplicated,
/// numbered by their text so two lists compare.
fn sorted_terms(explained: &[(String, String)]) -> Vec<u32> {
    let mut terms: Vec<u32> = explained.iter().map(|(t, _)| fingerprint(t)).collect();
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// A number for a term (FNV-1a): the same text always gives the same
/// number, so the two sides' terms compare without a shared table.
fn fingerprint(term: &str) -> u32 {
    term.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::align_in;
    use crate::model::Pathway;

    fn pathway() -> Pathway {
        serde_yaml::from_str(
            "carepath: 1\nid: t\ntitle: T\nstatus: draft\nparticipants:\n\
             - {id: hospital, name: Hospital, kind: hospital}\n\
             - {id: home, name: Home, kind: care-home}\n\
             analyses:\n  hospital:\n    causes:\n\
             \x20     - text: Homes call 999 too readily at night\n\
             \x20     - text: Meds not ready at discharge\n\
             \x20 home:\n    causes:\n\
             \x20     - text: An ambulance is our only safe option out of hours\n\
             \x20     - text: Medicines arrive late\n\
             \x20     - text: Nobody answers the phone on the ward\n",
        )
        .unwrap()
    }

    #[test]
    fn partners_are_ranked_with_their_reason() {
        let p = pathway();
        let syn = Synonyms::builtin();
        let al = align_in(
            &p,
            "hospital",
            "home",
            &crate::compare::Rejections::default(),
            syn,
        )
        .unwrap();
        let others = &p.analyses["home"].causes;
        let row = (0..al.rows().count())
            .find(|&n| lone(&al, n).is_some_and(|(_, _, x)| x.text.starts_with("Homes call")))
            .unwrap();
        let found = partners(&al, row, others, syn);
        let ambulance = found
            .iter()
            .find(|x| x.point.text.contains("ambulance"))
            .expect("999 and an ambulance mean the same");
        assert_eq!(ambulance.reason(), "same meaning: 999 = ambulance");
        assert!(
            found.windows(2).all(|w| w[0].score >= w[1].score),
            "best first"
        );
        assert!(
            !found.iter().any(|x| x.point.text.starts_with("Medicines")),
            "a point sharing no meaning is not offered"
        );
    }
}
