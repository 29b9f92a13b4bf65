//! The typed pathway document, format `carepath: 1`.
//!
//! These types mirror the YAML exactly (see DESIGN.md §2). Unknown keys are
//! rejected so that a typo such as `red_flag:` is reported instead of
//! silently dropping what someone wrote.

use chrono::{DateTime, NaiveDate, Utc};
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::meeting::{Action, ActionStatus, Answer, Closed, Decision, MeasureValue, Question};

/// The only format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    /// The format version: 1.
    #[schemars(range(min = 1, max = 1))]
    pub carepath: u32,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The shared pathway this one is a local version of, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<BasedOn>,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// Each participant's own analysis, keyed by participant id, in file order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub analyses: IndexMap<String, Analysis>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub monday_morning: Vec<MondayChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// What the partners' meeting decided, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_off: Vec<SignOff>,
}

/// Where a local version came from: the base pathway (a file, named
/// relative to this one) and the version of it this place last took, by
/// the digest of the base file's text (`sha256:…`) or a git commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasedOn {
    pub path: String,
    pub version: String,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Agreed,
    Retired,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::InReview,
        Status::Agreed,
        Status::Retired,
    ];

    /// The word used in files and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in-review",
            Status::Agreed => "agreed",
            Status::Retired => "retired",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: String,
    pub name: String,
    pub kind: ParticipantKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ParticipantKind {
    Gp,
    Hospital,
    CareHome,
    SocialCare,
    Community,
    MentalHealth,
    Pharmacy,
    Voluntary,
    Patients,
    Other,
}

impl ParticipantKind {
    pub const ALL: [ParticipantKind; 10] = [
        ParticipantKind::Gp,
        ParticipantKind::Hospital,
        ParticipantKind::CareHome,
        ParticipantKind::SocialCare,
        ParticipantKind::Community,
        ParticipantKind::MentalHealth,
        ParticipantKind::Pharmacy,
        ParticipantKind::Voluntary,
        ParticipantKind::Patients,
        ParticipantKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantKind::Gp => "gp",
            ParticipantKind::Hospital => "hospital",
            ParticipantKind::CareHome => "care-home",
            ParticipantKind::SocialCare => "social-care",
            ParticipantKind::Community => "community",
            ParticipantKind::MentalHealth => "mental-health",
            ParticipantKind::Pharmacy => "pharmacy",
            ParticipantKind::Voluntary => "voluntary",
            ParticipantKind::Patients => "patients",
            ParticipantKind::Other => "other",
        }
    }

    /// A label for people, e.g. "care home".
    pub fn label(self) -> &'static str {
        match self {
            ParticipantKind::Gp => "GP practice",
            ParticipantKind::Hospital => "hospital",
            ParticipantKind::CareHome => "care home",
            ParticipantKind::SocialCare => "social care",
            ParticipantKind::Community => "community services",
            ParticipantKind::MentalHealth => "mental health",
            ParticipantKind::Pharmacy => "pharmacy",
            ParticipantKind::Voluntary => "voluntary sector",
            ParticipantKind::Patients => "patients and carers",
            ParticipantKind::Other => "other",
        }
    }
}

/// One participant's view of the problem: what causes it, what they want,
/// and the values they bring. Points with the same `id` in two analyses are
/// the same point seen by two sides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<Point>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Point>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Point>,
}

/// The three sections of an analysis, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Causes,
    Goals,
    Values,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Causes, Section::Goals, Section::Values];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Causes => "causes",
            Section::Goals => "goals",
            Section::Values => "values",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Causes => "Causes",
            Section::Goals => "Goals",
            Section::Values => "Values",
        }
    }
}

impl Analysis {
    pub fn section(&self, section: Section) -> &[Point] {
        match section {
            Section::Causes => &self.causes,
            Section::Goals => &self.goals,
            Section::Values => &self.values,
        }
    }

    pub fn section_mut(&mut self, section: Section) -> &mut Vec<Point> {
        match section {
            Section::Causes => &mut self.causes,
            Section::Goals => &mut self.goals,
            Section::Values => &mut self.values,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.causes.is_empty() && self.goals.is_empty() && self.values.is_empty()
    }
}

/// A cause, goal or value in an analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Weight>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Weight {
    Low,
    Medium,
    High,
}

impl Weight {
    pub fn as_str(self) -> &'static str {
        match self {
            Weight::Low => "low",
            Weight::Medium => "medium",
            Weight::High => "high",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub kind: StepKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub red_flags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<Branch>,
}

impl Step {
    /// Where a reader can go from this step: plain `next` links first, then
    /// each branch with its condition.
    pub fn exits(&self) -> impl Iterator<Item = Exit<'_>> {
        self.next
            .iter()
            .map(|target| Exit { when: None, target })
            .chain(self.branches.iter().map(|b| Exit {
                when: Some(&b.when),
                target: &b.next,
            }))
    }
}

/// One way out of a step: a `next` link, or a branch with its condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exit<'a> {
    pub when: Option<&'a str>,
    pub target: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    #[default]
    Action,
    Decision,
    Referral,
    Information,
}

impl StepKind {
    pub const ALL: [StepKind; 4] = [
        StepKind::Action,
        StepKind::Decision,
        StepKind::Referral,
        StepKind::Information,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Action => "action",
            StepKind::Decision => "decision",
            StepKind::Referral => "referral",
            StepKind::Information => "information",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub when: String,
    pub next: String,
}

/// What will be different on Monday morning, and for whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MondayChange {
    /// Optional: lets an action say which change it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub who: String,
    pub change: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: String,
    /// In words; a number with `below`, `under`, `at most`, `above`,
    /// `over` or `at least` (e.g. `below 12%`) is the line a run chart
    /// draws and flags values beyond.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The values recorded over time, one per date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<MeasureValue>,
}

/// A participant's sign-off, written by carepath, never by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub participant: String,
    pub by: String,
    pub at: DateTime<Utc>,
    pub digest: String,
    /// The signer's SSH signature (armored SSHSIG) over
    /// `signoff::message` of the fields above; without it the entry is
    /// only a claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl Pathway {
    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// A participant's display name, or the raw id when it names nobody.
    pub fn participant_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.participant(id).map_or(id, |p| p.name.as_str())
    }

    /// Whether the review date has passed on `today`.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.review_due.is_some_and(|due| due < today)
    }
}
