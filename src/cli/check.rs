//! `carepath check`: validate pathway files for scripts, CI and git hooks.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use super::{Format, exit};
use crate::store::library::scan_folder;
use crate::store::load::{Diagnostic, load_file_with_warnings};

#[derive(Serialize)]
struct FileReport {
    file: String,
    ok: bool,
    problems: Vec<Problem>,
    /// What a draft may still have: references to participants or steps
    /// that are not there yet. They block the status `agreed`.
    warnings: Vec<Problem>,
}

#[derive(Serialize)]
struct Problem {
    line: usize,
    column: usize,
    message: String,
}

#[derive(Serialize)]
struct Report {
    files: Vec<FileReport>,
    checked: usize,
    with_problems: usize,
}

/// Checks every file named, and every pathway file in every folder named.
/// Exit 0 when all are clean, 1 when any has problems, 2 when the check
/// could not run (a path that does not exist, or no pathway files at all).
pub fn run(paths: &[PathBuf], format: Format) -> i32 {
    let files = match collect(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("carepath check: {e}");
            return exit::COULD_NOT_RUN;
        }
    };
    // Files are read and checked on every core; the report keeps the
    // order in which they were named.
    let reports: Vec<FileReport> = files
        .par_iter()
        .map(|f| {
            let (problems, warnings) = match load_file_with_warnings(f) {
                Ok((_, warnings)) => (Vec::new(), warnings),
                Err(problems) => (problems, Vec::new()),
            };
            FileReport {
                file: f.display().to_string(),
                ok: problems.is_empty(),
                problems: problems.into_iter().map(problem).collect(),
                warnings: warnings.into_iter().map(problem).collect(),
            }
        })
        .collect();
    let with_problems = reports.iter().filter(|r| !r.ok).count();
    let report = Report {
        checked: reports.len(),
        with_problems,
        files: reports,
    };
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
        Format::Text => print_text(&report),
    }
    if with_problems > 0 {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}

fn problem(d: Diagnostic) -> Problem {
    Problem {
        line: d.line,
        column: d.column,
        message: d.message,
    }
}

fn print_text(report: &Report) {
    for f in &report.files {
        for p in &f.warnings {
            let d = Diagnostic {
                file: f.file.clone(),
                line: p.line,
                column: p.column,
                message: format!(
                    "warning: {} (allowed in a draft; it blocks `agreed`)",
                    p.message
                ),
            };
            println!("{d}");
        }
        for p in &f.problems {
            let d = Diagnostic {
                file: f.file.clone(),
                line: p.line,
                column: p.column,
                message: p.message.clone(),
            };
            println!("{d}");
        }
    }
    let noun = if report.checked == 1 {
        "pathway"
    } else {
        "pathways"
    };
    if report.with_problems == 0 {
        println!("{} {noun} checked, no problems", report.checked);
    } else {
        println!(
            "{} {noun} checked, {} with problems",
            report.checked, report.with_problems
        );
    }
}

fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(
                scan_folder(path)
                    .map_err(|e| format!("{}: cannot read this folder: {e}", path.display()))?,
            );
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(format!(
                "{}: there is no such file or folder",
                path.display()
            ));
        }
    }
    if files.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(format!("no pathway files (*.yaml) in {}", names.join(", ")));
    }
    Ok(files)
}
