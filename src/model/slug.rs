//! Ids made from people's words: `Medicines not ready when transport
//! arrives` becomes `medicines-not-ready-when-transport`. An id is read by
//! people in the file, in `git diff` and in `carepath set` paths, so it is
//! made from the whole title, in plain ASCII (accents folded: `café` →
//! `cafe`), cut at a word boundary so that no word is left half, and kept
//! unique within its list.

use super::validate::is_slug;

/// Ids are kept under this many characters.
pub const MAX_LEN: usize = 40;

/// A new id for an item titled `text`, not among `taken`: the title's
/// words in lower-case ASCII joined by hyphens, as many whole words as fit
/// under [`MAX_LEN`] characters, and `-2`, `-3`… when it is already used.
pub fn id_from(text: &str, taken: &[&str]) -> String {
    let words = words(text);
    let words = if words.is_empty() {
        vec!["item".to_string()]
    } else {
        words
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let id = fit(&words, MAX_LEN - 1 - suffix.len()) + &suffix;
        if !taken.contains(&id.as_str()) {
            debug_assert!(is_slug(&id), "{id}");
            return id;
        }
        n += 1;
    }
}

/// The words of `text` folded to lower-case ASCII letters and digits.
fn words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// As many whole words as fit in `max` characters, joined by hyphens; a
/// first word longer than that alone is cut.
fn fit(words: &[String], max: usize) -> String {
    let mut out = String::new();
    for word in words {
        let wanted = if out.is_empty() {
            word.len()
        } else {
            out.len() + 1 + word.len()
        };
        if wanted > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = words[0].chars().take(max).collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_title_is_used_when_it_fits() {
        assert_eq!(
            id_from("Plan discharge from day one", &[]),
            "plan-discharge-from-day-one"
        );
        assert_eq!(
            id_from("Can the home meet needs?", &[]),
            "can-the-home-meet-needs"
        );
    }

    #[test]
    fn accents_are_folded() {
        assert_eq!(id_from("Café & crèche", &[]), "cafe-creche");
        assert_eq!(id_from("Łódź naïve façade", &[]), "lodz-naive-facade");
        assert_eq!(id_from("Straße", &[]), "strasse");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_boundary_under_40() {
        let id = id_from(
            "Medicines not ready when transport arrives at the ward door",
            &[],
        );
        assert_eq!(id, "medicines-not-ready-when-transport");
        assert!(id.len() < MAX_LEN);
        let long_word = "a".repeat(60);
        assert_eq!(id_from(&long_word, &[]).len(), MAX_LEN - 1);
    }

    #[test]
    fn ids_are_unique_in_their_list() {
        let taken = ["meds-late", "meds-late-2"];
        assert_eq!(id_from("Meds late", &taken), "meds-late-3");
        let title = "Medicines not ready when transport arrives";
        let first = id_from(title, &[]);
        let second = id_from(title, &[first.as_str()]);
        assert_eq!(second, "medicines-not-ready-when-transport-2");
        assert!(second.len() < MAX_LEN);
    }

    #[test]
    fn text_without_letters_still_gets_an_id() {
        assert_eq!(id_from("", &[]), "item");
        assert_eq!(id_from("—!?", &["item"]), "item-2");
        assert!(is_slug(&id_from("出院计划", &[])));
        assert!(is_slug(&id_from("🙂 smile", &[])));
    }
}
