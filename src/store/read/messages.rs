//! Turning parser and serde errors into sentences for clinicians: which
//! part of the pathway, what is wrong, and what would be right.

use serde::de::DeserializeOwned;

use crate::model::{FieldPath, Pathway, Seg, schema};
use crate::text::yaml::de::{self, Expected, Found, Mistake, Shape};
use crate::text::yaml::tree::Node;

pub use super::serde_words::describe_serde_error;

/// A YAML syntax problem from the scanner, in plain words.
pub fn file_problem(info: &str) -> String {
    if info.contains("alias") || info.contains("deeper than") || info.contains("more than one") {
        return info.to_string();
    }
    if info.contains("directive")
        || info.contains("document start")
        || info.contains("scanning a tag")
    {
        return "a line here starts with `%`, which YAML reads as a directive to the parser; if it is text, put it in quotes, like title: \"%s of patients\"".into();
    }
    if info.contains("cannot start any token") || info.contains("unexpected character") {
        return "a value here starts with a character YAML reserves (such as @ or `); put the text in quotes, like title: \"@home visits\"".into();
    }
    let hint = if info.contains("mapping values are not allowed") {
        "; text that contains `: ` must be in quotes, like title: \"Step 1: assess\""
    } else if info.contains("did not find expected") || info.contains("indentation") {
        "; check the indentation: items of a list line up under each other"
    } else if info.contains("tab") {
        "; YAML is indented with spaces, not tabs"
    } else {
        "; check the indentation and that text with special characters is in quotes"
    };
    format!("the YAML here is malformed ({info}){hint}")
}

/// Why a pathway did not deserialise, as a sentence naming the place in
/// the pathway. The place comes from the deserialiser's own record of
/// where it was (`serde_path_to_error`), the keys allowed there from the
/// model ([`schema`]), and the kind of mistake from reading the file's
/// tree ([`de`]) again, which says it as data. Only where there is no tree
/// (a file too large to map) or that reading stops elsewhere is the kind
/// read from the typed reading's own words.
pub fn describe_deserialise_error(
    error: &serde_path_to_error::Error<serde_yaml::Error>,
    tree: Option<&Node>,
) -> String {
    if let Some(Err(found)) = tree.map(de::read::<Pathway>)
        && found.path().to_string() == error.path().to_string()
    {
        return describe_mistake(&field_path(found.path()), found.inner());
    }
    super::serde_words::describe_typed(&field_path(error.path()), &error.inner().to_string())
}

/// Why `text` does not read as a `T`, as a sentence naming the place, or
/// `None` if it does (or is not YAML the tree can hold).
pub fn explain<T: DeserializeOwned>(text: &str) -> Option<String> {
    let tree = crate::text::yaml::tree::parse(text).ok()?;
    let found = de::read::<T>(&tree).err()?;
    Some(describe_mistake(&field_path(found.path()), found.inner()))
}

/// A mistake at `at` in words.
fn describe_mistake(at: &FieldPath, mistake: &Mistake) -> String {
    let place = place_name(at);
    let field = last_field(at);
    let field = field.as_str();
    match mistake {
        Mistake::UnknownKey { key, expected } => {
            // The path ends at the unknown key; the keys allowed are
            // those of what holds it.
            let mut keys = keys_of(at);
            if keys.last() == Some(&key.as_str()) {
                keys.pop();
            }
            let allowed: Vec<String> = match schema::keys_at(&keys) {
                [] => expected.iter().map(|k| k.to_string()).collect(),
                known => known.iter().map(|k| k.to_string()).collect(),
            };
            unknown_key(key, &place, &allowed)
        }
        Mistake::MissingKey(key) => format!("{} is missing its `{key}`", capitalise(&place)),
        Mistake::UnknownChoice { value, expected } => {
            let what = if field.is_empty() { "value" } else { field };
            format!(
                "`{value}` is not a valid {what}; choose one of: {}",
                expected.join(", ")
            )
        }
        Mistake::WrongShape { .. } if at.segments().is_empty() => NOT_A_PATHWAY.into(),
        Mistake::WrongShape { expected, found } => format!(
            "`{field}` in {place} should be {}, but it is {}",
            expected_words(expected),
            found_words(found)
        ),
        _ if date_field(field).is_some() => {
            date_field(field).map(|f| f(&place)).unwrap_or_default()
        }
        Mistake::BadValue { expected, found } => format!(
            "`{field}` in {place} should be {}, not {}",
            expected_words(expected),
            found_words(found)
        ),
        Mistake::Other(msg) if at.segments().is_empty() => msg.clone(),
        Mistake::Other(msg) => format!("{place}: {msg}"),
    }
}

pub(super) const NOT_A_PATHWAY: &str = "this is not a pathway: a pathway file is a set of `key: value` lines starting with `carepath: 1`";

/// What a date field that does not hold a date is told, by its key.
pub(super) fn date_field(field: &str) -> Option<fn(&str) -> String> {
    match field {
        "review_due" => Some(|_| "review_due must be a date like 2027-05-01".into()),
        "date" => Some(|place| format!("`date` in {place} must be a date like 2026-11-30")),
        "due" => Some(|place| format!("`due` in {place} must be a date like 2026-11-30")),
        "at" => Some(|_| "the sign-off time must look like 2026-11-20T10:02:00Z".into()),
        _ => None,
    }
}

pub(super) fn unknown_key(key: &str, place: &str, allowed: &[String]) -> String {
    let suggestion = closest(key, allowed)
        .map(|k| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default();
    let list = if allowed.is_empty() {
        String::new()
    } else {
        format!("; keys allowed here: {}", allowed.join(", "))
    };
    format!("unknown key {} in {place}{suggestion}{list}", quoted(key))
}

fn shape_words(shape: Shape) -> &'static str {
    match shape {
        Shape::Text => "text",
        Shape::WholeNumber => "a whole number",
        Shape::Number => "a number",
        Shape::YesNo => "a boolean",
        Shape::List => "a list (lines starting with `- `)",
        Shape::Map => "a set of `key: value` lines",
        Shape::Nothing => "empty",
    }
}

fn expected_words(expected: &Expected) -> String {
    match expected {
        Expected::Shape(shape) => shape_words(*shape).into(),
        Expected::Described(words) => words.clone(),
    }
}

fn found_words(found: &Found) -> String {
    match found {
        Found::Text(s) => format!("text {s:?}"),
        Found::Whole(n) => format!("integer `{n}`"),
        Found::Number(x) => format!("floating point `{x}`"),
        Found::YesNo(b) => format!("boolean `{b}`"),
        Found::List => shape_words(Shape::List).into(),
        Found::Map => shape_words(Shape::Map).into(),
        Found::Nothing => shape_words(Shape::Nothing).into(),
        Found::Other(words) => words.clone(),
    }
}

/// The last key or index of a path, as text.
pub(super) fn last_field(at: &FieldPath) -> String {
    match at.segments().last() {
        Some(Seg::Key(k) | Seg::Id(k)) => k.clone(),
        Some(Seg::Index(i)) => i.to_string(),
        None => String::new(),
    }
}

/// The keys of a path, its indices left out.
pub(super) fn keys_of(at: &FieldPath) -> Vec<&str> {
    at.segments()
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) | Seg::Id(_) => None,
        })
        .collect()
}

/// The deserialiser's path as the model's typed address.
fn field_path(path: &serde_path_to_error::Path) -> FieldPath {
    use serde_path_to_error::Segment;
    path.iter().fold(FieldPath::root(), |p, seg| match seg {
        Segment::Seq { index } => p.index(*index),
        Segment::Map { key } => p.key(key.as_str()),
        Segment::Enum { variant } => p.key(variant.as_str()),
        Segment::Unknown => p,
    })
}

/// A key as the messages show it: in backticks, or in double quotes when
/// it holds backticks itself.
fn quoted(key: &str) -> String {
    if key.contains('`') {
        format!("{key:?}")
    } else {
        format!("`{key}`")
    }
}

/// `steps[2].branches[0]` → "step 3, branch 1", for people. What each
/// list's items are called comes from the model's [`schema`].
pub(super) fn place_name(path: &FieldPath) -> String {
    let segs = path.segments();
    let mut names = Vec::new();
    for (i, seg) in segs.iter().enumerate() {
        let Seg::Key(key) = seg else {
            continue;
        };
        let index = match segs.get(i + 1) {
            Some(Seg::Index(n)) => Some(*n),
            _ => None,
        };
        if let Some(Seg::Id(id)) = segs.get(i + 1)
            && let Some(item) = schema::list(key)
        {
            names.push(format!("{} {id}", item.noun));
            continue;
        }
        let Some(item) = schema::list(key) else {
            if i > 0 && matches!(&segs[i - 1], Seg::Key(k) if schema::entries(k).is_some()) {
                names.push(format!("{} analysis", crate::model::words::possessive(key)));
            }
            continue;
        };
        match index {
            Some(n) => names.push(format!("{} {}", item.noun, n + 1)),
            None if i + 1 == segs.len() => {}
            None => names.push(format!("the {key}")),
        }
    }
    if names.is_empty() {
        "the pathway".into()
    } else {
        names.join(", ")
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The allowed key closest to a typo, if it is close enough to be a guess
/// worth offering.
pub(crate) fn closest(typo: &str, allowed: &[String]) -> Option<String> {
    allowed
        .iter()
        .map(|k| (strsim::levenshtein(typo, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_named_for_people() {
        let named = |p: &str| place_name(&FieldPath::parse(p));
        assert_eq!(named("steps[2]"), "step 3");
        assert_eq!(named("steps[0].branches[1]"), "step 1, branch 2");
        assert_eq!(
            named("analyses.oakview.causes[0]"),
            "oakview's analysis, cause 1"
        );
        assert_eq!(named("."), "the pathway");
    }

    #[test]
    fn typos_get_a_suggestion() {
        let m = describe_serde_error(
            "steps[0]: unknown field `red_flag`, expected one of `id`, `title`, `red_flags`",
        );
        assert_eq!(
            m,
            "unknown key `red_flag` in step 1 (did you mean `red_flags`?); keys allowed here: id, title, kind, owner, detail, red_flags, next, branches"
        );
    }

    const BASE: &str = "carepath: 1\nid: p\ntitle: T\nparticipants:\n  - id: hosp\n    name: H\n    kind: hospital\n";

    /// Broken pathways, each with one kind of mistake.
    fn broken() -> Vec<String> {
        vec![
            format!("{BASE}steps:\n  - id: s\n    title: S\n    red_flag: [x]\n"),
            "carepath: 1\nid: p\ntitle: T\nreview: 2027-01-01\n".into(),
            format!("{BASE}steps:\n  - id: s\n    kind: action\n"),
            format!("{BASE}steps:\n  - id: s\n    title: S\n    kind: actoin\n"),
            "carepath: 1\nid: p\ntitle: T\nstatus: drafty\n".into(),
            "carepath: 1\nid: p\ntitle: T\nprinciples: Everybody counts\n".into(),
            "carepath: 1\nid: p\ntitle: T\nreview_due: next May\n".into(),
            "carepath: 1\nid: p\ntitle: T\n\"a`b`c\": 1\n".into(),
            "carepath: 1\nid: p\ntitle: [T]\n".into(),
            "carepath: 99999999999\nid: p\ntitle: T\n".into(),
            "carepath: one\nid: p\ntitle: T\n".into(),
            format!("{BASE}analyses:\n  hosp:\n    causes:\n      - txt: x\n"),
            format!(
                "{BASE}measures:\n  - text: m\n    values:\n      - date: 2026-02-31\n        value: 1\n"
            ),
            "hello\n".into(),
        ]
    }

    /// The typed reading's error and the tree of `text`.
    fn read_both(text: &str) -> (serde_path_to_error::Error<serde_yaml::Error>, Node) {
        let typed: Result<Pathway, _> =
            serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text));
        let tree = crate::text::yaml::tree::parse(text).unwrap();
        (typed.unwrap_err(), tree)
    }

    #[test]
    fn the_tree_finds_each_mistake_where_the_typed_reading_does() {
        for text in broken() {
            let (typed, tree) = read_both(&text);
            let found = de::read::<Pathway>(&tree).unwrap_err();
            assert_eq!(found.path().to_string(), typed.path().to_string(), "{text}");
        }
    }

    #[test]
    fn messages_from_the_mistake_as_data_read_as_they_always_have() {
        for text in broken() {
            let (typed, tree) = read_both(&text);
            assert_eq!(
                describe_deserialise_error(&typed, Some(&tree)),
                describe_deserialise_error(&typed, None),
                "{text}"
            );
        }
    }

    #[test]
    fn each_kind_of_mistake_is_said_in_words() {
        let said = |text: &str| explain::<Pathway>(text).unwrap();
        let b = broken();
        assert_eq!(
            said(&b[0]),
            "unknown key `red_flag` in step 1 (did you mean `red_flags`?); keys allowed here: id, title, kind, owner, detail, red_flags, next, branches"
        );
        assert!(said(&b[1]).starts_with("unknown key `review` in the pathway"));
        assert_eq!(said(&b[2]), "Step 1 is missing its `title`");
        assert_eq!(
            said(&b[3]),
            "`actoin` is not a valid kind; choose one of: action, decision, referral, information"
        );
        assert_eq!(
            said(&b[5]),
            "`principles` in the pathway should be a list (lines starting with `- `), but it is text \"Everybody counts\""
        );
        assert_eq!(said(&b[6]), "review_due must be a date like 2027-05-01");
        assert!(said(&b[7]).starts_with("unknown key \"a`b`c\" in the pathway"));
        assert_eq!(
            said(&b[8]),
            "`title` in the pathway should be text, but it is a list (lines starting with `- `)"
        );
        assert_eq!(
            said(&b[11]),
            "unknown key `txt` in hosp's analysis, cause 1 (did you mean `text`?); keys allowed here: id, text, weight, evidence"
        );
        assert!(said(&b[13]).starts_with("this is not a pathway"));
        assert_eq!(explain::<Pathway>(BASE), None);
    }

    #[test]
    fn a_key_far_from_every_allowed_one_gets_no_guess() {
        let allowed = ["title".to_string(), "steps".to_string()];
        assert_eq!(closest("titel", &allowed).as_deref(), Some("title"));
        assert_eq!(closest("measures", &allowed), None);
    }
}
