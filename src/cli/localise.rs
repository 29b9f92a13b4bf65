//! `carepath localise BASE -o FILE`, `carepath diff --base FILE` and
//! `carepath rebase FILE`: a place's local version of a shared base
//! pathway, what the place changed, and taking the base's revisions
//! without losing those changes.

use std::path::Path;

use serde_json::json;

use super::output::{colour_stdout, paint};
use super::{Format, exit};
use crate::diff::{ChangeKind, describe};
use crate::merge::{Conflict, merge, record};
use crate::model::Pathway;
use crate::store::library::localise::{
    self, base_now, base_then, keep, local_text, relative, short,
};
use crate::store::read::load::{load_file, load_str};
use crate::text::clean;
use crate::text::yaml::edit::set_value;

fn fail(what: &str, e: &str) -> i32 {
    eprintln!("carepath {what}: {}", clean(e));
    exit::COULD_NOT_RUN
}

fn loaded(file: &Path) -> Result<(String, Pathway), String> {
    let text = crate::store::safe_open::read_pathway_text(file)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let p = load_str(&file.display().to_string(), &text).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    Ok((text, p))
}

fn folder(file: &Path) -> &Path {
    file.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Starts `output` as a local version of `base`.
pub fn localise(base: &Path, output: &Path) -> i32 {
    if output.exists() {
        return fail(
            "localise",
            &format!(
                "{} already exists; a local version starts a new file",
                output.display()
            ),
        );
    }
    // `NAME:FILE` names a base through the config, and is written so.
    let named = base
        .to_str()
        .and_then(|b| localise::resolve(b).map(|p| (b.to_string(), p)));
    let base_path = named.as_ref().map_or(base, |(_, p)| p.as_path());
    let text = match crate::store::safe_open::read_pathway_text(base_path) {
        Ok(t) => t,
        Err(e) => return fail("localise", &format!("{}: {e}", base_path.display())),
    };
    let id = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let library = folder(output);
    if let Err(e) = std::fs::create_dir_all(library) {
        return fail("localise", &format!("{}: {e}", library.display()));
    }
    let version = match keep(library, &text) {
        Ok(v) => v,
        Err(e) => return fail("localise", &e),
    };
    let path = match &named {
        Some((name, _)) => name.clone(),
        None => relative(library, base).to_string_lossy().into_owned(),
    };
    let local = match local_text(&text, &id, &path, &version) {
        Ok(t) => t,
        Err(e) => return fail("localise", &e),
    };
    if let Err(e) = crate::store::persist::save::save_atomic(output, local.as_bytes()) {
        return fail("localise", &format!("{}: {e}", output.display()));
    }
    println!(
        "{} is a local version of {} (version {}); change it freely, and carepath rebase takes the base's revisions",
        clean(&output.display().to_string()),
        clean(&path),
        short(&version)
    );
    exit::OK
}

/// `carepath diff --base FILE`: exit 0 when the place changed nothing, 1
/// when it did, 2 on error.
pub fn diff_base(file: &Path, format: Format) -> i32 {
    let changes = match localise::local_changes(file) {
        Ok(c) => c,
        Err(e) => return fail("diff", &e),
    };
    match format {
        Format::Json => {
            let v = json!({ "file": file.display().to_string(), "changes": changes });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Format::Text => {
            let colour = colour_stdout();
            for c in &changes {
                let (mark, sgr) = match c.kind {
                    ChangeKind::Added => ("+", "32"),
                    ChangeKind::Removed => ("-", "31"),
                    ChangeKind::Changed => ("~", "33"),
                    ChangeKind::Moved => (">", "36"),
                };
                println!("{} {}", paint(colour, sgr, mark), clean(&describe(c)));
            }
            if changes.is_empty() {
                println!("No local changes: this place's version says what the base said.");
            }
        }
    }
    if changes.is_empty() {
        exit::OK
    } else {
        exit::PROBLEMS
    }
}

/// What a rebase came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Rebased {
    /// The base has not moved since this place took it.
    AlreadyNewest,
    /// Merged to the base's `version`; `conflicts` wait for a decision
    /// (recorded at the top of the file).
    Merged {
        version: String,
        conflicts: Vec<Conflict>,
    },
}

/// How the two sides are named in a rebase's conflict record.
const LABELS: (&str, &str) = ("this place", "the base");

/// The base's changes since `file` took it, merged into `file` with the
/// base as it was taken as the common ancestor, and the new base version
/// recorded, in one save. Conflicts keep this place's value and are
/// recorded in the file as `carepath merge` records them.
pub fn rebase_file(file: &Path) -> Result<Rebased, String> {
    let (local_text, local) = loaded(file)?;
    let Some(based_on) = local.based_on.clone() else {
        return Err(format!(
            "{} has no based_on: it is not a local version",
            file.display()
        ));
    };
    let then = base_then(file, &based_on)?;
    let (now, version) = base_now(file, &based_on)?;
    if version == based_on.version || then == now {
        return Ok(Rebased::AlreadyNewest);
    }
    let as_base = |name: &str, text: &str| {
        load_str(name, text).map_err(|d| {
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    let then_p = as_base("the base as it was taken", &then)?;
    let now_p = as_base("the base now", &now)?;
    keep(folder(file), &now)?;
    let mut result = merge(&then_p, &local, &now_p)?;
    // The region's sign-offs and status are the region's word on its
    // pathway, not this place's: the local version keeps its own.
    let own = |path: &str| path.starts_with("sign_off") || path == "status";
    result.merged.sign_off = local.sign_off.clone();
    result.merged.status = local.status;
    result.conflicts.retain(|c| !own(&c.path));
    // Never a re-serialised file: where the merge cannot be written into
    // the local text in place, the text stays as it is and every
    // difference waits as a conflict to decide.
    let text = match crate::merge::apart::write_into(&local_text, &local, &result.merged) {
        crate::merge::apart::Written::InPlace(text) => text,
        crate::merge::apart::Written::Apart { why, conflicts } => {
            eprintln!(
                "carepath rebase: the base's changes could not be written into the local version in place ({}); it is kept as it was, with each change to decide",
                clean(&why)
            );
            result.conflicts.extend(conflicts);
            local_text.clone()
        }
    };
    let mut text = set_value(&text, "based_on.version", &version)?;
    if !result.conflicts.is_empty() {
        text = record::block(&result.conflicts, LABELS) + &text;
    }
    crate::store::persist::save::save_atomic(file, text.as_bytes())
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Rebased::Merged {
        version,
        conflicts: result.conflicts,
    })
}

fn shown(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(nothing)".into(),
        Some(serde_json::Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    }
}

/// `carepath rebase FILE`: exit 0 merged, 1 where conflicts remain, 2 on
/// error.
pub fn rebase(file: &Path) -> i32 {
    let outcome = match rebase_file(file) {
        Ok(o) => o,
        Err(e) => return fail("rebase", &e),
    };
    if load_file(file).is_err() {
        eprintln!(
            "carepath rebase: the merged file has problems; carepath check {} lists them",
            clean(&file.display().to_string())
        );
    }
    match outcome {
        Rebased::AlreadyNewest => {
            println!("Already on the newest version of the base.");
            exit::OK
        }
        Rebased::Merged { version, conflicts } if conflicts.is_empty() => {
            println!(
                "Took the base's version {}; every local change kept.",
                short(&version)
            );
            exit::OK
        }
        Rebased::Merged { version, conflicts } => {
            for c in &conflicts {
                println!(
                    "conflict: {}: base was {}, {} {}, {} {}",
                    clean(&c.path),
                    clean(&shown(&c.base)),
                    LABELS.0,
                    clean(&shown(&c.ours)),
                    LABELS.1,
                    clean(&shown(&c.theirs))
                );
            }
            println!(
                "Took the base's version {}; where both changed the same thing, this place's value is kept and the conflict recorded: open the pathway in carepath and press M to decide.",
                short(&version)
            );
            exit::PROBLEMS
        }
    }
}

/// For `check`: whether the base of `file` has moved on.
pub fn note(file: &Path, p: &Pathway) -> Option<String> {
    localise::moved_on(file, p)
}
