//! Reading one pathway file into the model, with every problem reported at
//! its file, line and column in a sentence a clinician understands.
//!
//! Reading goes in stages, each refusing what the next cannot handle
//! safely: size and bytes, then the YAML's structure (with a source map of
//! where everything is), then the typed model, then the pathway's rules.

use std::fmt;
use std::io::Read;
use std::path::Path;

use super::messages::{describe_serde_error, file_problem};
use super::source_map::SourceMap;
use crate::model::{Pathway, blocking, validate};

/// Larger files are refused unread: no pathway comes near this.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One thing wrong with a file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// 1-based; 0 when the problem is with the whole file.
    pub line: usize,
    /// 1-based; 0 when the problem is with the whole file.
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn whole_file(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// Reads and checks the pathway file at `path`.
pub fn load_file(path: &Path) -> Result<Pathway, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = read_capped(path).map_err(|m| vec![Diagnostic::whole_file(&name, m)])?;
    load_bytes(&name, &bytes)
}

/// Checks bytes that claim to be a pathway file called `file`.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Pathway, Vec<Diagnostic>> {
    load_str(file, checked_text(file, bytes)?)
}

/// The bytes as text, if they can be a pathway file at all: not too big,
/// not binary, UTF-8.
fn checked_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Diagnostic::whole_file(
            file,
            too_big(bytes.len() as u64),
        )]);
    }
    if bytes.contains(&0) {
        return Err(vec![Diagnostic::whole_file(
            file,
            "this looks like a binary file, not a pathway: it contains NUL bytes",
        )]);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(bytes, e.valid_up_to());
        vec![Diagnostic::at(
            file,
            line,
            column,
            "this file is not valid UTF-8 text; save it as UTF-8 from your editor",
        )]
    })
}

/// Checks the text of a pathway file called `file`. When the name ends in
/// `.yaml` or `.yml`, the pathway's id must match it.
pub fn load_str(file: &str, text: &str) -> Result<Pathway, Vec<Diagnostic>> {
    load_str_with_warnings(file, text).map(|(p, _)| p)
}

/// Reads and checks the pathway file at `path`, with the problems a draft
/// may still have (references to participants or steps not there yet).
pub fn load_file_with_warnings(path: &Path) -> Result<(Pathway, Vec<Diagnostic>), Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = read_capped(path).map_err(|m| vec![Diagnostic::whole_file(&name, m)])?;
    load_str_with_warnings(&name, checked_text(&name, &bytes)?)
}

/// [`load_str`], with the problems a draft is allowed to have.
pub fn load_str_with_warnings(
    file: &str,
    text: &str,
) -> Result<(Pathway, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_blank(text) {
        return Err(vec![Diagnostic::whole_file(
            file,
            "the file is empty; a pathway starts with `carepath: 1`",
        )]);
    }
    // The source map is there to say where problems are. A file that could
    // hide anchors or aliases always gets the full checks; any other file
    // is read straight away, and mapped only if something is wrong.
    if !text.contains(['&', '*'])
        && let Ok(pathway) = serde_yaml::from_str::<Pathway>(text)
        && validate(&pathway).is_empty()
        && file_stem(file).is_none_or(|stem| stem == pathway.id)
    {
        return Ok((pathway, Vec::new()));
    }
    let map = SourceMap::build(text).map_err(|e| {
        vec![Diagnostic::at(
            file,
            e.at.line,
            e.at.column,
            file_problem(&e.message),
        )]
    })?;
    let pathway: Pathway = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        vec![Diagnostic::at(
            file,
            line,
            column,
            describe_serde_error(&e.to_string()),
        )]
    })?;

    let blocking_problems = blocking(&pathway);
    let locate = |p: crate::model::Problem| {
        let at = if p.at_key { map.key(&p.path) } else { None }.or_else(|| map.nearest(&p.path));
        Diagnostic::at(
            file,
            at.map_or(0, |a| a.line),
            at.map_or(0, |a| a.column),
            p.message,
        )
    };
    let warnings: Vec<Diagnostic> = validate(&pathway)
        .into_iter()
        .filter(|p| !blocking_problems.contains(p))
        .map(locate)
        .collect();
    let mut problems: Vec<Diagnostic> = blocking_problems.into_iter().map(locate).collect();
    if let Some(stem) = file_stem(file)
        && stem != pathway.id
    {
        let at = map.value(&path!["id"]);
        problems.push(Diagnostic::at(
            file,
            at.map_or(0, |a| a.line),
            at.map_or(0, |a| a.column),
            format!(
                "the pathway id \"{}\" must match the file name \"{stem}.yaml\"; rename one of them",
                pathway.id
            ),
        ));
    }
    if problems.is_empty() {
        Ok((pathway, warnings))
    } else {
        problems.sort_by_key(|d| (d.line, d.column));
        Err(problems)
    }
}

/// Reads at most one byte more than the cap, so a huge file is never read
/// whole.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| io_problem(&e))?;
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err("this is a folder, not a pathway file".into());
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(too_big(meta.len()));
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_problem(&e))?;
    Ok(bytes)
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => {
            "you do not have permission to read this file; ask whoever manages the library to give you read access".into()
        }
        _ => format!("the file could not be read: {e}"),
    }
}

fn too_big(len: u64) -> String {
    format!(
        "this file is {:.1} MiB; carepath reads pathway files up to {} MiB",
        len as f64 / (1024.0 * 1024.0),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// 1-based line and column of byte `offset`.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Whether the text holds nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    })
}

fn file_stem(file: &str) -> Option<&str> {
    let name = file.rsplit(['/', '\\']).next()?;
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
}
