//! A pathway as an HL7 FHIR R4 `PlanDefinition` (JSON), so that other
//! systems can read it. The mapping, and what has no place in FHIR, is
//! written down in `docs/fhir.md`; this file follows it.

use serde_json::{Map, Value, json};

use super::SignState;
use crate::model::{Pathway, Status, Step};

/// Where carepath's own codes live: URNs, so that nothing points at a web
/// server that does not exist.
pub const PARTICIPANT_SYSTEM: &str = "urn:carepath:participant";
pub const STEP_KIND_SYSTEM: &str = "urn:carepath:step-kind";
pub const GOAL_SYSTEM: &str = "urn:carepath:goal";
pub const RED_FLAG_EXTENSION: &str = "urn:carepath:red-flag";
pub const PLACE_EXTENSION: &str = "urn:carepath:place";

/// A FHIR `id` (`[A-Za-z0-9\-\.]{1,64}`) from a carepath id: other
/// characters become `-`.
pub fn fhir_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    if s.is_empty() { "x".into() } else { s }
}

/// A machine name (`[A-Z]([A-Za-z0-9_]){0,254}`): `discharge-to-care-home`
/// becomes `DischargeToCareHome`.
fn machine_name(id: &str) -> String {
    let mut out = String::new();
    for part in id.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut cs = part.chars();
        if let Some(first) = cs.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(cs);
        }
    }
    if !out.starts_with(|c: char| c.is_ascii_uppercase()) {
        out.insert(0, 'P');
    }
    out.truncate(255);
    out
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Draft | Status::InReview => "draft",
        Status::Agreed => "active",
        Status::Retired => "retired",
    }
}

fn text(s: &str) -> String {
    crate::text::clean_lines(s).join("\n")
}

fn participant_role(p: &Pathway, id: &str) -> Value {
    json!({
        "type": "practitioner",
        "role": {
            "coding": [{"system": PARTICIPANT_SYSTEM, "code": fhir_code(id), "display": text(p.participant_name(id))}],
            "text": text(p.participant_name(id)),
        }
    })
}

/// A FHIR `code`: no leading or trailing space, no runs of spaces.
fn fhir_code(s: &str) -> String {
    let c = text(s).split_whitespace().collect::<Vec<_>>().join(" ");
    if c.is_empty() { "-".into() } else { c }
}

fn action(p: &Pathway, step: &Step) -> Value {
    let mut a = Map::new();
    a.insert("id".into(), json!(fhir_id(&step.id)));
    a.insert("title".into(), json!(text(&step.title)));
    if let Some(d) = &step.detail {
        a.insert("description".into(), json!(text(d)));
    }
    a.insert(
        "code".into(),
        json!([{"coding": [{"system": STEP_KIND_SYSTEM, "code": step.kind.as_str()}], "text": step.kind.as_str()}]),
    );
    if !step.red_flags.is_empty() {
        let flags: Vec<Value> = step
            .red_flags
            .iter()
            .map(|f| json!({"url": RED_FLAG_EXTENSION, "valueString": text(f)}))
            .collect();
        a.insert("extension".into(), json!(flags));
    }
    if let Some(owner) = &step.owner {
        a.insert("participant".into(), json!([participant_role(p, owner)]));
    }
    let related: Vec<Value> = step
        .next
        .iter()
        .map(|n| json!({"actionId": fhir_id(n), "relationship": "before-start"}))
        .collect();
    if !related.is_empty() {
        a.insert("relatedAction".into(), json!(related));
    }
    if !step.branches.is_empty() {
        a.insert("selectionBehavior".into(), json!("exactly-one"));
        let branches: Vec<Value> = step
            .branches
            .iter()
            .enumerate()
            .map(|(n, b)| {
                json!({
                    "id": fhir_id(&format!("{}.branch-{}", step.id, n + 1)),
                    "title": text(&b.when),
                    "condition": [{"kind": "applicability", "expression": {"language": "text/plain", "description": text(&b.when)}}],
                    "relatedAction": [{"actionId": fhir_id(&b.next), "relationship": "before-start"}],
                })
            })
            .collect();
        a.insert("action".into(), json!(branches));
    }
    Value::Object(a)
}

/// The `PlanDefinition` of one pathway.
pub fn plan_definition(p: &Pathway) -> Value {
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("PlanDefinition"));
    r.insert("id".into(), json!(fhir_id(&p.id)));
    r.insert("name".into(), json!(machine_name(&p.id)));
    r.insert("title".into(), json!(text(&p.title)));
    r.insert(
        "type".into(),
        json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/plan-definition-type", "code": "clinical-protocol", "display": "Clinical Protocol"}]}),
    );
    r.insert("status".into(), json!(status(p.status)));
    if let Some(place) = &p.place {
        r.insert(
            "extension".into(),
            json!([{"url": PLACE_EXTENSION, "valueString": text(place)}]),
        );
        r.insert(
            "useContext".into(),
            json!([{"code": {"system": "http://terminology.hl7.org/CodeSystem/usage-context-type", "code": "venue"}, "valueCodeableConcept": {"text": text(place)}}]),
        );
    }
    if let Some(problem) = &p.problem {
        r.insert("description".into(), json!(text(problem)));
    }
    if !p.principles.is_empty() {
        let list: Vec<String> = p
            .principles
            .iter()
            .map(|x| format!("- {}", text(x)))
            .collect();
        r.insert(
            "purpose".into(),
            json!(format!("Principles:\n{}", list.join("\n"))),
        );
    }
    if !p.participants.is_empty() {
        let authors: Vec<Value> = p
            .participants
            .iter()
            .map(|x| json!({"name": format!("{} ({})", text(&x.name), x.kind.label())}))
            .collect();
        r.insert("author".into(), json!(authors));
    }
    let state = SignState::of(p);
    if !state.current.is_empty() {
        let endorsers: Vec<Value> = state
            .current
            .iter()
            .map(|s| {
                json!({"name": format!("{} (signed by {} on {})", text(p.participant_name(&s.participant)), text(&s.by), s.at.format("%Y-%m-%d"))})
            })
            .collect();
        r.insert("endorser".into(), json!(endorsers));
        if let Some(last) = state.current.iter().map(|s| s.at).max() {
            let day = last.date_naive().to_string();
            if p.status == Status::Agreed {
                r.insert("approvalDate".into(), json!(day));
            }
            r.insert("lastReviewDate".into(), json!(day));
        }
    }
    if let Some(due) = p.review_due {
        let mut period = Map::new();
        if p.status == Status::Agreed
            && let Some(r) = r.get("approvalDate")
        {
            period.insert("start".into(), r.clone());
        }
        period.insert("end".into(), json!(due.to_string()));
        r.insert("effectivePeriod".into(), Value::Object(period));
    }
    let mut goals: Vec<Value> = p
        .monday_morning
        .iter()
        .map(|m| {
            json!({
                "category": {"coding": [{"system": GOAL_SYSTEM, "code": "monday-morning"}], "text": "What will be different on Monday morning"},
                "description": {"text": text(&m.change)},
                "addresses": [{"coding": [{"system": PARTICIPANT_SYSTEM, "code": fhir_code(&m.who), "display": text(p.participant_name(&m.who))}]}],
            })
        })
        .collect();
    goals.extend(p.measures.iter().map(|m| {
        let mut target = Map::new();
        target.insert("measure".into(), json!({"text": text(&m.text)}));
        if let Some(t) = &m.target {
            target.insert("detailCodeableConcept".into(), json!({"text": text(t)}));
        }
        json!({
            "category": {"coding": [{"system": GOAL_SYSTEM, "code": "measure"}], "text": "Measure"},
            "description": {"text": text(&m.text)},
            "target": [Value::Object(target)],
        })
    }));
    if !goals.is_empty() {
        r.insert("goal".into(), json!(goals));
    }
    if !p.steps.is_empty() {
        let actions: Vec<Value> = p.steps.iter().map(|s| action(p, s)).collect();
        r.insert("action".into(), json!(actions));
    }
    Value::Object(r)
}

pub fn plan_definition_json(p: &Pathway) -> String {
    let mut s = serde_json::to_string_pretty(&plan_definition(p)).unwrap_or_default();
    s.push('\n');
    s
}
