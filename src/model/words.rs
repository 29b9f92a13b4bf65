//! Addresses in a pathway said in words, for people: "Oakview's cause 5,
//! 'Agency night staff…'" rather than `analyses.oakview.causes[4]`, and
//! "Riverside Medical Group's sign-off" rather than `sign_off[3].at`. The
//! YAML path stays for the detail view, scripts and the JSON output; every
//! message, notice, history line and conflict screen goes through here.

use super::Pathway;

/// How much of an item's title a description quotes.
const QUOTED: usize = 28;

/// `name`'s, as English writes it: "Oakview's", "the wards'".
pub fn possessive(name: &str) -> String {
    if name.ends_with(['s', 'S']) && !name.ends_with("ss") {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// `text` on one line, cut at a word boundary to about [`QUOTED`]
/// characters and quoted.
pub fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= QUOTED {
        return format!("'{one_line}'");
    }
    let cut: String = one_line.chars().take(QUOTED).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > QUOTED / 2 => cut[..at].to_string(),
        _ => cut,
    };
    format!("'{}…'", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// The segments of a path in either notation: `steps.1.red_flags.0` (as
/// `carepath set` and the app address fields) or `steps[plan-early].title`
/// and `analyses.oakview.causes[4]` (as differences and merges report them).
fn segments(path: &str) -> Vec<String> {
    path.replace('[', ".")
        .replace(']', "")
        .split('.')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Item `seg` of a list: by number, else by its id.
fn find<'a, T>(
    items: &'a [T],
    seg: &str,
    id: impl Fn(&T) -> Option<&str>,
) -> Option<(usize, &'a T)> {
    match seg.parse::<usize>() {
        Ok(i) => items.get(i).map(|x| (i, x)),
        Err(_) => items.iter().enumerate().find(|(_, x)| id(x) == Some(seg)),
    }
}

/// The field of an item in words, put before what it belongs to (from
/// the model's [`schema`](super::schema)).
fn field_word(field: &str) -> Option<&'static str> {
    super::schema::field(field).and_then(|f| f.phrase)
}

/// `thing`, or "the weight of thing" when the path goes on to a field.
fn of(thing: String, rest: &[String], main: &[&str]) -> String {
    match rest.first().map(String::as_str) {
        None => thing,
        Some(f) if main.contains(&f) => thing,
        Some(f) => match field_word(f) {
            Some(word) => format!("{word} of {thing}"),
            None => thing,
        },
    }
}

/// `path` in words, naming participants, steps and items by what people
/// call them. Without a pathway (or where the path leads nowhere in it),
/// ids and numbers stand in for names.
pub fn describe(p: Option<&Pathway>, path: &str) -> String {
    describe_from(p, path, 0)
}

/// [`describe`] where `p`'s steps are the pathway's from place
/// `first_step` on (the few steps a change touched, of a long pathway).
pub fn describe_from(p: Option<&Pathway>, path: &str, first_step: usize) -> String {
    let segs = segments(path);
    let Some(first) = segs.first() else {
        return "the whole pathway".into();
    };
    let rest = &segs[1..];
    let nth = |seg: Option<&String>| -> Option<usize> {
        seg.and_then(|s| s.parse::<usize>().ok()).map(|i| i + 1)
    };
    let name = |id: &str| -> String {
        p.and_then(|p| p.participant(id))
            .map_or_else(|| id.to_string(), |x| x.name.clone())
    };
    match first.as_str() {
        "title" => "the title".into(),
        "place" => "the place".into(),
        "status" => "the status".into(),
        "review_due" => "the review date".into(),
        "problem" => "the problem statement".into(),
        "id" => "the pathway's id".into(),
        "carepath" => "the format version".into(),
        "principles" => match rest.first() {
            None => "the principles".into(),
            Some(seg) => {
                let text = p.and_then(|p| find(&p.principles, seg, |_| None));
                match text {
                    Some((i, t)) => format!("principle {}, {}", i + 1, quote(t)),
                    None => format!(
                        "principle {}",
                        nth(Some(seg)).map_or(seg.clone(), |n| n.to_string())
                    ),
                }
            }
        },
        "participants" => match rest.first() {
            None => "who takes part".into(),
            Some(seg) => {
                let found = p.and_then(|p| find(&p.participants, seg, |x| Some(x.id.as_str())));
                let thing = match found {
                    Some((_, x)) => format!("the participant {}", x.name),
                    None => format!("participant {seg}"),
                };
                of(thing, &rest[1..], &[])
            }
        },
        "analyses" => match rest {
            [] => "the analyses".into(),
            [who] => format!("{} analysis", possessive(&name(who))),
            [who, section] => format!("{} {section}", possessive(&name(who))),
            [who, section, seg, more @ ..] => {
                let noun = section.trim_end_matches('s');
                let points =
                    p.and_then(|p| p.analyses.get(who.as_str())).and_then(|a| {
                        match section.as_str() {
                            "causes" => Some(&a.causes),
                            "goals" => Some(&a.goals),
                            "values" => Some(&a.values),
                            _ => None,
                        }
                    });
                let found = points.and_then(|l| find(l, seg, |x| x.id.as_deref()));
                let thing = match found {
                    Some((i, x)) => format!(
                        "{} {noun} {}, {}",
                        possessive(&name(who)),
                        i + 1,
                        quote(&x.text)
                    ),
                    None => format!(
                        "{} {noun} {}",
                        possessive(&name(who)),
                        nth(Some(seg)).map_or(seg.clone(), |n| n.to_string())
                    ),
                };
                of(thing, more, &["text"])
            }
        },
        "steps" => match rest.first() {
            None => "the steps".into(),
            Some(seg) => {
                let found = p.and_then(|p| find(&p.steps, seg, |s| Some(s.id.as_str())));
                let step = match found {
                    Some((i, s)) => format!("step {}, {}", first_step + i + 1, quote(&s.title)),
                    None => match seg.parse::<usize>() {
                        Ok(i) => format!("step {}", i + 1),
                        Err(_) => format!("the step {seg}"),
                    },
                };
                match &rest[1..] {
                    [list, k, ..] if list == "red_flags" => {
                        let flag = found
                            .zip(k.parse::<usize>().ok())
                            .and_then(|((_, s), k)| s.red_flags.get(k).map(|f| (k, f)));
                        match flag {
                            Some((k, f)) => format!("red flag {} of {step}, {}", k + 1, quote(f)),
                            None => format!("a red flag of {step}"),
                        }
                    }
                    [list, k, ..] if list == "branches" => {
                        let n = nth(Some(k)).map_or(k.clone(), |n| n.to_string());
                        format!("branch {n} of {step}")
                    }
                    [list, _, ..] if list == "next" => format!("where {step} goes next"),
                    more => of(step, more, &["title"]),
                }
            }
        },
        "monday_morning" => match rest.first() {
            None => "the Monday-morning changes".into(),
            Some(seg) => {
                let found = p.and_then(|p| find(&p.monday_morning, seg, |_| None));
                let thing = match found {
                    Some((i, m)) => {
                        format!("Monday-morning change {}, {}", i + 1, quote(&m.change))
                    }
                    None => "a Monday-morning change".to_string(),
                };
                of(thing, &rest[1..], &["change"])
            }
        },
        "measures" => match rest.first() {
            None => "the measures".into(),
            Some(seg) => {
                let found = p.and_then(|p| find(&p.measures, seg, |_| None));
                let thing = match found {
                    Some((i, m)) => format!("measure {}, {}", i + 1, quote(&m.text)),
                    None => "a measure".to_string(),
                };
                of(thing, &rest[1..], &["text"])
            }
        },
        "sign_off" => match rest.first() {
            None => "the sign-offs".into(),
            Some(seg) => match p.and_then(|p| find(&p.sign_off, seg, |_| None)) {
                Some((_, s)) => format!("{} sign-off", possessive(&name(&s.participant))),
                None => "a sign-off".into(),
            },
        },
        other => format!("the {}", other.replace('_', " ")),
    }
}

/// The lists and mappings a path can start with.
const ROOTS: [&str; 7] = [
    "participants",
    "principles",
    "analyses",
    "steps",
    "monday_morning",
    "measures",
    "sign_off",
];

/// Where a path starts in `text` and where it ends: a root followed by `.`
/// or `[` and what continues it (`steps.1.red_flags.0`, `sign_off[3].at`).
fn next_path(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while at < text.len() {
        let rest = &text[at..];
        let found = ROOTS
            .iter()
            .filter_map(|r| rest.find(r).map(|i| (i, r.len())))
            .min_by_key(|(i, _)| *i)?;
        let start = at + found.0;
        let after = start + found.1;
        let boundary = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
        let continues = text[after..].starts_with(['.', '['])
            && text[after + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if boundary && continues {
            let len = text[after..]
                .find(|c: char| !(c.is_alphanumeric() || "._-[]".contains(c)))
                .unwrap_or(text.len() - after);
            let end = after + text[after..after + len].trim_end_matches('.').len();
            return Some((start, end));
        }
        at = after;
    }
    None
}

/// `text` with every YAML path in it said in words: the last defence that
/// keeps `analyses.oakview.causes[4]` out of what people read.
pub fn in_words(p: Option<&Pathway>, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some((start, end)) = next_path(text, at) {
        out.push_str(&text[at..start]);
        out.push_str(&describe(p, &text[start..end]));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether `text` holds a YAML path that [`in_words`] would say in words.
pub fn holds_path(text: &str) -> bool {
    next_path(text, 0).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_a_sentence_are_said_in_words() {
        assert_eq!(
            in_words(
                None,
                "Not changed: steps.9.title cannot be found in this pathway."
            ),
            "Not changed: step 10 cannot be found in this pathway."
        );
        assert_eq!(
            in_words(None, "analyses.oakview.causes[0]: duplicate field"),
            "oakview's cause 1: duplicate field"
        );
        assert!(!holds_path("The steps. And measures of success."));
        assert!(holds_path("at sign_off[3].at"));
    }

    #[test]
    fn names_ending_in_s_take_an_apostrophe_only() {
        assert_eq!(possessive("wards"), "wards'");
        assert_eq!(possessive("Oakview"), "Oakview's");
        assert_eq!(
            possessive("Riverside Medical Group"),
            "Riverside Medical Group's"
        );
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(
            quote("Agency night staff do not know the residents"),
            "'Agency night staff do not…'"
        );
        assert_eq!(quote("Short"), "'Short'");
    }

    #[test]
    fn without_a_pathway_ids_and_numbers_stand_in() {
        assert_eq!(
            describe(None, "analyses.oakview.causes[4]"),
            "oakview's cause 5"
        );
        assert_eq!(
            describe(None, "steps.1.red_flags.0"),
            "a red flag of step 2"
        );
        assert_eq!(describe(None, "sign_off[3].at"), "a sign-off");
        assert_eq!(describe(None, "review_due"), "the review date");
    }
}
