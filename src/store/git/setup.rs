//! `carepath init --git`: a library made a git repository, with carepath's
//! shared state left out of it and carepath named as the merge and diff
//! driver for pathways.

use std::path::Path;

use super::Repo;

/// What `.gitignore` needs: sessions, locks, presence and kept saves are
/// this server's, not the pathways'; the versions of bases that local
/// versions were taken from travel with them.
pub const IGNORE: &[&str] = &[".carepath/*", "!.carepath/bases/"];

/// What `.gitattributes` needs: pathways merged and compared by carepath;
/// the library's other YAML files (people, rejected suggestions) by lines.
pub const ATTRIBUTES: &[&str] = &[
    "*.yaml merge=carepath diff=carepath",
    "people.yaml merge=text -diff",
    "rejected-suggestions.yaml merge=text -diff",
];

/// Adds each of `lines` that `file` lacks, at its end.
fn ensure_lines(file: &Path, lines: &[&str]) -> Result<bool, String> {
    let text = match crate::store::safe_open::read_pathway_text(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", file.display())),
    };
    let mut out = text.clone();
    for line in lines {
        if !text.lines().any(|l| l.trim() == *line) {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    if out == text {
        return Ok(false);
    }
    crate::store::persist::save::save_atomic(file, out.as_bytes())
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(true)
}

/// Makes `library` a git repository (or uses the one it is in), sets up
/// `.gitignore` and `.gitattributes`, names `remote` as `origin` when
/// given, and commits what is there. Returns what was done, in words.
pub fn init(library: &Path, remote: Option<&str>) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    let empty = std::fs::read_dir(library).map_or(true, |mut d| d.next().is_none());
    if empty && let Some(url) = remote {
        // A new place joining a shared library: its copy of it.
        super::run::clone_repository(url, library)?;
        done.push(format!(
            "copied the shared library from {} into {}",
            crate::text::clean(url),
            crate::text::clean(&library.display().to_string())
        ));
    }
    std::fs::create_dir_all(library).map_err(|e| format!("{}: {e}", library.display()))?;
    let repo = match Repo::find(library) {
        Ok(r) => r,
        Err(_) => {
            super::run::init_repository(library)?;
            done.push(format!(
                "made {} a git repository",
                crate::text::clean(&library.display().to_string())
            ));
            Repo::find(library)?
        }
    };
    if ensure_lines(&library.join(".gitignore"), IGNORE)? {
        done.push("left .carepath/ (this server's sessions and locks) out of git".into());
    }
    if ensure_lines(&library.join(".gitattributes"), ATTRIBUTES)? {
        done.push("named carepath as the merge and diff driver for pathways".into());
    }
    // For people who run plain git in the library too; carepath itself
    // passes its driver on every command and never reads this back.
    repo.run(&["config", "merge.carepath.name", "carepath pathway merge"])?;
    repo.run(&[
        "config",
        "merge.carepath.driver",
        "carepath merge %O %A %B --label-ours ours --label-theirs theirs",
    ])?;
    repo.run(&["config", "diff.carepath.command", "carepath diff"])?;
    if let Some(url) = remote.filter(|_| !empty) {
        let has = repo.run(&["remote"])?;
        let verb = if has.lines().any(|l| l == "origin") {
            "set-url"
        } else {
            "add"
        };
        repo.run(&["remote", verb, "origin", url])?;
        done.push(format!("syncs with {}", crate::text::clean(url)));
    }
    if let Some(c) = super::sync::commit_saved(&repo, library)? {
        done.push(c);
    }
    Ok(done)
}
