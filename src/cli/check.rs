//! `carepath check`: validate pathway files for scripts, CI and git hooks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use super::output::{say, say_err};
use super::{Format, exit};
use crate::model::Pathway;
use crate::store::library::scan_folder;
use crate::store::read::load::{Diagnostic, Loaded, io_problem, load_bytes_loaded, read_capped};
use crate::store::safe_open::Library;
use crate::store::team::people::People;

#[derive(Serialize)]
struct FileReport {
    file: String,
    ok: bool,
    problems: Vec<Problem>,
    /// What a draft may still have: references to participants or steps
    /// that are not there yet. They block the status `agreed`. Also an id
    /// that does not match the file name, which blocks nothing.
    warnings: Vec<Problem>,
    /// What is worth knowing but wrong with nothing, such as a base that
    /// has moved on since this local version took it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

#[derive(Serialize)]
struct Problem {
    line: usize,
    column: usize,
    message: String,
    /// A warning about a draft, which blocks the status `agreed`.
    #[serde(skip)]
    draft: bool,
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
            say_err(&format!("carepath check: {e}"));
            return exit::COULD_NOT_RUN;
        }
    };
    // Files are read and checked on every core; the report keeps the
    // order in which they were named. Each worker keeps its folders open,
    // so a file costs one open.
    let people = PeopleOf::default();
    let reports: Vec<FileReport> = files
        .par_iter()
        .map_init(HashMap::new, |folders, f| check_file(f, folders, &people))
        .collect();
    let with_problems = reports.iter().filter(|r| !r.ok).count();
    let report = Report {
        checked: reports.len(),
        with_problems,
        files: reports,
    };
    match format {
        Format::Json => println!("{}", super::output::json(&report)),
        Format::Text => print_text(&report),
    }
    if with_problems > 0 {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}

/// Reads and checks one file.
fn check_file(f: &Path, folders: &mut Folders, people: &PeopleOf) -> FileReport {
    let name = f.display().to_string();
    let read = read(f, folders).map_err(|m| vec![Diagnostic::whole_file(&name, m)]);
    let loaded = read.and_then(|bytes| load_bytes_loaded(&name, &bytes).map(|l| (l, bytes)));
    let (problems, mut warnings, notes) = match loaded {
        Ok((
            Loaded {
                pathway,
                warnings,
                name_mismatch,
            },
            bytes,
        )) => {
            let notes = super::localise::note(f, &pathway).into_iter().collect();
            let drafts = warnings.into_iter().map(|d| problem(d, true));
            let names = name_mismatch.into_iter().map(|d| problem(d, false));
            let agreed =
                agreement_out_of_date(f, &pathway, &bytes, people).map(|d| problem(d, false));
            let found = drafts.chain(names).chain(agreed).collect::<Vec<_>>();
            (Vec::new(), found, notes)
        }
        Err(problems) => (problems, Vec::new(), Vec::new()),
    };
    warnings.sort_by_key(|p| (p.line, p.column));
    FileReport {
        file: name,
        ok: problems.is_empty(),
        problems: problems.into_iter().map(|d| problem(d, false)).collect(),
        warnings,
        notes,
    }
}

/// The library folders one worker has open, by path (`None` where the
/// folder could not be opened, so its files are read one by one and
/// fail in their own words).
type Folders = HashMap<PathBuf, Option<Library>>;

/// The bytes of the pathway file `f`, through its folder held open.
fn read(f: &Path, folders: &mut Folders) -> Result<Vec<u8>, String> {
    let library = crate::store::shared::library_of(f);
    let folder = folders
        .entry(library)
        .or_insert_with_key(|dir| Library::open(dir).ok());
    match folder {
        Some(folder) => folder.read_pathway(f).map_err(|e| io_problem(f, &e)),
        None => read_capped(f),
    }
}

/// Each library's people, read once for the whole check.
#[derive(Default)]
struct PeopleOf(Mutex<HashMap<PathBuf, Arc<People>>>);

impl PeopleOf {
    fn get(&self, library: &Path) -> Arc<People> {
        let known = self.0.lock().ok().and_then(|m| m.get(library).cloned());
        known.unwrap_or_else(|| {
            let people = Arc::new(People::load(library).unwrap_or_default());
            if let Ok(mut m) = self.0.lock() {
                m.insert(library.to_path_buf(), Arc::clone(&people));
            }
            people
        })
    }
}

/// A pathway recorded as `agreed` without every participant's valid
/// sign-off on its content as it is now: who is missing, at its status.
/// `bytes` are the file's as read.
fn agreement_out_of_date(
    file: &Path,
    p: &Pathway,
    bytes: &[u8],
    people: &PeopleOf,
) -> Option<Diagnostic> {
    if p.status != crate::model::Status::Agreed {
        return None;
    }
    let people = people.get(&crate::store::shared::library_of(file));
    let now = crate::model::signoff::digest(p);
    let counts = |s: &crate::model::SignOff| {
        crate::store::team::verify::verify_at(&now, s, &people).counts()
    };
    let missing = crate::model::signoff::agreement_out_of_date(p, counts);
    if missing.is_empty() {
        return None;
    }
    // Where the status is written, so an editor can jump to it.
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let line = text
        .lines()
        .position(|l| l.starts_with("status:"))
        .map_or(0, |n| n + 1);
    Some(Diagnostic::at(
        &file.display().to_string(),
        line,
        if line > 0 { 9 } else { 0 },
        format!(
            "the pathway is recorded as agreed, but the sign-offs are out of date: no valid sign-off of this version from {}",
            crate::model::signoff::names(&missing)
        ),
    ))
}

fn problem(d: Diagnostic, draft: bool) -> Problem {
    Problem {
        line: d.line,
        column: d.column,
        message: d.message,
        draft,
    }
}

fn print_text(report: &Report) {
    for f in &report.files {
        for note in &f.notes {
            println!("{}: note: {}", f.file, crate::text::clean(note));
        }
        for p in &f.warnings {
            let d = Diagnostic {
                file: f.file.clone(),
                line: p.line,
                column: p.column,
                message: if p.draft {
                    format!(
                        "warning: {} (allowed in a draft; it blocks `agreed`)",
                        p.message
                    )
                } else {
                    format!("warning: {}", p.message)
                },
            };
            say(&d.to_string());
        }
        for p in &f.problems {
            let d = Diagnostic {
                file: f.file.clone(),
                line: p.line,
                column: p.column,
                message: p.message.clone(),
            };
            say(&d.to_string());
        }
    }
    let noun = if report.checked == 1 {
        "pathway"
    } else {
        "pathways"
    };
    if report.with_problems == 0 {
        let warnings: usize = report.files.iter().map(|f| f.warnings.len()).sum();
        match warnings {
            0 => println!("{} {noun} checked, no problems", report.checked),
            1 => println!("{} {noun} checked, no problems, 1 warning", report.checked),
            n => println!(
                "{} {noun} checked, no problems, {n} warnings",
                report.checked
            ),
        }
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
