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
];

struct Synonyms {
    /// Variant phrases of two or more words, longest first.
    phrases: Vec<(Vec<String>, String)>,
    words: HashMap<String, String>,
}

fn synonyms() -> &'static Synonyms {
    static TABLE: OnceLock<Synonyms> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut phrases = Vec::new();
        let mut words = HashMap::new();
        for line in SYNONYMS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((canonical, variants)) = line.split_once(':') else {
                continue;
            };
            let canonical = canonical.trim().to_lowercase();
            for variant in variants.split(',').map(|v| v.trim().to_lowercase()) {
                let parts = split_words(&variant);
                match parts.len() {
                    0 => {}
                    1 => {
                        words.insert(parts[0].clone(), canonical.clone());
                    }
                    _ => phrases.push((parts, canonical.clone())),
                }
            }
        }
        phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        Synonyms { phrases, words }
    })
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

/// The meaning-bearing terms of `text`, deduplicated and sorted.
pub fn terms(text: &str) -> Vec<String> {
    let table = synonyms();
    let words = split_words(text);
    let mut out = Vec::new();
    let mut i = 0;
    'words: while i < words.len() {
        for (phrase, canonical) in &table.phrases {
            if words[i..].starts_with(phrase) {
                out.push(canonical.clone());
                i += phrase.len();
                continue 'words;
            }
        }
        let word = &words[i];
        i += 1;
        if let Some(canonical) = table.words.get(word) {
            out.push(canonical.clone());
        } else if !STOP_WORDS.contains(&word.as_str()) {
            out.push(stemmer().stem(word).into_owned());
        }
    }
    out.sort();
    out.dedup();
    out
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
