//! The library list's summary of a pathway file read from the entries it
//! shows alone, without building the whole document: the list of a large
//! library needs a few fields of each file, and reading every file whole
//! (into the typed model, then checking it) costs several times as much.
//!
//! The file's top-level entries are found line by line; only those the
//! list shows (id, title, status, place, review date, participants, the
//! problem, sign-offs, the meeting's questions and actions) are parsed,
//! as YAML. The scan is careful rather
//! than clever: it gives up — the caller then reads the file whole, as
//! before — on anything it is not sure of: a line it cannot place, an
//! unknown or repeated key, a tag, a value that might not be text, a
//! second document, sign-offs (whose standing needs the whole content), an
//! id that does not match the file name. What it does not look at (the
//! steps, the analyses, the measures) is checked when the pathway is
//! opened, and by `carepath check`: a mistake there shows in the list
//! once the pathway has been opened.

use chrono::NaiveDate;
use saphyr_parser::{Event, Parser, ScalarStyle};

use super::summary::{Summary, Who, problem_start};
use crate::model::{ParticipantKind, Status};

/// The summary of the text of a pathway file whose name without `.yaml`
/// is `stem`, or `None` when the file should be read whole instead. The
/// text must have passed the limits every command applies
/// ([`crate::store::read::input::check`]) first.
pub fn scan(stem: Option<&str>, text: &str) -> Option<Summary> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let listed = top_level_part(text, &LISTED)?;
    let mut events = Events(Parser::new_from_str(&listed));
    if !matches!(events.next()?, Event::StreamStart) {
        return None;
    }
    if !matches!(events.next()?, Event::DocumentStart(_)) {
        return None;
    }
    if !matches!(events.next()?, Event::MappingStart(_, None)) {
        return None;
    }
    // Every key a pathway may have at its top level, as the model says.
    let keys = crate::model::schema::pathway_keys();
    let mut seen = vec![false; keys.len()];
    let mut format = None;
    let mut id = None;
    let mut title = None;
    let mut place = None;
    let mut status = Status::default();
    let mut review_due = None;
    let mut participants = Vec::new();
    let mut problem = None;
    let mut open_questions = 0;
    let mut actions_due = Vec::new();
    loop {
        let key = match events.next()? {
            Event::MappingEnd => break,
            Event::Scalar(k, ScalarStyle::Plain, _, None) => k,
            _ => return None,
        };
        let slot = keys.iter().position(|k| *k == key)?;
        if std::mem::replace(&mut seen[slot], true) {
            return None;
        }
        match keys[slot] {
            "carepath" => format = Some(plain(events.next()?)?),
            "id" => id = Some(text_of(events.next()?)?),
            "title" => title = Some(text_of(events.next()?)?),
            "place" => place = optional(events.next()?)?,
            "problem" => problem = optional(events.next()?)?,
            "status" => status = status_of(&plain(events.next()?)?)?,
            "review_due" => {
                review_due = match optional(events.next()?)? {
                    Some(d) => Some(d.parse::<NaiveDate>().ok()?),
                    None => None,
                }
            }
            "participants" => participants = who(&mut events)?,
            "questions" => open_questions = super::meeting_scan::open_questions(&mut events)?,
            "actions" => actions_due = super::meeting_scan::actions_due(&mut events)?,
            "sign_off" => {
                // Whether a sign-off holds depends on the whole content:
                // a file with any is read whole.
                match events.next()? {
                    Event::SequenceStart(_, None) => {}
                    _ => return None,
                }
                if !matches!(events.next()?, Event::SequenceEnd) {
                    return None;
                }
            }
            _ => events.skip_value()?,
        }
    }
    if !matches!(events.next()?, Event::DocumentEnd) || !matches!(events.next()?, Event::StreamEnd)
    {
        return None;
    }
    let id = id?;
    if format.as_deref() != Some("1") || stem.is_some_and(|s| s != id) {
        return None;
    }
    Some(Summary {
        id,
        title: title?,
        status,
        place,
        review_due,
        participants,
        problem: problem.map(|t| problem_start(&t)),
        signed: 0,
        signed_current: 0,
        open_questions,
        actions_due,
    })
}

/// The keys whose values the list shows (or that decide whether it can
/// be shown from a scan): only these entries of the file are parsed.
const LISTED: [&str; 11] = [
    "carepath",
    "id",
    "title",
    "place",
    "status",
    "review_due",
    "participants",
    "problem",
    "sign_off",
    // The meeting's records the list counts from.
    "questions",
    "actions",
];

/// The top-level entries of `text` whose keys are in `wanted`, as a YAML
/// text of their own, found line by line: each top-level entry starts with
/// its key at the start of a line (`steps:`), and every line up to the
/// next such key belongs to it (a `- ` at the start of a line is an item of
/// the entry above). The other entries (steps, analyses: most of a file)
/// are passed over unparsed. `None` when a line at the start of a line is
/// anything but a plain key, a comment, an item of an entry or a first
/// `---` (a document this simple reading might misread), or when a key is
/// unknown or repeated. The library's list and `carepath actions` read
/// their few entries this way.
pub(crate) fn top_level_part(text: &str, wanted: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(1024);
    let keys = crate::model::schema::pathway_keys();
    let mut seen = vec![false; keys.len()];
    let mut keep = false;
    let mut first = true;
    for line in text.split_inclusive('\n') {
        let item = line.starts_with("- ") || line.trim_end() == "-";
        let starts_entry = !item && !line.starts_with([' ', '\t', '\n', '\r', '#']);
        if starts_entry {
            if std::mem::take(&mut first) && line.trim_end() == "---" {
                continue;
            }
            let key = line.split_once(':').map(|(k, _)| k)?;
            let rest = &line[key.len() + 1..];
            if !rest.is_empty() && !rest.starts_with([' ', '\t', '\n', '\r']) {
                return None;
            }
            let slot = keys.iter().position(|k| *k == key)?;
            if std::mem::replace(&mut seen[slot], true) {
                return None;
            }
            keep = wanted.contains(&key);
        } else if item && !seen.contains(&true) {
            // A list before any key: the document is not a mapping.
            return None;
        }
        // Blank lines and comments at the start of a line belong to the
        // entry above; a block of text keeps its blank lines.
        if keep {
            out.push_str(line);
        }
    }
    Some(out)
}

/// The parser's events, ending (as `None`) at the first error.
pub(super) struct Events<'a>(Parser<'a, saphyr_parser::StrInput<'a>>);

impl<'a> Events<'a> {
    pub(super) fn next(&mut self) -> Option<Event<'a>> {
        match self.0.next()? {
            Ok((Event::Alias(_), _)) | Err(_) => None,
            Ok((e, _)) => Some(e),
        }
    }

    /// Reads past one value, however deep.
    pub(super) fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
                Event::MappingEnd | Event::SequenceEnd => depth = depth.checked_sub(1)?,
                Event::Scalar(..) => {}
                _ => return None,
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

/// Whether a plain scalar would be read as something other than text
/// (null, true/false, a number): such a value is left to the whole
/// reading, which says what is wrong with it.
fn not_text(s: &str) -> bool {
    let word = matches!(
        s,
        "" | "~"
            | "null"
            | "Null"
            | "NULL"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
    );
    let number = s.parse::<f64>().is_ok()
        || s.starts_with("0x")
        || s.starts_with("0o")
        || matches!(
            s.trim_start_matches(['-', '+']),
            ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
        );
    word || number
}

/// A plain, untagged scalar.
fn plain(e: Event<'_>) -> Option<String> {
    match e {
        Event::Scalar(v, ScalarStyle::Plain, _, None) => Some(String::from(&*v)),
        _ => None,
    }
}

/// A text value: a quoted or block scalar, or a plain one that is text.
pub(super) fn text_of(e: Event<'_>) -> Option<String> {
    match e {
        Event::Scalar(v, ScalarStyle::Plain, _, None) if not_text(&v) => None,
        Event::Scalar(v, _, _, None) => Some(String::from(&*v)),
        _ => None,
    }
}

/// A text value that may be left empty (null).
fn optional(e: Event<'_>) -> Option<Option<String>> {
    match e {
        Event::Scalar(v, ScalarStyle::Plain, _, None)
            if matches!(&*v, "" | "~" | "null" | "Null" | "NULL") =>
        {
            Some(None)
        }
        e => text_of(e).map(Some),
    }
}

fn status_of(s: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|x| x.as_str() == s)
}

fn kind_of(s: &str) -> Option<ParticipantKind> {
    ParticipantKind::ALL.into_iter().find(|k| k.as_str() == s)
}

/// The participants: a list of mappings of exactly `id`, `name`, `kind`.
fn who(events: &mut Events<'_>) -> Option<Vec<Who>> {
    let mut out = Vec::new();
    match events.next()? {
        Event::SequenceStart(_, None) => {}
        _ => return None,
    }
    loop {
        match events.next()? {
            Event::SequenceEnd => return Some(out),
            Event::MappingStart(_, None) => {}
            _ => return None,
        }
        let (mut id, mut name, mut kind) = (None, None, None);
        loop {
            let key = match events.next()? {
                Event::MappingEnd => break,
                Event::Scalar(k, ScalarStyle::Plain, _, None) => k,
                _ => return None,
            };
            let value = text_of(events.next()?)?;
            let slot = match &*key {
                "id" => &mut id,
                "name" => &mut name,
                "kind" => &mut kind,
                _ => return None,
            };
            if slot.replace(value).is_some() {
                return None;
            }
        }
        out.push(Who {
            id: id?,
            name: name?,
            kind: kind_of(&kind?)?,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::read::load::load_bytes;

    fn stem(name: &str) -> &str {
        name.trim_end_matches(".yaml")
    }

    #[test]
    fn the_scan_lists_each_example_as_reading_it_whole_does() {
        for (name, bytes) in crate::store::library::builtin::examples() {
            let text = std::str::from_utf8(bytes).unwrap();
            let whole = Summary::of(&load_bytes(name, bytes).unwrap());
            match scan(Some(stem(name)), text) {
                Some(s) => assert_eq!(s, whole, "{name}"),
                // Only a pathway with sign-offs is left to the whole
                // reading.
                None => assert!(whole.signed > 0, "{name} was not scanned"),
            }
        }
    }

    #[test]
    fn the_scan_lists_a_generated_library_as_reading_it_whole_does() {
        let dir = tempfile::tempdir().unwrap();
        crate::store::library::generate::write_library(dir.path(), 12).unwrap();
        let mut scanned = 0;
        for path in crate::store::library::scan_folder(dir.path()).unwrap() {
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_str().unwrap();
            let whole = Summary::of(&load_bytes(name, &bytes).unwrap());
            let text = std::str::from_utf8(&bytes).unwrap();
            match scan(Some(stem(name)), text) {
                Some(s) => {
                    assert_eq!(s, whole, "{name}");
                    scanned += 1;
                }
                None => assert!(whole.signed > 0, "{name} was not scanned"),
            }
        }
        assert_eq!(scanned, 12, "only {scanned} of 12 scanned");
    }

    #[test]
    fn the_entries_the_list_does_not_show_are_not_parsed() {
        let text = "# A comment\n---\ncarepath: 1\nid: a\n\ntitle: A\nsteps:\n  - id: [\n\
                    problem: |\n  Two lines\n\n  of text\n";
        let s = scan(Some("a"), text).unwrap();
        assert_eq!(s.title, "A");
        assert_eq!(s.problem.as_deref(), Some("Two lines\n\nof text\n"));
    }

    #[test]
    fn anything_unusual_is_left_to_the_whole_reading() {
        let ok = "carepath: 1\nid: a\ntitle: A\nstatus: agreed\nplace: Here\n\
                  participants:\n  - id: gp\n    name: The practice\n    kind: gp\n\
                  steps:\n  - id: s\n    title: S\n";
        let s = scan(Some("a"), ok).unwrap();
        assert_eq!(s.status, Status::Agreed);
        assert_eq!(s.participants[0].kind, ParticipantKind::Gp);
        for bad in [
            "",
            "carepath: 1\nid: [",
            "carepath: 1\nid: a\ntitle: A\nstatus: finished\n",
            "carepath: 2\nid: a\ntitle: A\n",
            "carepath: 1\nid: b\ntitle: A\n",
            "carepath: 1\nid: a\n",
            "carepath: 1\nid: a\ntitle: A\ntitel: B\n",
            "carepath: 1\nid: a\ntitle: A\ntitle: B\n",
            "carepath: 1\nid: a\ntitle: 2024\n",
            "carepath: 1\nid: a\ntitle: !!str A\n",
            "carepath: 1\nid: a\ntitle: A\nreview_due: soon\n",
            "carepath: 1\nid: a\ntitle: A\nparticipants:\n  - id: x\n    name: X\n    kind: alien\n",
            "carepath: 1\nid: a\ntitle: A\nparticipants:\n  - id: x\n    name: X\n    kind: gp\n    role: y\n",
            "carepath: 1\nid: a\ntitle: A\nsign_off:\n  - participant: gp\n",
            "carepath: 1\nid: a\ntitle: A\n---\ncarepath: 1\n",
            "- carepath: 1\n",
            "carepath: 1\nid: a\ntitle: \"A\n",
            "carepath: 1\nid: a\ntitle: A\nmore\n",
            "carepath: 1\nid: a\ntitle: A\n\"steps\": []\n",
            "carepath: 1\nid: a\ntitle: A\nsteps:[]\n",
            "carepath: 1\nid: a\ntitle: A\nsteps: []\nsteps: []\n",
        ] {
            assert_eq!(scan(Some("a"), bad), None, "{bad:?}");
        }
    }
}
