//! Reading one pathway file into the model, with every problem reported at
//! its file, line and column in a sentence a clinician understands.
//!
//! Reading goes in stages, each refusing what the next cannot handle
//! safely: size and bytes, then the YAML's structure (with a source map of
//! where everything is), then the typed model, then the pathway's rules.

use std::fmt;
use std::path::Path;

use crate::model::{Pathway, blocking, validate};
use crate::store::read::messages::{describe_deserialise_error, file_problem};
use crate::text::yaml::source_map::SourceMap;

pub use super::chunked::{Beside, Earlier, StepKeys, StepLines, keep_light, step_keys};

/// Larger files are refused unread: no pathway comes near this.
pub const MAX_FILE_BYTES: u64 = crate::store::read::input::MAX_BYTES;

/// Files up to this size get a map of where every value is, to place
/// each problem; larger ones are placed by the parser alone.
const MAP_AT_MOST: usize = 512 * 1024;

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

    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
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

/// Reads the pathway file at `path` once, for editing: its text and the
/// pathway it loads as.
pub fn load_file_with_text(path: &Path) -> Result<(String, Pathway), Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = read_capped(path).map_err(|m| vec![Diagnostic::whole_file(&name, m)])?;
    let text = checked_text(&name, &bytes)?;
    Ok((text.to_owned(), load_str(&name, text)?))
}

/// Checks bytes that claim to be a pathway file called `file`.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Pathway, Vec<Diagnostic>> {
    whole(load_bytes_loaded(file, bytes)?)
}

/// The bytes as text, if they are within the limits every command
/// applies ([`crate::store::read::input`]).
fn checked_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<Diagnostic>> {
    crate::store::read::input::check(file, bytes).map_err(|d| vec![d])
}

/// Checks the text of a pathway file called `file`. When the name ends in
/// `.yaml` or `.yml`, the pathway's id must match it.
pub fn load_str(file: &str, text: &str) -> Result<Pathway, Vec<Diagnostic>> {
    whole(load_str_loaded(file, text)?)
}

/// The pathway, unless its id does not match its file name.
fn whole(loaded: Loaded) -> Result<Pathway, Vec<Diagnostic>> {
    match loaded {
        Loaded {
            name_mismatch: Some(d),
            ..
        } => Err(vec![d]),
        l => Ok(l.pathway),
    }
}

/// Reads and checks the pathway file at `path`, with the problems a draft
/// may still have (references to participants or steps not there yet).
pub fn load_file_with_warnings(path: &Path) -> Result<(Pathway, Vec<Diagnostic>), Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = read_capped(path).map_err(|m| vec![Diagnostic::whole_file(&name, m)])?;
    load_str_with_warnings(&name, checked_text(&name, &bytes)?)
}

/// [`load_str`], with the problems a draft is allowed to have. A pathway
/// whose id does not match its file name (a copied file) loads, with that
/// mismatch among the warnings.
pub fn load_str_with_warnings(
    file: &str,
    text: &str,
) -> Result<(Pathway, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_str_loaded(file, text).map(|l| {
        let mut warnings = l.warnings;
        warnings.extend(l.name_mismatch);
        (l.pathway, warnings)
    })
}

/// A pathway as read, with what is wrong with it but does not stop it
/// being read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub pathway: Pathway,
    /// What a draft may still have: references to participants or steps
    /// that are not there yet. They block the status `agreed`.
    pub warnings: Vec<Diagnostic>,
    /// The id does not match the file name, as after `cp a.yaml b.yaml`.
    /// The library finds pathways by file name, so this is said, but a
    /// file in this state can still be changed, diffed and merged.
    pub name_mismatch: Option<Diagnostic>,
}

/// Reads and checks the pathway file at `path`, keeping each kind of
/// warning apart.
pub fn load_file_loaded(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = read_capped(path).map_err(|m| vec![Diagnostic::whole_file(&name, m)])?;
    load_bytes_loaded(&name, &bytes)
}

/// Checks bytes read from a pathway file called `file`, keeping each kind
/// of warning apart. The limits are applied once: text without a byte
/// order mark is the same text [`load_str_loaded`] would check again.
pub fn load_bytes_loaded(file: &str, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    let text = checked_text(file, bytes)?;
    if text.starts_with('\u{feff}') {
        return load_str_loaded(file, text);
    }
    load_within_limits(file, text, Beside::default(), &mut None)
}

/// Checks the text of a pathway file called `file`, keeping each kind of
/// warning apart.
pub fn load_str_loaded(file: &str, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    load_str_loaded_reusing(file, text, Beside::default(), &mut None)
}

/// [`load_str`] of a version of a pathway read `beside` others: reusing
/// the steps it shares word for word with earlier versions read this way,
/// keeping light those a later one holds; with its own steps' lines, for a
/// later version, where it was read in pieces (a long pathway: see
/// [`super::chunked`]) and on its own (a version read reusing earlier ones
/// is the last, and its lines are not kept).
pub fn load_str_reusing(
    file: &str,
    text: &str,
    beside: Beside,
) -> Result<(Pathway, Option<StepLines>), Vec<Diagnostic>> {
    let mut lines = None;
    match load_str_loaded_reusing(file, text, beside, &mut lines)? {
        Loaded {
            name_mismatch: Some(d),
            ..
        } => Err(vec![d]),
        l => Ok((l.pathway, lines)),
    }
}

/// [`load_str_loaded`] of a version read `beside` others (see
/// [`load_str_reusing`]); `lines` are set to its own steps' lines where
/// it was read in pieces.
pub fn load_str_loaded_reusing(
    file: &str,
    text: &str,
    beside: Beside,
    lines: &mut Option<StepLines>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Whoever gives text here (a command, the app, a watcher) gets the same
    // limits before any parser sees it.
    crate::store::read::input::check(file, text.as_bytes()).map_err(|d| vec![d])?;
    load_within_limits(file, text, beside, lines)
}

/// [`load_str_loaded`] of a text already found not to read in pieces
/// (see [`super::outline`]): it is read whole at once, not in pieces first.
pub fn load_str_loaded_whole(file: &str, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::store::read::input::check(file, text.as_bytes()).map_err(|d| vec![d])?;
    load_within_limits_read(file, text, None, &mut None)
}

/// [`load_str_loaded_reusing`] for text already held to the limits, with
/// no byte order mark.
fn load_within_limits(
    file: &str,
    text: &str,
    beside: Beside,
    lines: &mut Option<StepLines>,
) -> Result<Loaded, Vec<Diagnostic>> {
    load_within_limits_read(file, text, Some(beside), lines)
}

/// [`load_within_limits`], reading in pieces where it can (`beside` other
/// versions) or, without them, whole.
fn load_within_limits_read(
    file: &str,
    text: &str,
    beside: Option<Beside>,
    lines: &mut Option<StepLines>,
) -> Result<Loaded, Vec<Diagnostic>> {
    if is_blank(text) {
        return Err(vec![Diagnostic::whole_file(
            file,
            "the file is empty; a pathway starts with `carepath: 1`",
        )]);
    }
    // The limits above have refused aliases, so the typed reading comes
    // first. The source map, which says where problems are, is made only
    // if something is wrong, and the first reading is kept, so a file with
    // problems is not parsed twice.
    let first = match read_typed(text, beside, lines) {
        Ok(pathway)
            if validate(&pathway).is_empty()
                && file_stem(file).is_none_or(|stem| stem == pathway.id) =>
        {
            return Ok(Loaded {
                pathway,
                warnings: Vec::new(),
                name_mismatch: None,
            });
        }
        other => other,
    };
    // Mapping where everything is costs several times a parse; a file too
    // large for that within a second has its problems told with the
    // typed reading's own places.
    // Where the typed reading failed, the same pass also builds the tree
    // that says what kind of mistake it met.
    let with_tree = first.is_err();
    let map = if text.len() <= MAP_AT_MOST {
        PARSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let built = if with_tree {
            SourceMap::build_with_tree(text)
        } else {
            SourceMap::build(text).map(|m| (m, None))
        };
        Some(built.map_err(|e| {
            vec![Diagnostic::at(
                file,
                e.at.line,
                e.at.column,
                file_problem(&e.message),
            )]
        })?)
    } else {
        None
    };
    let (map, tree) = map.map_or((None, None), |(m, t)| (Some(m), t));
    let pathway: Pathway = first.map_err(|e| {
        let (line, column) = e
            .inner()
            .location()
            .map_or((0, 0), |l| (l.line(), l.column()));
        vec![Diagnostic::at(
            file,
            line,
            column,
            describe_deserialise_error(&e, tree.as_ref()),
        )]
    })?;
    let map = map.unwrap_or_default();

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
    let name_mismatch = file_stem(file)
        .filter(|stem| *stem != pathway.id)
        .map(|stem| {
            let at = map.value(&path!["id"]);
            Diagnostic::at(
                file,
                at.map_or(0, |a| a.line),
                at.map_or(0, |a| a.column),
                format!(
                    "the pathway id \"{}\" must match the file name \"{stem}.yaml\"; rename one of them (set the id with `carepath set {file} id {stem}`)",
                    pathway.id
                ),
            )
        });
    if problems.is_empty() {
        Ok(Loaded {
            pathway,
            warnings,
            name_mismatch,
        })
    } else {
        problems.extend(name_mismatch);
        problems.sort_by_key(|d| (d.line, d.column));
        Err(problems)
    }
}

/// The typed reading of a pathway's text: the one full parse a file that
/// has no problems gets. The deserialiser keeps a record of where it is,
/// so a problem is named by its place in the pathway.
fn read_typed(
    text: &str,
    beside: Option<Beside>,
    lines: &mut Option<StepLines>,
) -> Result<Pathway, serde_path_to_error::Error<serde_yaml::Error>> {
    PARSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // A long pathway is read in pieces where it can be, so its reading
    // does not hold several times the file; else, and to say what is
    // wrong with a file, it is read whole.
    if let Some((pathway, read_lines)) = beside.and_then(|b| super::chunked::read(text, b)) {
        *lines = Some(read_lines);
        return Ok(pathway);
    }
    serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text))
}

/// How many times pathway text has been parsed in full by this process:
/// once a load, plus a map of places for a file with problems. Tests
/// read it to hold that a load parses once.
pub static PARSES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Reads the file through [`crate::store::safe_open`]: not a link out of the
/// library, not a pipe, never more than the limit.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    crate::store::safe_open::read_pathway(path).map_err(|e| io_problem(path, &e))
}

/// What went wrong reading `path`, in words (without the path, which the
/// diagnostic gives).
pub fn io_problem(path: &Path, e: &std::io::Error) -> String {
    let shown = path.display().to_string();
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => {
            "you do not have permission to read this file; ask whoever manages the library to give you read access".into()
        }
        _ => {
            let msg = e.to_string();
            let msg = msg
                .strip_prefix(&format!("{shown}: "))
                .unwrap_or(&msg)
                .to_string();
            if msg.starts_with("is ") {
                format!("this file {msg}")
            } else {
                format!("the file could not be read: {msg}")
            }
        }
    }
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
