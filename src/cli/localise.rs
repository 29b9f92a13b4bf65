//! `carepath localise BASE -o FILE`, `carepath diff --base FILE` and
//! `carepath rebase FILE`: a place's local version of a shared base
//! pathway, what the place changed, and taking the base's revisions
//! without losing those changes.

use std::path::Path;

use serde_json::json;

use super::output::{colour_stdout, paint};
use super::{Format, exit};
use crate::diff::{Change, ChangeKind, describe, diff};
use crate::model::Pathway;
use crate::store::edit::set_value;
use crate::store::load::{load_file, load_str};
use crate::store::localise::{self, base_now, base_then, keep, local_text, relative, short};
use crate::text::clean;

fn fail(what: &str, e: &str) -> i32 {
    eprintln!("carepath {what}: {}", clean(e));
    exit::COULD_NOT_RUN
}

fn loaded(file: &Path) -> Result<(String, Pathway), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
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
    let text = match std::fs::read_to_string(base) {
        Ok(t) => t,
        Err(e) => return fail("localise", &format!("{}: {e}", base.display())),
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
    let path = relative(library, base).to_string_lossy().into_owned();
    let local = match local_text(&text, &id, &path, &version) {
        Ok(t) => t,
        Err(e) => return fail("localise", &e),
    };
    if let Err(e) = crate::store::save::save_atomic(output, local.as_bytes()) {
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

/// What this place changed from the base as it took it. The id and the
/// sign-offs are the local version's own, so not counted.
pub fn local_changes(file: &Path) -> Result<Vec<Change>, String> {
    let (_, local) = loaded(file)?;
    let Some(based_on) = &local.based_on else {
        return Err(format!(
            "{} is not a local version of a base (it has no based_on)",
            file.display()
        ));
    };
    let then = base_then(file, based_on)?;
    let base = load_str("base", &then).map_err(|_| "the kept base no longer loads".to_string())?;
    Ok(diff(&base, &local)
        .into_iter()
        .filter(|c| c.path != "id" && !c.path.starts_with("sign_off"))
        .collect())
}

/// `carepath diff --base FILE`: exit 0 when the place changed nothing, 1
/// when it did, 2 on error.
pub fn diff_base(file: &Path, format: Format) -> i32 {
    let changes = match local_changes(file) {
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
                println!("{} {}", paint(colour, sgr, mark), describe(c));
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

/// `carepath rebase FILE`: the base's changes since this place took it,
/// merged into the local version with the base as it was taken as the
/// common ancestor. Exit 0 merged, 1 where conflicts remain (recorded in
/// the file as `carepath merge` records them), 2 on error.
pub fn rebase(file: &Path) -> i32 {
    let (_, local) = match loaded(file) {
        Ok(l) => l,
        Err(e) => return fail("rebase", &e),
    };
    let Some(based_on) = local.based_on.clone() else {
        return fail(
            "rebase",
            &format!(
                "{} has no based_on: it is not a local version",
                file.display()
            ),
        );
    };
    let (then, (now, version)) = match (base_then(file, &based_on), base_now(file, &based_on)) {
        (Ok(t), Ok(n)) => (t, n),
        (Err(e), _) | (_, Err(e)) => return fail("rebase", &e),
    };
    if version == based_on.version || then == now {
        println!("Already on the newest version of the base.");
        return exit::OK;
    }
    let library = folder(file);
    if let Err(e) = keep(library, &now) {
        return fail("rebase", &e);
    }
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return fail("rebase", &e.to_string()),
    };
    let (then_file, now_file) = (
        dir.path().join("base-then.yaml"),
        dir.path().join("base-now.yaml"),
    );
    if let Err(e) = std::fs::write(&then_file, &then).and_then(|()| std::fs::write(&now_file, &now))
    {
        return fail("rebase", &e.to_string());
    }
    let merged = super::merge::run(&then_file, file, &now_file, ("this place", "the base"));
    if merged == exit::COULD_NOT_RUN {
        return merged;
    }
    // The new base version is recorded whether or not conflicts remain:
    // the conflicts are decided against it.
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return fail("rebase", &format!("{}: {e}", file.display())),
    };
    let written = set_value(&text, "based_on.version", &version)
        .map_err(|e| e.to_string())
        .and_then(|t| {
            crate::store::save::save_atomic(file, t.as_bytes()).map_err(|e| e.to_string())
        });
    if let Err(e) = written {
        return fail("rebase", &e);
    }
    if load_file(file).is_err() {
        eprintln!(
            "carepath rebase: the merged file has problems; carepath check {} lists them",
            clean(&file.display().to_string())
        );
    }
    if merged == exit::OK {
        println!(
            "Took the base's version {}; every local change kept.",
            short(&version)
        );
    } else {
        println!(
            "Took the base's version {}; where both changed the same thing, this place's value is kept and the conflict recorded: open the pathway in carepath and press M to decide.",
            short(&version)
        );
    }
    merged
}

/// For `check`: whether the base of `file` has moved on.
pub fn note(file: &Path, p: &Pathway) -> Option<String> {
    localise::moved_on(file, p)
}
