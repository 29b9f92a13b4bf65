//! What the library list needs of a pathway, kept instead of the whole
//! document: a few hundred bytes rather than the 13 KiB a parsed pathway
//! takes, so a national collection of 100,000 pathways fits in memory. The
//! whole pathway is read again when it is opened.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{ParticipantKind, Pathway, Status, signoff};

/// How much of the problem statement the library's detail pane shows: its
/// first lines.
const PROBLEM_CHARS: usize = 240;

/// One pathway as the library lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub place: Option<String>,
    pub review_due: Option<NaiveDate>,
    pub participants: Vec<Who>,
    /// The start of the problem statement, as far as the detail pane shows.
    pub problem: Option<String>,
    /// Sign-offs given, and how many of them are for the content as it is.
    pub signed: u32,
    pub signed_current: u32,
    /// Questions the meeting has not closed.
    #[serde(default)]
    pub open_questions: u32,
    /// The due dates of actions still to be done, so the overdue ones are
    /// found on any day without reading the file again.
    #[serde(default)]
    pub actions_due: Vec<NaiveDate>,
}

/// The start of a problem statement, as far as the detail pane shows.
pub fn problem_start(t: &str) -> String {
    match t.char_indices().nth(PROBLEM_CHARS) {
        Some((end, _)) => format!("{}…", &t[..end]),
        None => t.to_string(),
    }
}

/// One participant, as the list and its detail pane name them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Who {
    pub id: String,
    pub name: String,
    pub kind: ParticipantKind,
}

impl Summary {
    pub fn of(p: &Pathway) -> Summary {
        let signed_current = if p.sign_off.is_empty() {
            0
        } else {
            let now = signoff::digest(p);
            p.sign_off.iter().filter(|s| s.digest == now).count()
        };
        Summary {
            id: p.id.clone(),
            title: p.title.clone(),
            status: p.status,
            place: p.place.clone(),
            review_due: p.review_due,
            participants: p
                .participants
                .iter()
                .map(|x| Who {
                    id: x.id.clone(),
                    name: x.name.clone(),
                    kind: x.kind,
                })
                .collect(),
            problem: p.problem.as_deref().map(problem_start),
            signed: u32::try_from(p.sign_off.len()).unwrap_or(u32::MAX),
            signed_current: u32::try_from(signed_current).unwrap_or(u32::MAX),
            open_questions: u32::try_from(crate::meeting::open_questions(p)).unwrap_or(u32::MAX),
            actions_due: p
                .actions
                .iter()
                .filter(|a| a.is_open())
                .map(|a| a.due)
                .collect(),
        }
    }

    /// Actions still to be done whose day has passed on `today`.
    pub fn overdue_actions(&self, today: NaiveDate) -> usize {
        self.actions_due.iter().filter(|d| **d < today).count()
    }

    /// The meeting's open items in short, for a list row: `?2` open
    /// questions, `!1` overdue actions; empty when there are none.
    pub fn meeting_marks(&self, today: NaiveDate) -> String {
        let mut out = Vec::new();
        if self.open_questions > 0 {
            out.push(format!("?{}", self.open_questions));
        }
        let late = self.overdue_actions(today);
        if late > 0 {
            out.push(format!("!{late}"));
        }
        out.join(" ")
    }

    /// Recorded as agreed, though not every participant has a sign-off on
    /// the content as it is now (it changed since, or some never signed).
    pub fn agreement_out_of_date(&self) -> bool {
        self.status == Status::Agreed && (self.signed_current as usize) < self.participants.len()
    }

    /// Whether the review date has passed.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.review_due.is_some_and(|d| d < today)
    }
}

/// Appends `s` lowercased: most names are plain ASCII, lowercased in
/// place without a string of their own (a large library has hundreds of
/// thousands of them).
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// What the list sorts and filters on, lowercased once when the file is
/// read rather than on every sort: the title first (the sort key), then
/// everything a filter may match, one field a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    text: String,
    title_len: usize,
    /// Broken files first by status, so that they are seen and mended.
    pub status_rank: u8,
    pub review_due: Option<NaiveDate>,
}

impl Keys {
    /// The keys of a pathway read from `file`, or of a broken file (whose
    /// title is its name, and which the filter finds as "broken").
    pub fn new(file: &str, summary: Option<&Summary>) -> Keys {
        let title = summary.map_or(file, |s| s.title.as_str());
        let mut text = String::with_capacity(256);
        push_lowercase(&mut text, title);
        let title_len = text.len();
        let mut add = |s: &str| {
            text.push('\n');
            push_lowercase(&mut text, s);
        };
        add(file);
        match summary {
            None => add("broken"),
            Some(s) => {
                add(&s.id);
                add(s.status.as_str());
                if let Some(place) = &s.place {
                    add(place);
                }
                for x in &s.participants {
                    add(&x.name);
                    add(&x.id);
                    add(x.kind.label());
                }
            }
        }
        text.shrink_to_fit();
        Keys {
            text,
            title_len,
            status_rank: summary.map_or(0, |s| match s.status {
                Status::Draft => 1,
                Status::InReview => 2,
                Status::Agreed => 3,
                Status::Retired => 4,
            }),
            review_due: summary.and_then(|s| s.review_due),
        }
    }

    /// The lowercased title (the file name of a broken file).
    pub fn title(&self) -> &str {
        &self.text[..self.title_len]
    }

    /// Whether a lowercased filter text is in any field.
    pub fn matches(&self, needle: &str) -> bool {
        if needle.contains('\n') {
            return self.text.split('\n').any(|field| field.contains(needle));
        }
        // Fields are one a line, so a match without a line break is a
        // match within one field.
        self.text.contains(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Pathway {
        let (name, bytes) = crate::store::library::builtin::examples()[0];
        crate::store::read::load::load_bytes(name, bytes).unwrap()
    }

    #[test]
    fn a_summary_is_small_and_names_what_the_list_shows() {
        let p = example();
        let s = Summary::of(&p);
        assert_eq!(s.title, p.title);
        assert_eq!(s.participants.len(), p.participants.len());
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.len() < 2048, "a summary takes {} bytes", json.len());
    }

    #[test]
    fn keys_match_any_field_ignoring_case() {
        let p = example();
        let s = Summary::of(&p);
        let k = Keys::new("file.yaml", Some(&s));
        assert_eq!(k.title(), p.title.to_lowercase());
        assert!(k.matches(&p.participants[0].name.to_lowercase()));
        assert!(k.matches("file.y"));
        assert!(!k.matches("no such words anywhere"));
        assert!(Keys::new("Bad.yaml", None).matches("broken"));
        assert_eq!(Keys::new("Bad.yaml", None).title(), "bad.yaml");
    }
}
