//! What the partners' meeting records in the pathway: the decisions it
//! takes on disagreements, the questions people raise and answer, the
//! actions someone owns, and the values a measure takes over time.
//!
//! Each list is keyed by `id` (values by `date`), so two people recording
//! at once are merged item by item, like steps.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the group agreed on a disagreement, and who was in the room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    /// The day it was decided.
    pub date: NaiveDate,
    /// What was agreed, in the group's words.
    pub agreed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The participants in the room (ids); the others were absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    /// The analysis points it settles, each by its id or, for a point
    /// without one, by its exact text. A suggested pair is settled by
    /// naming both of its points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<String>,
    /// Participants whose open item it settles (an analysis not written,
    /// a sign-off out of date).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
}

/// A question raised on a step, an analysis point or the whole pathway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// Who asked: a person (their user name) or a participant id.
    pub by: String,
    pub date: NaiveDate,
    pub text: String,
    /// The step it is about; with neither `step` nor `point`, it is about
    /// the whole pathway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The analysis point it is about, by id or exact text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    /// Set when the asker or the pathway's lead closes the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Closed>,
}

impl Question {
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub by: String,
    pub date: NaiveDate,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closed {
    pub by: String,
    pub date: NaiveDate,
}

/// Who does what by when, and what it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub what: String,
    /// The participant (id) answerable for it.
    pub owner: String,
    /// The person who will do it, by user name in the library's
    /// `people.yaml`, when one is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub due: NaiveDate,
    #[serde(default)]
    pub status: ActionStatus,
    /// The decision or Monday-morning change (by id) it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serves: Option<String>,
}

impl Action {
    /// Whether it is still to be done.
    pub fn is_open(&self) -> bool {
        matches!(self.status, ActionStatus::Open | ActionStatus::Doing)
    }

    /// Whether it is still to be done and its day has passed on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due < today
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    Open,
    Doing,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::Doing,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Doing => "doing",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
}

/// One recorded value of a measure. A measure holds one value a day: the
/// date is its key, so two people recording different days both land,
/// and two recording different values for one day are a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureValue {
    pub date: NaiveDate,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the figure comes from (an audit, a dashboard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What an item of a list is known by when versions are compared and
/// merged: its `id`, or, for a recorded value of a measure (an item with
/// a `date` and a `value` and no id), its date.
pub fn list_key(item: &serde_json::Value) -> Option<&str> {
    if let Some(id) = item.get("id").and_then(serde_json::Value::as_str) {
        return Some(id);
    }
    item.get("value")?;
    item.get("date").and_then(serde_json::Value::as_str)
}
