//! Which analysis points and participants the decisions settle, and
//! whose voice was missing when a decision was taken.

use std::collections::HashSet;

use crate::model::{Decision, Pathway, Section};

/// Everything the pathway's decisions settle, for finding out quickly
/// whether a point or a participant's open item is decided.
#[derive(Debug, Default)]
pub struct Settled<'a> {
    points: HashSet<&'a str>,
    participants: HashSet<&'a str>,
}

impl<'a> Settled<'a> {
    pub fn of(p: &'a Pathway) -> Settled<'a> {
        let mut s = Settled::default();
        for d in &p.decisions {
            s.points.extend(d.points.iter().map(String::as_str));
            s.participants
                .extend(d.participants.iter().map(String::as_str));
        }
        s
    }

    /// Whether a decision names this point, by its id or its text.
    pub fn point(&self, id: Option<&str>, text: &str) -> bool {
        id.is_some_and(|id| self.points.contains(id)) || self.points.contains(text)
    }

    /// Whether a decision settles this participant's open item.
    pub fn participant(&self, id: &str) -> bool {
        self.participants.contains(id)
    }
}

/// Who was in the room for a decision, who was not, and who was not but
/// had a point it settles: their voice was missing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Voices {
    pub present: Vec<String>,
    pub absent: Vec<String>,
    /// Absent participants whose point (or open item) the decision
    /// settles: the decision was taken without them.
    pub taken_without: Vec<String>,
}

/// The voices of decision `d` of pathway `p`, in the pathway's
/// participant order.
pub fn voices(p: &Pathway, d: &Decision) -> Voices {
    let concerned = |who: &str| {
        d.participants.iter().any(|x| x == who)
            || p.analyses.get(who).is_some_and(|a| {
                Section::ALL.iter().any(|s| {
                    a.section(*s).iter().any(|pt| {
                        d.points.iter().any(|named| {
                            pt.id.as_deref() == Some(named.as_str()) || pt.text == *named
                        })
                    })
                })
            })
    };
    let mut v = Voices {
        present: Vec::new(),
        absent: Vec::new(),
        taken_without: Vec::new(),
    };
    for x in &p.participants {
        if d.present.contains(&x.id) {
            v.present.push(x.id.clone());
        } else {
            v.absent.push(x.id.clone());
            if concerned(&x.id) {
                v.taken_without.push(x.id.clone());
            }
        }
    }
    v
}

/// The decisions that settle a point, known by its id or its text: what
/// the comparison, the history and the export show beside it.
pub fn decisions_on<'a>(p: &'a Pathway, id: Option<&str>, text: &str) -> Vec<&'a Decision> {
    p.decisions
        .iter()
        .filter(|d| d.points.iter().any(|n| Some(n.as_str()) == id || n == text))
        .collect()
}
