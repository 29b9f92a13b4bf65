//! `set` on a long pathway from outlines comes to what the whole reading
//! comes to: the same text, the same history summary, the same refusal;
//! or it leaves the text as it was, for the whole reading to decide.

use super::{Planned, plan};
use crate::store::persist::history::summarise;
use crate::store::read::load::load_str_loaded;
use crate::text::yaml::edit::value_change;

const NAME: &str = "care-home-medication-review.yaml";
const STEPS: usize = 3000;

/// The example pathway with `STEPS` more steps before its own: long
/// enough to be read in pieces.
fn long() -> String {
    let long = longer_by(STEPS);
    assert!(long.len() > 256 * 1024);
    long
}

/// The example pathway with `n` more steps before its own.
fn longer_by(n: usize) -> String {
    let text = include_str!("../../../../pathways/care-home-medication-review.yaml");
    let mut steps = String::from("steps:\n");
    for i in 0..n {
        let next = if i + 1 == n {
            "identify".to_string()
        } else {
            format!("s{}", i + 1)
        };
        steps += &format!(
            "  - id: s{i}\n    title: \"Step {i}: check\"\n    owner: pcn-pharmacy\n    detail: |\n      Agreed, step {i}.\n    red_flags:\n      - New confusion\n    next: [{next}]\n"
        );
    }
    text.replacen("steps:\n", &steps, 1)
}

/// What the whole reading makes of setting `path` to `value` in `text`:
/// the text after and the history's summary, nothing to do, or refusal.
type Outcome = Result<Option<(String, (Vec<String>, usize))>, String>;

fn whole(text: &str, path: &str, value: &str) -> Outcome {
    let before = load_str_loaded(NAME, text)
        .map_err(|_| "does not load".to_string())?
        .pathway;
    let change = value_change(text, path, value).map_err(|e| format!("{NAME}: {e}"))?;
    let Some((span, new)) = change.filter(|(span, new)| text[span.clone()] != **new) else {
        return Ok(None);
    };
    let mut after_text = text.to_string();
    after_text.replace_range(span, &new);
    let after = load_str_loaded(NAME, &after_text)
        .map_err(|_| "invalid".to_string())?
        .pathway;
    let summary = summarise(&before, &after);
    Ok(Some((after_text, summary)))
}

/// What the outlines make of it; `None` where they leave it to the whole
/// reading (and the text is as it was).
fn outlined(text: &str, path: &str, value: &str) -> Option<Outcome> {
    let mut t = text.to_string();
    let planned = plan(NAME, &mut t, path, value);
    match planned {
        None | Some(Ok(Planned::Unread)) => {
            assert!(t == text, "{path}: the text was left changed");
            None
        }
        Some(Ok(Planned::Same)) => Some(Ok(None)),
        Some(Ok(Planned::Changed(edit))) => Some(Ok(Some((t, edit.summary)))),
        Some(Err(e)) => Some(Err(e.to_string())),
    }
}

#[test]
fn set_from_outlines_comes_to_what_the_whole_reading_does() {
    let text = long();
    let last = format!("steps.s{}.title", STEPS - 1);
    // (path, value, whether the outlines must decide it)
    let cases: &[(&str, &str, bool)] = &[
        ("title", "A new title", true),
        ("title", "Medication reviews in care homes", true),
        ("steps.s0.title", "First", true),
        ("steps.s10.title", "Tenth", true),
        (&last, "Last", true),
        ("steps.identify.title", "Find them", true),
        ("steps.s1500.owner", "tuhono", true),
        ("steps.s1500.detail", "Two\nlines", true),
        ("steps.s100.red_flags.0", "A new flag", true),
        ("steps.s5.next.0", "s7", true),
        ("steps.s5.kind", "referral", true),
        ("analyses.pcn-pharmacy.causes.0.weight", "low", true),
        ("participants.0.name", "The pharmacists", true),
        ("review_due", "2028-01-01", true),
        ("steps.nope.title", "x", true),
        ("steps.s1500.owner", "nobody", true),
        ("steps.s5.id", "s5b", true),
        ("steps.s0.next.0", "nowhere", true),
        ("steps.s9.kind", "decision", false),
        ("steps.s9.kind", "no-such-kind", false),
        ("status", "agreed", false),
        ("id", "another-id", false),
    ];
    for &(path, value, decided) in cases {
        let expected = whole(&text, path, value);
        match outlined(&text, path, value) {
            Some(got) => assert_eq!(got, expected, "{path} = {value}"),
            None => assert!(!decided, "{path} = {value} was left to the whole reading"),
        }
    }
}

#[test]
fn a_pathway_of_a_few_hundred_steps_is_set_from_outlines_too() {
    let text = longer_by(300);
    assert!(text.len() < 256 * 1024);
    for (path, value) in [("steps.s299.title", "Last"), ("title", "New")] {
        let got = outlined(&text, path, value);
        assert_eq!(got, Some(whole(&text, path, value)), "{path}");
    }
}

#[test]
fn a_reference_to_nothing_is_refused_once_a_pathway_is_past_draft() {
    let draft = long();
    let dangling = draft.replacen("next: [s1]\n", "next: [nowhere]\n", 1);
    for (text, status) in [
        (&draft, "in-review"),
        (&dangling, "in-review"),
        (&dangling, "draft"),
    ] {
        let text = text.replacen("status: draft\n", &format!("status: {status}\n"), 1);
        for (path, value) in [("steps.s5.next.0", "gone"), ("steps.s5.title", "Five")] {
            let expected = whole(&text, path, value);
            if let Some(got) = outlined(&text, path, value) {
                assert_eq!(got, expected, "{status}: {path} = {value}");
            }
        }
    }
}

#[test]
fn a_change_says_which_step_it_is_in_by_its_place_in_the_whole_pathway() {
    let text = long();
    let Some(Ok(Some((_, (lines, _))))) = outlined(&text, "steps.s2500.title", "Late") else {
        panic!("not set from outlines");
    };
    assert!(lines[0].starts_with("Step 2501, "), "{lines:?}");
}

#[test]
fn a_long_file_that_does_not_read_is_read_whole_with_the_same_problems() {
    let text = long().replacen("next: [s2]\n", "next: [s2\n", 1);
    let mut t = text.clone();
    let planned = plan(NAME, &mut t, "title", "x");
    assert!(matches!(planned, Some(Ok(Planned::Unread))));
    assert!(t == text);
    let whole = crate::store::read::load::load_str_loaded_whole(NAME, &text).err();
    assert!(whole.is_some());
    assert_eq!(whole, load_str_loaded(NAME, &text).err());
}
