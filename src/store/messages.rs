//! Turning parser and serde errors into sentences for clinicians: which
//! part of the pathway, what is wrong, and what would be right.

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

/// A serde error message (yaml_serde's `Display`, location stripped or
/// not) as a sentence naming the place in the pathway.
pub fn describe_serde_error(raw: &str) -> String {
    let raw = raw.split(" at line ").next().unwrap_or(raw);
    let (path, msg) = split_path(raw);
    let place = place_name(path);
    let field = path
        .rsplit(['.', '['])
        .next()
        .unwrap_or("")
        .trim_end_matches(']');

    if let Some(rest) = msg.strip_prefix("unknown field `") {
        // The key itself may hold backticks: it ends where serde's own
        // words begin.
        let end = rest
            .find("`, expected")
            .or_else(|| rest.find("`, there are no fields"))
            .or_else(|| rest.rfind('`'))
            .unwrap_or(rest.len());
        let key = &rest[..end];
        let allowed = rest.get(end + 1..).unwrap_or("");
        let allowed = ticked(allowed);
        let suggestion = closest(key, &allowed)
            .map(|k| format!(" (did you mean `{k}`?)"))
            .unwrap_or_default();
        let list = if allowed.is_empty() {
            String::new()
        } else {
            format!("; keys allowed here: {}", allowed.join(", "))
        };
        return format!("unknown key {} in {place}{suggestion}{list}", quoted(key));
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return format!("{} is missing its `{key}`", capitalise(&place));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (value, allowed) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = ticked(allowed);
        let what = if field.is_empty() { "value" } else { field };
        return format!(
            "`{value}` is not a valid {what}; choose one of: {}",
            allowed.join(", ")
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if path.is_empty() || path == "." {
            return "this is not a pathway: a pathway file is a set of `key: value` lines starting with `carepath: 1`".into();
        }
        return format!(
            "`{field}` in {place} should be {}, but it is {}",
            kind_name(expected),
            kind_name(found)
        );
    }
    if matches!(field, "review_due") {
        return "review_due must be a date like 2027-05-01".into();
    }
    if matches!(field, "date" | "due") {
        return format!("`{field}` in {place} must be a date like 2026-11-30");
    }
    if matches!(field, "at") {
        return "the sign-off time must look like 2026-11-20T10:02:00Z".into();
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "`{field}` in {place} should be {}, not {}",
            kind_name(expected),
            kind_name(found)
        );
    }
    if msg.contains("recursion limit") || msg.contains("repetition limit") {
        return "this file nests or repeats far more than any pathway does, so carepath will not read it".into();
    }
    if path.is_empty() || path == "." {
        msg.to_string()
    } else {
        format!("{place}: {msg}")
    }
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

/// yaml_serde puts the path before the message: `steps[0].kind: unknown…`.
fn split_path(raw: &str) -> (&str, &str) {
    match raw.split_once(": ") {
        Some((p, m)) if !p.contains(' ') && !p.is_empty() => (p, m),
        _ => ("", raw),
    }
}

/// `steps[2].branches[0]` → "step 3's branch 1", for people.
fn place_name(path: &str) -> String {
    if path.is_empty() || path == "." {
        return "the pathway".into();
    }
    // The item the error is in is the last list element on the path; name
    // it, and say whose it is when that helps.
    let parts: Vec<&str> = path.split('.').collect();
    let mut names = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (*part, None),
        };
        let noun = match key {
            "participants" => "participant",
            "steps" => "step",
            "branches" => "branch",
            "causes" => "cause",
            "goals" => "goal",
            "values" => "value",
            "monday_morning" => "Monday-morning change",
            "measures" => "measure",
            "sign_off" => "sign-off",
            "decisions" => "decision",
            "questions" => "question",
            "answers" => "answer",
            "actions" => "action",
            "principles" => "principle",
            "red_flags" => "red flag",
            "next" => "next link",
            _ => {
                if i > 0 && parts[i - 1] == "analyses" {
                    names.push(format!("{key}'s analysis"));
                }
                continue;
            }
        };
        match index {
            Some(n) => names.push(format!("{noun} {}", n + 1)),
            None if i + 1 == parts.len() => {}
            None => names.push(format!("the {key}")),
        }
    }
    if names.is_empty() {
        "the pathway".into()
    } else {
        names.join(", ")
    }
}

fn ticked(list: &str) -> Vec<String> {
    list.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

fn kind_name(serde: &str) -> String {
    let s = serde.trim();
    if s.starts_with("a sequence") || s == "sequence" {
        "a list (lines starting with `- `)".into()
    } else if s.starts_with("struct") || s.starts_with("a map") || s == "map" {
        "a set of `key: value` lines".into()
    } else if s.starts_with("a string") || s.starts_with("string") {
        s.replacen("a string", "text", 1)
            .replacen("string", "text", 1)
    } else if s.starts_with("u32") || s.starts_with("integer") {
        s.replacen("u32", "a whole number", 1)
    } else if s.starts_with("unit") {
        "empty".into()
    } else {
        s.to_string()
    }
}

fn capitalise(s: &str) -> String {
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
        assert_eq!(place_name("steps[2]"), "step 3");
        assert_eq!(place_name("steps[0].branches[1]"), "step 1, branch 2");
        assert_eq!(
            place_name("analyses.oakview.causes[0]"),
            "oakview's analysis, cause 1"
        );
        assert_eq!(place_name("."), "the pathway");
    }

    #[test]
    fn typos_get_a_suggestion() {
        let m = describe_serde_error(
            "steps[0]: unknown field `red_flag`, expected one of `id`, `title`, `red_flags`",
        );
        assert_eq!(
            m,
            "unknown key `red_flag` in step 1 (did you mean `red_flags`?); keys allowed here: id, title, red_flags"
        );
    }

    #[test]
    fn a_key_far_from_every_allowed_one_gets_no_guess() {
        let allowed = ["title".to_string(), "steps".to_string()];
        assert_eq!(closest("titel", &allowed).as_deref(), Some("title"));
        assert_eq!(closest("measures", &allowed), None);
    }
}
