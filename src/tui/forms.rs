//! The fields each edit form offers, built from the pathway as it is now:
//! the pathway's own fields and lists, one step's, or every analysis.
//! Pure: the same pathway always gives the same form.

use serde::Serialize;

use super::app::{FieldKind, FormField, FormSource, FormState, ListItem};
use crate::model::schema;
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

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A row of its own for the field `key` at `path`, named as the model's
/// [`schema`] names it: "Review due".
fn row(path: &str, key: &str, kind: FieldKind) -> FormField {
    field(capitalised(&schema::label(key)), at(path, key), kind)
}

/// A row for the field `key` of an item, under the item's first row:
/// "   goes to".
fn sub_row(path: &str, key: &str, kind: FieldKind) -> FormField {
    field(format!("   {}", schema::label(key)), at(path, key), kind)
}

/// The first row of item `index` of the list `list`: "Red flag 2".
fn item_row(list: &str, index: usize, path: String, kind: FieldKind) -> FormField {
    let name = schema::list(list).map_or(list, |item| item.short());
    field(format!("{} {}", capitalised(name), index + 1), path, kind)
}

/// What one item of the list `list` is called: "Monday-morning change".
fn noun(list: &str) -> &'static str {
    schema::list(list).map_or("item", |item| item.noun)
}

/// The address of `key` in what is at `path` (the pathway itself when
/// `path` is empty).
fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
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
        folded: Vec::new(),
        filter: None,
        adding: None,
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
        FormSource::Monday => {
            let mut out = Vec::new();
            monday_rows(p, &mut out);
            Some(form(source, "Edit Monday morning".into(), out))
        }
        FormSource::Measures => {
            let mut out = Vec::new();
            measure_rows(&mut out, p);
            Some(form(source, "Edit the measures".into(), out))
        }
        FormSource::NewStep => None,
    }
}

fn pathway_fields(p: &Pathway) -> Vec<FormField> {
    let mut out = vec![
        row("", "title", FieldKind::Text),
        row("", "place", FieldKind::Text),
        row(
            "",
            "status",
            choices(&Status::ALL, Status::as_str, Status::as_str),
        ),
        row("", "review_due", FieldKind::Text),
        row("", "problem", FieldKind::Long),
    ];
    let taken: Vec<&str> = p.participants.iter().map(|x| x.id.as_str()).collect();
    let new_participant = Participant {
        id: super::editing::new_id("new participant", &taken),
        name: String::new(),
        kind: ParticipantKind::Other,
    };
    list_rows(
        &mut out,
        "participants",
        p.participants.len(),
        noun("participants"),
        &yaml(&new_participant),
        |i| {
            let item = format!("participants.{i}");
            vec![
                item_row("participants", i, at(&item, "name"), FieldKind::Text),
                sub_row(&item, "id", FieldKind::Text),
                sub_row(
                    &item,
                    "kind",
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
        noun("principles"),
        &yaml(""),
        |i| {
            vec![item_row(
                "principles",
                i,
                format!("principles.{i}"),
                FieldKind::Text,
            )]
        },
    );
    monday_rows(p, &mut out);
    measure_rows(&mut out, p);
    out
}

/// Section 4's rows: each change and whom it is for. A new change is for
/// nobody until someone is chosen.
fn monday_rows(p: &Pathway, out: &mut Vec<FormField>) {
    let change = MondayChange {
        id: None,
        who: String::new(),
        change: String::new(),
    };
    list_rows(
        out,
        "monday_morning",
        p.monday_morning.len(),
        noun("monday_morning"),
        &yaml(&change),
        |i| {
            let item = format!("monday_morning.{i}");
            vec![
                item_row("monday_morning", i, at(&item, "change"), FieldKind::Text),
                sub_row(&item, "who", participant_choices(p)),
            ]
        },
    );
}

/// Section 5's rows: each measure and its target.
fn measure_rows(out: &mut Vec<FormField>, p: &Pathway) {
    let measure = Measure {
        id: None,
        text: String::new(),
        target: None,
        values: Vec::new(),
    };
    list_rows(
        out,
        "measures",
        p.measures.len(),
        noun("measures"),
        &yaml(&measure),
        |i| {
            let item = format!("measures.{i}");
            vec![
                item_row("measures", i, at(&item, "text"), FieldKind::Text),
                sub_row(&item, "target", FieldKind::Text),
            ]
        },
    );
}

fn step_fields(p: &Pathway, i: usize) -> Vec<FormField> {
    let s = &p.steps[i];
    let step = format!("steps.{i}");
    let mut out = vec![
        row(&step, "title", FieldKind::Text),
        row(&step, "id", FieldKind::Text),
        row(
            &step,
            "kind",
            choices(&StepKind::ALL, StepKind::as_str, StepKind::as_str),
        ),
        row(&step, "owner", participant_choices(p)),
        row(&step, "detail", FieldKind::Long),
    ];
    list_rows(
        &mut out,
        &at(&step, "red_flags"),
        s.red_flags.len(),
        noun("red_flags"),
        &yaml(""),
        |k| {
            vec![item_row(
                "red_flags",
                k,
                format!("{step}.red_flags.{k}"),
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
        &at(&step, "next"),
        s.next.len(),
        noun("next"),
        &yaml(&target),
        |k| {
            vec![item_row(
                "next",
                k,
                format!("{step}.next.{k}"),
                step_choices(p),
            )]
        },
    );
    let branch = Branch {
        when: String::new(),
        next: target.clone(),
    };
    list_rows(
        &mut out,
        &at(&step, "branches"),
        s.branches.len(),
        noun("branches"),
        &yaml(&branch),
        |k| {
            let item = format!("{step}.branches.{k}");
            vec![
                item_row("branches", k, at(&item, "when"), FieldKind::Text),
                sub_row(&item, "next", step_choices(p)),
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
        text: String::new(),
        weight: None,
        evidence: None,
    };
    let mut out = Vec::new();
    for (who, analysis) in &p.analyses {
        for section in Section::ALL {
            let noun = noun(section.as_str());
            let list = format!("analyses.{who}.{}", section.as_str());
            let add = format!("{noun} for {who}");
            list_rows(
                &mut out,
                &list,
                analysis.section(section).len(),
                &add,
                &yaml(&point),
                |i| {
                    let item = format!("{list}.{i}");
                    vec![
                        field(
                            format!("{who} · {noun} {}", i + 1),
                            at(&item, "text"),
                            FieldKind::Text,
                        ),
                        sub_row(&item, "weight", weights()),
                        sub_row(&item, "evidence", FieldKind::Long),
                    ]
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Pathway {
        serde_yaml::from_str(include_str!("../../pathways/discharge-to-care-home.yaml")).unwrap()
    }

    fn labels(form: &FormState) -> Vec<&str> {
        form.fields.iter().map(|f| f.label.as_str()).collect()
    }

    #[test]
    fn every_row_edits_a_key_the_model_has() {
        let p = example();
        for source in [
            FormSource::Pathway,
            FormSource::Step(0),
            FormSource::Analyses,
            FormSource::Monday,
            FormSource::Measures,
        ] {
            for f in build(&p, source).unwrap().fields {
                // Indices are not keys.
                let keys: Vec<&str> = f
                    .path
                    .split('.')
                    .filter(|s| s.parse::<usize>().is_err())
                    .collect();
                let (last, parent) = keys.split_last().unwrap();
                assert!(
                    schema::keys_at(parent).contains(last),
                    "{source:?}: {} edits {}",
                    f.label,
                    f.path
                );
            }
        }
    }

    #[test]
    fn rows_are_named_as_the_model_names_fields() {
        let p = example();
        let step = build(&p, FormSource::Step(0)).unwrap();
        assert_eq!(
            labels(&step)[..5],
            ["Title", "Id", "Kind", "Owner", "Detail"]
        );
        assert!(labels(&step).contains(&"Red flag 1"));
        assert!(labels(&step).contains(&"  + add next step"));
        let pathway = build(&p, FormSource::Pathway).unwrap();
        assert_eq!(
            labels(&pathway)[..8],
            [
                "Title",
                "Place",
                "Status",
                "Review due",
                "Problem",
                "Participant 1",
                "   id",
                "   kind"
            ]
        );
        assert!(labels(&pathway).contains(&"Monday 1"));
        assert!(labels(&pathway).contains(&"   for"));
        assert!(labels(&pathway).contains(&"  + add Monday-morning change"));
        let analyses = build(&p, FormSource::Analyses).unwrap();
        assert!(labels(&analyses).contains(&"   weight"));
    }
}
