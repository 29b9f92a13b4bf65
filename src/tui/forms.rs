//! The fields each edit form offers, built from the pathway as it is now:
//! the pathway's own fields and lists, one step's, or every analysis.
//! Pure: the same pathway always gives the same form.

use serde::Serialize;

use super::app::{FieldKind, FormField, FormSource, FormState, ListItem};
use crate::model::{
    Branch, Measure, MondayChange, Participant, ParticipantKind, Pathway, Point, Section, Status,
    StepKind, Weight,
};

fn yaml<T: Serialize + ?Sized>(item: &T) -> String {
    serde_yaml::to_string(item).unwrap_or_default()
}

fn field(label: impl Into<String>, path: impl Into<String>, kind: FieldKind) -> FormField {
    FormField {
        label: label.into(),
        path: path.into(),
        kind,
        item: None,
    }
}

fn choices<T: Copy>(
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> FieldKind {
    FieldKind::Choice(
        all.iter()
            .map(|x| (value(*x).to_string(), label(*x).to_string()))
            .collect(),
    )
}

/// Adds the rows of a list: each item's fields (marked as that item), then
/// a row to add one at the end.
fn list_rows(
    out: &mut Vec<FormField>,
    list: &str,
    len: usize,
    noun: &str,
    new_item: &str,
    item_fields: impl Fn(usize) -> Vec<FormField>,
) {
    let item = |index| ListItem {
        list: list.into(),
        index,
        len,
        new_item: new_item.into(),
        noun: noun.into(),
    };
    for index in 0..len {
        for mut f in item_fields(index) {
            f.item = Some(item(index));
            out.push(f);
        }
    }
    out.push(FormField {
        label: format!("  + add {noun}"),
        path: list.into(),
        kind: FieldKind::Add,
        item: Some(item(len)),
    });
}

fn participant_choices(p: &Pathway) -> FieldKind {
    FieldKind::Choice(
        p.participants
            .iter()
            .map(|x| (x.id.clone(), format!("{} ({})", x.name, x.kind.label())))
            .collect(),
    )
}

fn step_choices(p: &Pathway) -> FieldKind {
    FieldKind::Choice(
        p.steps
            .iter()
            .map(|s| (s.id.clone(), format!("{} ({})", s.title, s.id)))
            .collect(),
    )
}

fn form(source: FormSource, title: String, fields: Vec<FormField>) -> FormState {
    FormState {
        source,
        title,
        fields,
        selected: 0,
        input: None,
        choice: None,
    }
}

/// The form for `source`, or `None` when there is nothing to edit there.
pub fn build(p: &Pathway, source: FormSource) -> Option<FormState> {
    match source {
        FormSource::Pathway => Some(form(source, "Edit the pathway".into(), pathway_fields(p))),
        FormSource::Step(i) => p
            .steps
            .get(i)
            .map(|_| form(source, format!("Edit step {}", i + 1), step_fields(p, i))),
        FormSource::Analyses => {
            let fields = analysis_fields(p);
            (!fields.is_empty()).then(|| form(source, "Edit the analyses".into(), fields))
        }
        FormSource::NewStep => None,
    }
}

fn pathway_fields(p: &Pathway) -> Vec<FormField> {
    let mut out = vec![
        field("Title", "title", FieldKind::Text),
        field("Place", "place", FieldKind::Text),
        field(
            "Status",
            "status",
            choices(&Status::ALL, Status::as_str, Status::as_str),
        ),
        field("Review due", "review_due", FieldKind::Text),
        field("Problem", "problem", FieldKind::Long),
    ];
    let taken: Vec<&str> = p.participants.iter().map(|x| x.id.as_str()).collect();
    let new_participant = Participant {
        id: super::editing::new_id("new participant", &taken),
        name: "New participant".into(),
        kind: ParticipantKind::Other,
    };
    list_rows(
        &mut out,
        "participants",
        p.participants.len(),
        "participant",
        &yaml(&new_participant),
        |i| {
            vec![
                field(
                    format!("Participant {}", i + 1),
                    format!("participants.{i}.name"),
                    FieldKind::Text,
                ),
                field("   id", format!("participants.{i}.id"), FieldKind::Text),
                field(
                    "   kind",
                    format!("participants.{i}.kind"),
                    choices(
                        &ParticipantKind::ALL,
                        ParticipantKind::as_str,
                        ParticipantKind::label,
                    ),
                ),
            ]
        },
    );
    list_rows(
        &mut out,
        "principles",
        p.principles.len(),
        "principle",
        &yaml("A new principle"),
        |i| {
            vec![field(
                format!("Principle {}", i + 1),
                format!("principles.{i}"),
                FieldKind::Text,
            )]
        },
    );
    let who = p
        .participants
        .first()
        .map_or(String::new(), |x| x.id.clone());
    let change = MondayChange {
        id: None,
        who,
        change: "What will be different".into(),
    };
    list_rows(
        &mut out,
        "monday_morning",
        p.monday_morning.len(),
        "Monday-morning change",
        &yaml(&change),
        |i| {
            vec![
                field(
                    format!("Monday {}", i + 1),
                    format!("monday_morning.{i}.change"),
                    FieldKind::Text,
                ),
                field(
                    "   for",
                    format!("monday_morning.{i}.who"),
                    participant_choices(p),
                ),
            ]
        },
    );
    let measure = Measure {
        id: None,
        text: "A new measure".into(),
        target: None,
        values: Vec::new(),
    };
    list_rows(
        &mut out,
        "measures",
        p.measures.len(),
        "measure",
        &yaml(&measure),
        |i| {
            vec![
                field(
                    format!("Measure {}", i + 1),
                    format!("measures.{i}.text"),
                    FieldKind::Text,
                ),
                field("   target", format!("measures.{i}.target"), FieldKind::Text),
            ]
        },
    );
    out
}

fn step_fields(p: &Pathway, i: usize) -> Vec<FormField> {
    let s = &p.steps[i];
    let at = |f: &str| format!("steps.{i}.{f}");
    let mut out = vec![
        field("Title", at("title"), FieldKind::Text),
        field("Id", at("id"), FieldKind::Text),
        field(
            "Kind",
            at("kind"),
            choices(&StepKind::ALL, StepKind::as_str, StepKind::as_str),
        ),
        field("Owner", at("owner"), participant_choices(p)),
        field("Detail", at("detail"), FieldKind::Long),
    ];
    list_rows(
        &mut out,
        &at("red_flags"),
        s.red_flags.len(),
        "red flag",
        &yaml("A new red flag"),
        |k| {
            vec![field(
                format!("Red flag {}", k + 1),
                format!("steps.{i}.red_flags.{k}"),
                FieldKind::Text,
            )]
        },
    );
    // A new link or branch points at the step after this one, or the first.
    let target = p
        .steps
        .get(i + 1)
        .or(p.steps.first())
        .map_or(String::new(), |t| t.id.clone());
    list_rows(
        &mut out,
        &at("next"),
        s.next.len(),
        "next step",
        &yaml(&target),
        |k| {
            vec![field(
                format!("Next {}", k + 1),
                format!("steps.{i}.next.{k}"),
                step_choices(p),
            )]
        },
    );
    let branch = Branch {
        when: "When …".into(),
        next: target.clone(),
    };
    list_rows(
        &mut out,
        &at("branches"),
        s.branches.len(),
        "branch",
        &yaml(&branch),
        |k| {
            vec![
                field(
                    format!("Branch {}", k + 1),
                    format!("steps.{i}.branches.{k}.when"),
                    FieldKind::Text,
                ),
                field(
                    "   goes to",
                    format!("steps.{i}.branches.{k}.next"),
                    step_choices(p),
                ),
            ]
        },
    );
    out
}

/// Every point of every participant's analysis: its text, weight and
/// evidence, and a row to add a point to each section.
fn analysis_fields(p: &Pathway) -> Vec<FormField> {
    let weights = || {
        choices(
            &[Weight::High, Weight::Medium, Weight::Low],
            Weight::as_str,
            Weight::as_str,
        )
    };
    let point = Point {
        id: None,
        text: "A new point".into(),
        weight: Some(Weight::Medium),
        evidence: None,
    };
    let mut out = Vec::new();
    for (who, analysis) in &p.analyses {
        for section in Section::ALL {
            let noun = match section {
                Section::Causes => "cause",
                Section::Goals => "goal",
                Section::Values => "value",
            };
            let list = format!("analyses.{who}.{}", section.as_str());
            let add = format!("{noun} for {who}");
            list_rows(
                &mut out,
                &list,
                analysis.section(section).len(),
                &add,
                &yaml(&point),
                |i| {
                    let at = |f: &str| format!("{list}.{i}.{f}");
                    vec![
                        field(
                            format!("{who} · {noun} {}", i + 1),
                            at("text"),
                            FieldKind::Text,
                        ),
                        field("   weight", at("weight"), weights()),
                        field("   evidence", at("evidence"), FieldKind::Long),
                    ]
                },
            );
        }
    }
    out
}
