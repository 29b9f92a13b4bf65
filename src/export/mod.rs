//! Publishing pathways for the people who work them but never open
//! carepath: a static web site, Markdown for a git forge, a Mermaid flow,
//! and HL7 FHIR R4 `PlanDefinition`s for other systems.
//!
//! Rendering is pure: a [`Library`] in, a list of [`OutFile`]s out, the
//! same bytes for the same pathways and the same day (no clock, no
//! network). Only [`write`] touches the disk.

pub mod escape;
pub mod fhir;
pub mod flow_graph;
pub mod flow_svg;
pub mod html;
mod html_meeting;
mod html_page;
mod html_style;
pub mod markdown;
mod markdown_meeting;
pub mod mermaid;
pub mod run_chart_svg;
pub mod write;

use chrono::NaiveDate;

use crate::compare::Rejections;
use crate::model::Pathway;

pub use write::{Written, to_folder};

/// What to publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Mermaid,
    Fhir,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Mermaid => "mermaid",
            Format::Fhir => "fhir",
        }
    }
}

/// One pathway of the library, with the file it came from.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub file: &'a str,
    pub pathway: &'a Pathway,
    /// For a local version of a shared pathway, what this place changed
    /// from it; `None` for any other pathway.
    pub local: Option<&'a LocalChanges>,
}

/// What a place changed in its local version of a shared pathway
/// (`based_on:`), worked out from the files before rendering so that the
/// published page can say so.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalChanges {
    /// The shared pathway, as `based_on:` names it.
    pub base: String,
    pub changes: Vec<crate::diff::Change>,
}

impl LocalChanges {
    pub const ADDED: &'static str = "Added here";
    pub const CHANGED: &'static str = "Changed here";

    /// How a step reads against the shared pathway, in words: "Added here"
    /// or "Changed here"; `None` when it is as the shared pathway has it.
    pub fn step_words(&self, id: &str) -> Option<&'static str> {
        match crate::diff::step_change(&self.changes, id)? {
            crate::diff::ChangeKind::Added => Some(Self::ADDED),
            _ => Some(Self::CHANGED),
        }
    }
}

/// A file of the library that did not load, with what is wrong.
#[derive(Debug, Clone)]
pub struct Broken {
    pub file: String,
    pub problems: Vec<String>,
}

/// What is published, and what decides how it reads.
pub struct Library<'a> {
    /// How the library is named: its folder, or "built-in examples".
    pub name: String,
    pub items: Vec<Item<'a>>,
    pub broken: Vec<Broken>,
    /// The day that decides whether a review is overdue.
    pub today: NaiveDate,
    /// Suggested pairings people turned down, so that comparisons read as
    /// they do in the app.
    pub rejected: &'a Rejections,
}

/// One file to write, by its name inside the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub name: String,
    pub text: String,
}

/// Every file of the export, in a stable order.
pub fn render(format: Format, lib: &Library) -> Vec<OutFile> {
    let names = file_stems(&lib.items);
    match format {
        Format::Html => html::site(lib, &names),
        Format::Markdown => par_map(lib.items.len(), |n| OutFile {
            name: format!("{}.md", names[n]),
            text: markdown::pathway(lib.items[n].pathway, lib.today, lib.rejected),
        }),
        Format::Mermaid => par_map(lib.items.len(), |n| OutFile {
            name: format!("{}.mmd", names[n]),
            text: mermaid::flowchart(lib.items[n].pathway),
        }),
        Format::Fhir => par_map(lib.items.len(), |n| OutFile {
            name: format!("{}.json", names[n]),
            text: fhir::plan_definition_json(lib.items[n].pathway),
        }),
    }
}

/// `f` of `0..count`, in order, spread over the machine's cores: each
/// pathway renders on its own, and a library has thousands.
pub(crate) fn par_map<T: Send>(count: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    if workers == 1 || count < 16 {
        return (0..count).map(f).collect();
    }
    let chunk = count.div_ceil(workers);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..count)
            .step_by(chunk)
            .map(|start| {
                scope.spawn(move || {
                    (start..(start + chunk).min(count))
                        .map(f)
                        .collect::<Vec<T>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// A safe, unique file stem per pathway: its id where that is a slug,
/// else the id with every other character made a hyphen; a second
/// pathway with the same id gets `-2`, and so on.
pub fn file_stems(items: &[Item]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .map(|item| {
            let mut base: String = item
                .pathway
                .id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            if base.trim_matches('-').is_empty() || base == "index" {
                base = format!("pathway-{base}");
            }
            let mut stem = base.clone();
            let mut n = 2;
            while !seen.insert(stem.clone()) {
                stem = format!("{base}-{n}");
                n += 1;
            }
            stem
        })
        .collect()
}

/// Where the pathway's sign-offs stand, through the model's own rules
/// ([`crate::model::signoff`]): signed on this version, signed on an
/// earlier one (stale), not signed.
pub struct SignState<'a> {
    pub current: Vec<&'a crate::model::SignOff>,
    pub stale: Vec<&'a crate::model::SignOff>,
    pub missing: Vec<&'a crate::model::Participant>,
}

impl<'a> SignState<'a> {
    pub fn of(p: &'a Pathway) -> SignState<'a> {
        let now = crate::model::signoff::digest(p);
        let (current, stale) = p.sign_off.iter().partition(|s| s.digest == now);
        SignState {
            current,
            stale,
            missing: crate::model::signoff::missing(p, |s| s.digest == now),
        }
    }

    /// In words: "2 of 4 signed this version; 1 stale sign-off".
    pub fn summary(&self, p: &Pathway) -> String {
        let signed = p.participants.len() - self.missing.len();
        let mut s = format!("{signed} of {} signed this version", p.participants.len());
        match self.stale.len() {
            0 => {}
            1 => s.push_str("; 1 sign-off is for an earlier version (stale)"),
            n => s.push_str(&format!(
                "; {n} sign-offs are for an earlier version (stale)"
            )),
        }
        s
    }
}

/// The pairs of participants whose analyses are compared: every pair of
/// those who have written one, in the pathway's order.
pub fn compared_pairs(p: &Pathway) -> Vec<(&str, &str)> {
    let with: Vec<&str> = p
        .participants
        .iter()
        .filter(|x| p.analyses.get(&x.id).is_some_and(|a| !a.is_empty()))
        .map(|x| x.id.as_str())
        .collect();
    let mut pairs = Vec::new();
    for (i, a) in with.iter().enumerate() {
        for b in &with[i + 1..] {
            pairs.push((*a, *b));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pathway(id: &str) -> Pathway {
        serde_yaml::from_str(&format!("carepath: 1\nid: '{id}'\ntitle: T\n")).unwrap()
    }

    #[test]
    fn every_pathway_gets_its_own_safe_file_name() {
        let ps = [
            pathway("discharge"),
            pathway("discharge"),
            pathway("../../etc/x"),
            pathway("index"),
        ];
        let items: Vec<Item> = ps
            .iter()
            .map(|p| Item {
                file: "f",
                pathway: p,
                local: None,
            })
            .collect();
        assert_eq!(
            file_stems(&items),
            ["discharge", "discharge-2", "------etc-x", "pathway-index"]
        );
    }
}
