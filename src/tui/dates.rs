//! Dates as people type them: `2027-03-01`, `1 March 2027` (or `1 Mar
//! 2027`) and `01/03/2027`, day first as in the UK. Written to the file as
//! `2027-03-01` whichever way they came.

use chrono::NaiveDate;

/// What to say when a date cannot be read.
pub const EXPECTED: &str =
    "Not a date carepath can read: write it as 2027-03-01, 1 March 2027 or 01/03/2027 (day first).";

/// The paths of the fields that hold a date.
pub fn is_date_field(path: &str) -> bool {
    path == "review_due"
}

/// `text` as a date in the file's form, `None` when it is not a date.
/// An empty text stays empty (the date is cleared).
pub fn normalise(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return Some(String::new());
    }
    read(text).map(|d| d.format("%Y-%m-%d").to_string())
}

fn read(text: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    // Day first with slashes, dots or dashes: 01/03/2027, 1.3.2027, 1-3-2027.
    let numbers: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    if let [d, m, y] = numbers.as_slice()
        && y.len() == 4
    {
        let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    // Words: 1 March 2027, 1st Mar 2027, 1 March, 2027 — any case.
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if let [d, m, y] = words.as_slice() {
        let d = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let month = month(m)?;
        return NaiveDate::from_ymd_opt(y.parse().ok()?, month, d.parse().ok()?);
    }
    None
}

fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(word) || (word == "sept" && *m == "september"))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_ways_people_write_a_date() {
        for text in [
            "2027-03-01",
            "1 March 2027",
            "01/03/2027",
            "1 mar 2027",
            "1st March, 2027",
            " 1/3/2027 ",
        ] {
            assert_eq!(normalise(text).as_deref(), Some("2027-03-01"), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_date_is_not_guessed() {
        for text in ["next March", "31/02/2027", "03/2027", "1 Mx 2027", "2027"] {
            assert_eq!(normalise(text), None, "{text}");
        }
        assert_eq!(normalise("").as_deref(), Some(""));
    }
}
