//! `carepath export`: publish a library or one pathway as a static web
//! site, Markdown, Mermaid flowcharts or FHIR `PlanDefinition`s.

use std::path::Path;

use clap::ValueEnum;

use super::exit;
use crate::export::{Format, to_folder};
use crate::store::library::source::Source;

/// The formats `--format` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A static site: index.html and one page per pathway.
    Html,
    /// One Markdown file per pathway.
    Markdown,
    /// One Mermaid flowchart (.mmd) per pathway.
    Mermaid,
    /// One FHIR R4 PlanDefinition (.json) per pathway.
    Fhir,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Html => Format::Html,
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Mermaid => Format::Mermaid,
            ExportFormat::Fhir => Format::Fhir,
        }
    }
}

/// Exit 0 when written (files that did not load are reported and left
/// out), 1 when nothing could be published, 2 when it could not run.
pub fn run(source: &Source, format: ExportFormat, dir: &Path, today: chrono::NaiveDate) -> i32 {
    match to_folder(source, format.into(), dir, today) {
        Ok(w) => {
            println!("carepath export: {}", w.summary());
            if let Some(start) = &w.start {
                println!("open {}", start.display());
            }
            if w.broken > 0 {
                eprintln!(
                    "carepath export: some files did not load; `carepath check` says what is wrong"
                );
            }
            if w.pathways == 0 {
                exit::PROBLEMS
            } else {
                exit::OK
            }
        }
        Err(e) => {
            eprintln!("carepath export: {e}");
            exit::COULD_NOT_RUN
        }
    }
}
