//! The partners' meeting, worked from the pathway: what is still open
//! (the agenda), which decisions settle which disagreements, and whether
//! everyone whose point was settled was in the room. Pure: a pathway and
//! a date in, answers out.

pub mod agenda;
mod settled;

pub use agenda::{Agenda, AgendaInput, Item, agenda, agenda_of, row_key};
pub use settled::{Settled, Voices, decisions_on, voices};

use chrono::NaiveDate;

use crate::model::Pathway;

/// Questions nobody has closed yet.
pub fn open_questions(p: &Pathway) -> usize {
    p.questions.iter().filter(|q| q.is_open()).count()
}

/// Actions still to be done whose day has passed on `today`.
pub fn overdue_actions(p: &Pathway, today: NaiveDate) -> usize {
    p.actions.iter().filter(|a| a.is_overdue(today)).count()
}
