//! Reducing a sentence to the words that carry its meaning, so that two
//! participants' wordings of one point can be recognised as similar:
//! lower case, no punctuation, care abbreviations and synonyms expanded to
//! one canonical word, stop-words dropped, the rest stemmed.

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

const SYNONYMS: &str = include_str!("synonyms.txt");

/// Words too common to say anything about a point.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "but",
    "by",
    "can",
    "could",
    "do",
    "does",
    "for",
    "from",
    "get",
    "gets",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "may",
    "more",
    "most",
    "must",
    "no",
    "not",
    "of",
    "on",
    "or",
    "our",
    "out",
    "over",
    "she",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "too",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "will",
    "with",
    "without",
    "would",
    "you",
    "your",
    "sometimes",
    "often",
    "always",
    "never",
    "every",
    // Everyone in a pathway is a person: the word tells points apart no
    // better than "the" does.
    "person",
    "people",
    "persons",
];

/// Words and phrases that mean one thing, each reduced to one canonical
/// term: the vocabulary built into carepath, and what a library adds.
/// Matching is on stems, so a variant covers its plural and other forms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Synonyms {
    /// Variant phrases of two or more words, as stems, under their first
    /// stem; longest first.
    phrases: HashMap<String, Vec<(Vec<String>, String)>>,
    /// Single-word variants, by stem.
    words: HashMap<String, String>,
    /// How many groups were added.
    groups: usize,
}

impl Synonyms {
    /// The health-and-social-care vocabulary built into carepath.
    pub fn builtin() -> &'static Synonyms {
        static TABLE: OnceLock<Synonyms> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table = Synonyms::default();
            for line in SYNONYMS.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let Some((canonical, variants)) = line.split_once(':') else {
                    continue;
                };
                let variants: Vec<&str> = variants.split(',').collect();
                table.add(canonical, &variants);
            }
            table
        })
    }

    /// The built-in vocabulary with a library's own groups added; where a
    /// word is in both, the library's meaning wins.
    pub fn with_library(groups: &[(String, Vec<String>)]) -> Synonyms {
        let mut table = Synonyms::builtin().clone();
        for (canonical, variants) in groups {
            let variants: Vec<&str> = variants.iter().map(String::as_str).collect();
            table.add(canonical, &variants);
        }
        table
    }

    /// How many groups of words the vocabulary holds.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// Adds one group: every variant, and the canonical itself (its hyphens
    /// read as spaces), is reduced to `canonical`.
    pub fn add(&mut self, canonical: &str, variants: &[&str]) {
        let canonical = canonical.trim().to_lowercase();
        if canonical.is_empty() {
            return;
        }
        self.groups += 1;
        for variant in variants.iter().copied().chain([canonical.as_str()]) {
            let parts: Vec<String> = split_words(variant).iter().map(|w| stem(w)).collect();
            match parts.len() {
                0 => {}
                1 => {
                    self.words.insert(parts[0].clone(), canonical.clone());
                }
                _ => {
                    let under = self.phrases.entry(parts[0].clone()).or_default();
                    under.retain(|(p, _)| *p != parts);
                    under.push((parts, canonical.clone()));
                    under.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
                }
            }
        }
    }

    /// The meaning-bearing terms of `text`, deduplicated and sorted.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let words = split_words(text);
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        'words: while i < stems.len() {
            for (phrase, canonical) in self.phrases.get(&stems[i]).map_or(&[][..], Vec::as_slice) {
                if stems[i..].starts_with(phrase) {
                    out.push(canonical.clone());
                    i += phrase.len();
                    continue 'words;
                }
            }
            let (word, stemmed) = (&words[i], &stems[i]);
            i += 1;
            if let Some(canonical) = self.words.get(stemmed) {
                out.push(canonical.clone());
            } else if !STOP_WORDS.contains(&word.as_str()) {
                out.push(stemmed.clone());
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

impl Synonyms {
    /// Each meaning-bearing term of `text` with the words of `text` it
    /// came from, in the order written: what lets a suggestion say why two
    /// points look alike ("meds = medicines").
    pub fn explain(&self, text: &str) -> Vec<(String, String)> {
        let words = split_words(text);
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        'words: while i < stems.len() {
            for (phrase, canonical) in self.phrases.get(&stems[i]).map_or(&[][..], Vec::as_slice) {
                if stems[i..].starts_with(phrase) {
                    out.push((canonical.clone(), words[i..i + phrase.len()].join(" ")));
                    i += phrase.len();
                    continue 'words;
                }
            }
            let (word, stemmed) = (&words[i], &stems[i]);
            i += 1;
            if let Some(canonical) = self.words.get(stemmed) {
                out.push((canonical.clone(), word.clone()));
            } else if !STOP_WORDS.contains(&word.as_str()) {
                out.push((stemmed.clone(), word.clone()));
            }
        }
        out
    }
}

/// Words of `text`, lower case; `&` stays inside a word (A&E).
fn split_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '\''))
        .map(|w| w.trim_matches('\'').trim_end_matches("'s").to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// The meaning-bearing terms of `text` in the built-in vocabulary.
pub fn terms(text: &str) -> Vec<String> {
    Synonyms::builtin().terms(text)
}

/// Text compared for equality: case, surrounding space and punctuation
/// do not count.
pub fn plain(text: &str) -> String {
    split_words(text).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_synonyms_meet() {
        assert_eq!(terms("meds"), terms("Medicines"));
        assert_eq!(terms("A&E"), terms("the emergency department"));
        assert_eq!(terms("OT"), terms("occupational therapist"));
        assert!(terms("Discharged late on Friday").contains(&"discharge".to_string()));
    }

    #[test]
    fn the_vocabulary_knows_the_field() {
        let v = Synonyms::builtin();
        assert!(v.groups() >= 150, "{} groups", v.groups());
        assert_eq!(terms("GP"), terms("family doctor"));
        assert_eq!(terms("casualty"), terms("A&E"));
        assert_eq!(terms("tablets"), terms("medicine"));
        assert_eq!(terms("the OT"), terms("Occupational therapists"));
        assert_eq!(terms("care homes"), terms("nursing home"));
    }

    #[test]
    fn a_library_adds_its_own_words() {
        let mine = Synonyms::with_library(&[(
            "red-bag".to_string(),
            vec!["red bag".to_string(), "hospital transfer pack".to_string()],
        )]);
        assert_eq!(
            mine.terms("the red bag"),
            mine.terms("Hospital transfer packs")
        );
        assert_ne!(terms("the red bag"), terms("Hospital transfer packs"));
        assert_eq!(mine.groups(), Synonyms::builtin().groups() + 1);
    }

    #[test]
    fn stop_words_go_and_words_are_stemmed() {
        assert_eq!(terms("The transport arrives"), vec!["arriv", "transport"]);
    }

    #[test]
    fn plain_text_ignores_case_space_and_punctuation() {
        assert_eq!(
            plain("  Medicines not ready! "),
            plain("medicines not ready")
        );
    }
}
