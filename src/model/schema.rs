//! What carepath knows of the shape of a pathway file, in one place: the
//! keys of each kind of thing (read from the model types themselves, in
//! their order), which lists hold items with an `id`, and what each list's
//! items are called in words. Messages, the diff, the merge and the forms
//! ask here instead of keeping lists of their own.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::{
    Action, Analysis, Answer, Branch, Decision, Measure, MeasureValue, MondayChange, Participant,
    Pathway, Point, Question, SignOff, Step,
};

/// The keys a struct of the model reads, in the order it declares them,
/// taken from its `Deserialize` implementation so they cannot drift.
pub fn keys_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut found = Shape::default();
    let _ = T::deserialize(Introspect(&mut found));
    found.keys
}

/// The values an enum of the model reads (`draft`, `in-review`, …).
pub fn values_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut found = Shape::default();
    let _ = T::deserialize(Introspect(&mut found));
    found.values
}

/// The keys of a pathway file's top level, in the file's order.
pub fn pathway_keys() -> &'static [&'static str] {
    keys_of::<Pathway>()
}

/// The keys whose text names an item for people (a step's title, a
/// measure's text, a participant's name): each kind of item has one.
pub const LABEL_KEYS: &[&str] = &[
    "title",
    "text",
    "name",
    "change",
    "when",
    "participant",
    "agreed",
    "what",
    "date",
];

/// The words that name `item` for people: the text of a text item, or
/// the value of its label key.
pub fn label_of(item: &serde_json::Value) -> Option<&str> {
    match item {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Object(m) => LABEL_KEYS
            .iter()
            .find_map(|k| m.get(*k).and_then(serde_json::Value::as_str)),
        _ => None,
    }
}

/// A field as people call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    /// Its name on a form's row and in the JSON Schema: "review due",
    /// "goes to" (a branch's `next`), "for" (whom a change is for).
    pub label: &'static str,
    /// How a sentence names it before the item that holds it ("the weight
    /// of Oakview's cause 2"); `None` where the item is named instead.
    pub phrase: Option<&'static str>,
}

const fn f(key: &'static str, label: &'static str, phrase: Option<&'static str>) -> Field {
    Field { key, label, phrase }
}

/// The fields people see by name, once for every kind of item that has
/// them: forms label their rows with these, sentences name them, and the
/// JSON Schema gives them as titles.
const FIELDS: &[Field] = &[
    f("title", "title", None),
    f("place", "place", None),
    f("status", "status", None),
    f("review_due", "review due", None),
    f("problem", "problem", None),
    f("id", "id", Some("the id")),
    f("name", "name", Some("the name")),
    f("kind", "kind", Some("the kind")),
    f("owner", "owner", Some("the owner")),
    f("detail", "detail", Some("the detail")),
    f("red_flags", "red flags", Some("the red flags")),
    f("next", "goes to", Some("where it goes next")),
    f("branches", "branches", Some("the branches")),
    f("when", "when", Some("the condition")),
    f("who", "for", Some("whom it is for")),
    f("change", "change", None),
    f("text", "text", None),
    f("target", "target", Some("the target")),
    f("weight", "weight", Some("the weight")),
    f("evidence", "evidence", Some("the evidence")),
];

/// What people call the field `key`, if it is one they see by name.
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// The label of `key` for a form's row: its field's label, else the key
/// with its underscores as spaces.
pub fn label(key: &str) -> String {
    field(key).map_or_else(|| key.replace('_', " "), |f| f.label.to_string())
}

/// The title of the field `key` where it is named alone (the JSON
/// Schema's): its phrase without the article ("Where it goes next",
/// "Weight"), else its label ("Review due").
pub fn title(key: &str) -> Option<String> {
    let f = field(key)?;
    let words = f
        .phrase
        .map_or(f.label, |p| p.strip_prefix("the ").unwrap_or(p));
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
}

/// One kind of list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// What one item is called, for people: "step", "Monday-morning change".
    pub noun: &'static str,
    /// The item's keys in order; empty for a list of plain text.
    pub keys: &'static [&'static str],
}

impl Item {
    /// Whether the list's items are found by their `id` (in addresses
    /// such as `steps.plan-early.title`, and when lists are aligned).
    pub fn keyed_by_id(&self) -> bool {
        self.keys.contains(&"id")
    }

    /// Whether an item is text, not a set of keys.
    pub fn is_text(&self) -> bool {
        self.keys.is_empty()
    }

    /// The item's name where it is numbered in a row of its own ("Monday
    /// 2", "Next 1"): its noun, shortened where the noun is long.
    pub fn short(&self) -> &'static str {
        match self.noun {
            "Monday-morning change" => "Monday",
            "next step" => "next",
            noun => noun,
        }
    }
}

/// The items of the list under `key` (wherever it is in the file), or
/// `None` if no list of a pathway is called that.
pub fn list(key: &str) -> Option<Item> {
    let item = |noun, keys| Some(Item { noun, keys });
    match key {
        "participants" => item("participant", keys_of::<Participant>()),
        "steps" => item("step", keys_of::<Step>()),
        "branches" => item("branch", keys_of::<Branch>()),
        "causes" => item("cause", keys_of::<Point>()),
        "goals" => item("goal", keys_of::<Point>()),
        "values" => item("value", keys_of::<Point>()),
        "monday_morning" => item("Monday-morning change", keys_of::<MondayChange>()),
        "measures" => item("measure", keys_of::<Measure>()),
        "sign_off" => item("sign-off", keys_of::<SignOff>()),
        "decisions" => item("decision", keys_of::<Decision>()),
        "questions" => item("question", keys_of::<Question>()),
        "answers" => item("answer", keys_of::<Answer>()),
        "actions" => item("action", keys_of::<Action>()),
        "principles" => item("principle", &[]),
        "red_flags" => item("red flag", &[]),
        "next" => item("next step", &[]),
        _ => None,
    }
}

/// The items of the list under `key` inside an item of the list `parent`:
/// the names two lists share (`values`: an analysis's values, or the
/// values recorded for a measure; `participants`: the pathway's, or the
/// ids a decision names) are told apart by where they are.
pub fn list_in(parent: Option<&str>, key: &str) -> Option<Item> {
    match (parent, key) {
        (Some("measures"), "values") => Some(Item {
            noun: "recorded value",
            keys: keys_of::<MeasureValue>(),
        }),
        // A decision names the participants whose open items it settles
        // by their ids.
        (Some("decisions"), "participants") => Some(Item {
            noun: "participant",
            keys: &[],
        }),
        _ => list(key),
    }
}

/// The keys of each entry of the mapping under `key` (`analyses`: one
/// entry for each participant, named by the participant's id).
pub fn entries(key: &str) -> Option<&'static [&'static str]> {
    match key {
        "analyses" => Some(keys_of::<Analysis>()),
        _ => None,
    }
}

/// The keys allowed at the place a path of keys leads to (list indices
/// and entry names left out): `["steps", "branches"]` → a branch's keys.
pub fn keys_at(keys: &[&str]) -> &'static [&'static str] {
    let mut at = pathway_keys();
    let mut in_entries = false;
    let mut parent = None;
    for key in keys {
        if in_entries {
            // The name of an entry (an analysis's participant id).
            in_entries = false;
            continue;
        }
        if let Some(item) = list_in(parent, key) {
            parent = Some(*key);
            at = item.keys;
        } else if let Some(entry) = entries(key) {
            at = entry;
            in_entries = true;
        } else {
            return &[];
        }
    }
    at
}

#[derive(Default)]
struct Shape {
    keys: &'static [&'static str],
    values: &'static [&'static str],
}

/// A deserialiser that reads nothing and notes what a type asks for.
struct Introspect<'a>(&'a mut Shape);

#[derive(Debug)]
struct Seen;

impl std::fmt::Display for Seen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("introspection only")
    }
}

impl std::error::Error for Seen {}

impl de::Error for Seen {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Seen
    }
}

impl<'de> Deserializer<'de> for Introspect<'_> {
    type Error = Seen;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Seen> {
        Err(Seen)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Seen> {
        self.0.keys = fields;
        Err(Seen)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Seen> {
        self.0.values = variants;
        Err(Seen)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn keys_come_from_the_types_in_their_order() {
        assert_eq!(&pathway_keys()[..3], ["carepath", "id", "title"]);
        assert_eq!(keys_of::<Branch>(), ["when", "next"]);
        assert_eq!(values_of::<Status>()[0], "draft");
    }

    #[test]
    fn lists_know_their_items() {
        assert!(list("steps").is_some_and(|i| i.keyed_by_id()));
        assert!(list("causes").is_some_and(|i| i.keyed_by_id() && !i.is_text()));
        assert!(list("monday_morning").is_some_and(|i| i.keyed_by_id()));
        assert!(list("red_flags").is_some_and(|i| !i.keyed_by_id()));
        assert_eq!(
            keys_at(&["measures", "values"]),
            keys_of::<crate::model::MeasureValue>()
        );
        assert_eq!(
            keys_at(&["analyses", "oakview", "values"]),
            keys_of::<Point>()
        );
        assert!(list("principles").is_some_and(|i| i.is_text()));
        assert_eq!(keys_at(&["steps", "branches"]), keys_of::<Branch>());
        assert_eq!(
            keys_at(&["analyses", "oakview", "causes"]),
            keys_of::<Point>()
        );
        assert_eq!(keys_at(&["nowhere"]), [] as [&str; 0]);
    }

    #[test]
    fn fields_are_named_once_for_forms_sentences_and_titles() {
        assert_eq!(label("review_due"), "review due");
        assert_eq!(label("next"), "goes to");
        assert_eq!(label("based_on"), "based on");
        assert_eq!(field("weight").and_then(|f| f.phrase), Some("the weight"));
        assert_eq!(title("weight").as_deref(), Some("Weight"));
        assert_eq!(title("who").as_deref(), Some("Whom it is for"));
        assert_eq!(title("review_due").as_deref(), Some("Review due"));
        assert_eq!(title("digest"), None);
        assert_eq!(list("monday_morning").map(|i| i.short()), Some("Monday"));
    }

    #[test]
    fn every_kind_of_item_has_a_label() {
        // The first of LABEL_KEYS an item has names it; a date only where
        // nothing else does.
        let label = |keys: &[&str]| LABEL_KEYS.iter().find(|k| keys.contains(k)).copied();
        for (key, named_by) in [
            ("participants", "name"),
            ("steps", "title"),
            ("branches", "when"),
            ("causes", "text"),
            ("goals", "text"),
            ("values", "text"),
            ("monday_morning", "change"),
            ("measures", "text"),
            ("sign_off", "participant"),
            ("decisions", "agreed"),
            ("questions", "text"),
            ("answers", "text"),
            ("actions", "what"),
        ] {
            let keys = list(key).unwrap().keys;
            assert_eq!(label(keys), Some(named_by), "{key}: {keys:?}");
        }
        let values = list_in(Some("measures"), "values").unwrap().keys;
        assert_eq!(label(values), Some("date"));
    }
}
