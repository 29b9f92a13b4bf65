//! Writes a large synthetic library for benchmarks: the built-in examples
//! repeated under new ids, with varied titles and places, so loading and
//! drawing can be measured on thousands of realistic files.

use std::io;
use std::path::Path;

use crate::store::library::builtin;

const PLACES: &[&str] = &[
    "Riverside",
    "Northside",
    "Hillcrest",
    "Eastbay",
    "Tūhono",
    "Caerwen",
];

/// Writes `count` pathway files into `dir` (which must exist).
pub fn write_library(dir: &Path, count: usize) -> io::Result<()> {
    let examples = builtin::examples();
    if examples.is_empty() {
        return Err(io::Error::other(
            "carepath was built without its example pathways",
        ));
    }
    for n in 0..count {
        let (name, bytes) = examples[n % examples.len()];
        let text = String::from_utf8_lossy(bytes);
        let stem = name.trim_end_matches(".yaml");
        let id = format!("{stem}-{n:05}");
        let place = PLACES[n % PLACES.len()];
        let mut out = String::with_capacity(text.len() + 64);
        for line in text.lines() {
            if line.starts_with("id: ") {
                out.push_str(&format!("id: {id}"));
            } else if let Some(title) = line.strip_prefix("title: ") {
                out.push_str(&format!("title: {} ({place} {n})", title.trim_matches('"')));
            } else if line.starts_with("place: ") {
                out.push_str(&format!("place: {place}"));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        std::fs::write(dir.join(format!("{id}.yaml")), out)?;
    }
    Ok(())
}

const WORDS: &[&str] = &[
    "discharge",
    "medicines",
    "handover",
    "friday",
    "late",
    "transport",
    "nurse",
    "ward",
    "care",
    "home",
    "family",
    "capacity",
    "falls",
    "pressure",
    "referral",
    "letter",
    "pharmacy",
    "review",
    "bed",
    "crisis",
    "assessment",
    "therapy",
    "staffing",
    "training",
    "equipment",
    "weekend",
    "night",
    "phone",
    "record",
    "consent",
    "risk",
    "plan",
    "delay",
    "waiting",
    "ambulance",
    "police",
    "mood",
    "anxiety",
    "inhaler",
    "rehab",
    "carer",
    "respite",
    "funding",
    "continuity",
    "trust",
    "language",
    "housing",
];

/// A deterministic sentence of five to nine words for point `n` of `side`,
/// from a vocabulary of care words so that many sentences share some.
pub fn sentence(side: usize, n: usize) -> String {
    let mut x = (n as u64)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(side as u64 * 1442695040888963407 + 1);
    let len = 5 + (x % 5) as usize;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[(x >> 33) as usize % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A pathway `id` whose two participants each wrote `points` causes, a
/// third of them with ids, for measuring `carepath compare`.
pub fn analyses_pathway(id: &str, points: usize) -> String {
    let mut out = format!("carepath: 1\nid: {id}\n");
    out.push_str(
        "title: Two long analyses\nstatus: draft\n\
         participants:\n  - id: org0\n    name: First\n    kind: hospital\n  \
         - id: org1\n    name: Second\n    kind: care-home\nanalyses:\n",
    );
    let weights = ["high", "medium", "low"];
    for side in 0..2 {
        out.push_str(&format!("  org{side}:\n    causes:\n"));
        for n in 0..points {
            if n.is_multiple_of(3) {
                out.push_str(&format!(
                    "      - id: p{n}\n        text: {}\n",
                    sentence(side, n)
                ));
            } else {
                out.push_str(&format!("      - text: {}\n", sentence(side, n)));
            }
            out.push_str(&format!("        weight: {}\n", weights[(n + side) % 3]));
        }
    }
    out
}

/// Which version of a long pathway to write: the common base, or one of
/// two sides that each change different steps (so they merge cleanly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Base,
    Ours,
    Theirs,
}

/// A pathway of `steps` steps (about 200 bytes each) with a hundred
/// scattered changes on each side, for measuring `diff` and `merge`.
pub fn long_pathway(steps: usize, version: Version) -> String {
    let owners = ["hospital", "home", "gp"];
    let mut out = String::with_capacity(steps * 220 + 512);
    out.push_str(
        "carepath: 1\nid: big\ntitle: A very long pathway\nstatus: draft\nparticipants:\n  \
         - id: hospital\n    name: The hospital\n    kind: hospital\n  \
         - id: home\n    name: The home\n    kind: care-home\n  \
         - id: gp\n    name: The practice\n    kind: gp\nsteps:\n",
    );
    let stride = (steps / 200).max(1);
    for n in 0..steps {
        let k = n / stride;
        let changed = n.is_multiple_of(stride)
            && k < 200
            && match version {
                Version::Base => false,
                Version::Ours => k.is_multiple_of(2),
                Version::Theirs => k % 2 == 1,
            };
        let title = if changed && k % 4 < 2 {
            format!("Step {n}: check the medicines (revised)")
        } else {
            format!("Step {n}: check the medicines")
        };
        let owner = if changed && k % 4 >= 2 {
            owners[(n + 1) % 3]
        } else {
            owners[n % 3]
        };
        out.push_str(&format!(
            "  - id: s{n}\n    title: \"{title}\"\n    kind: action\n    owner: {owner}\n    \
             detail: |\n      Agreed with the home, step {n}.\n    red_flags:\n      \
             - New confusion\n      - Falls in the last {n} days\n"
        ));
        if n + 1 < steps {
            out.push_str(&format!("    next: [s{}]\n", n + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_pathways_load() {
        let a = crate::store::read::load::load_str("a", &analyses_pathway("a", 30)).unwrap();
        assert_eq!(a.analyses["org1"].causes.len(), 30);
        let base =
            crate::store::read::load::load_str("b", &long_pathway(400, Version::Base)).unwrap();
        let ours =
            crate::store::read::load::load_str("o", &long_pathway(400, Version::Ours)).unwrap();
        let theirs =
            crate::store::read::load::load_str("t", &long_pathway(400, Version::Theirs)).unwrap();
        assert_eq!(crate::diff::diff(&base, &ours).len(), 100);
        assert_eq!(crate::diff::diff(&base, &theirs).len(), 100);
    }
}
