//! Local versions of a shared base pathway: starting one, knowing which
//! version of the base it was taken from, and keeping that version at
//! hand for the three-way merge that takes the base's revisions.
//!
//! The base as it was taken is kept by the digest of its text in the
//! library's `.carepath/bases/`, which `carepath init --git` shares through
//! git (the rest of `.carepath/` is this server's own). Where `version` is
//! a git commit instead, the base is read from the base's repository.

use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::{BasedOn, Pathway};
use crate::store::read::load::load_str;

/// Where the bases' versions are kept, inside a library.
pub const BASES: &str = ".carepath/bases";

/// The digest of a base file's text, as `based_on.version` holds it.
pub fn digest(text: &str) -> String {
    let hash = Sha256::digest(text.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn folder(file: &Path) -> PathBuf {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn kept_path(library: &Path, version: &str) -> Option<PathBuf> {
    let hex = version.strip_prefix("sha256:")?;
    (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| library.join(BASES).join(format!("{hex}.yaml")))
}

/// Keeps `text` (a version of a base) in `library`; its digest.
pub fn keep(library: &Path, text: &str) -> Result<String, String> {
    let version = digest(text);
    let Some(path) = kept_path(library, &version) else {
        return Err("the digest could not name a file".into());
    };
    if !path.exists() {
        let dir = library.join(BASES);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        crate::store::persist::save::save_atomic(&path, text.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(version)
}

/// The base file a local version names: `NAME:FILE` through the `bases`
/// of the user's config, else a path from the local file's folder.
pub fn base_file(local: &Path, based_on: &BasedOn) -> PathBuf {
    resolve(&based_on.path).unwrap_or_else(|| folder(local).join(&based_on.path))
}

/// `NAME:FILE` as a path, when the config names a folder for `NAME`.
pub fn resolve(named: &str) -> Option<PathBuf> {
    let (name, file) = named.split_once(':')?;
    if !crate::model::is_slug(name) {
        return None;
    }
    let config =
        crate::store::config::load_config(crate::store::config::config_dir().as_deref()).ok()?;
    config.bases.get(name).map(|dir| dir.join(file))
}

/// The text of the base as `local` took it: kept by digest beside the
/// library, or from git at the commit named.
pub fn base_then(local: &Path, based_on: &BasedOn) -> Result<String, String> {
    let library = folder(local);
    if let Some(path) = kept_path(&library, &based_on.version) {
        return crate::store::safe_open::read_pathway_text(&path).map_err(|_| {
            format!(
                "the version of the base this pathway was taken from ({}) is not kept in {}; \
                 it is needed to tell this place's changes from the base's",
                short(&based_on.version),
                library.join(BASES).display()
            )
        });
    }
    crate::store::git::show(&base_file(local, based_on), &based_on.version)
}

/// The base as it is now: its text, and its version.
pub fn base_now(local: &Path, based_on: &BasedOn) -> Result<(String, String), String> {
    let file = base_file(local, based_on);
    let text = crate::store::safe_open::read_pathway_text(&file).map_err(|e| {
        format!(
            "the base {} could not be read: {e}",
            crate::text::clean(&file.display().to_string())
        )
    })?;
    let version = digest(&text);
    Ok((text, version))
}

/// A version, short enough to read.
pub fn short(version: &str) -> &str {
    let v = version.strip_prefix("sha256:").unwrap_or(version);
    &v[..v.len().min(12)]
}

/// Whether the base has moved on since `local` took it: what to say, or
/// `None` when it has not (or the base is a git commit, which does not
/// move).
pub fn moved_on(local: &Path, p: &Pathway) -> Option<String> {
    let based_on = p.based_on.as_ref()?;
    if !based_on.version.starts_with("sha256:") {
        return None;
    }
    match base_now(local, based_on) {
        Ok((_, now)) if now != based_on.version => Some(format!(
            "the base {} has a newer version than this local version took ({} → {}); carepath rebase takes it, keeping this place's changes",
            crate::text::clean(&based_on.path),
            short(&based_on.version),
            short(&now)
        )),
        Ok(_) => None,
        Err(e) => Some(e),
    }
}

/// What this place changed in `local` from the base as it took it. The
/// id and the sign-offs are the local version's own, so not counted.
pub fn local_changes(local: &Path) -> Result<Vec<crate::diff::Change>, String> {
    let text = crate::store::safe_open::read_pathway_text(local)
        .map_err(|e| format!("{}: {e}", local.display()))?;
    let here = load_str(&local.display().to_string(), &text).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let Some(based_on) = &here.based_on else {
        return Err(format!(
            "{} is not a local version of a base (it has no based_on)",
            local.display()
        ));
    };
    let then = base_then(local, based_on)?;
    let base = load_str("base", &then).map_err(|_| "the kept base no longer loads".to_string())?;
    Ok(crate::diff::diff(&base, &here)
        .into_iter()
        .filter(|c| c.path != "id" && !c.path.starts_with("sign_off"))
        .collect())
}

/// `to` relative to folder `from`, both as they are on disk.
pub fn relative(from: &Path, to: &Path) -> PathBuf {
    let (Ok(from), Ok(to)) = (std::fs::canonicalize(from), std::fs::canonicalize(to)) else {
        return to.to_path_buf();
    };
    let f: Vec<Component> = from.components().collect();
    let t: Vec<Component> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c.as_os_str());
    }
    out
}

/// The text of a new local version of `base_text`: its own `id`, no
/// sign-offs (they were the base's), and `based_on` naming `base_path`
/// at `version`. The base's comments and layout are kept.
pub fn local_text(
    base_text: &str,
    id: &str,
    base_path: &str,
    version: &str,
) -> Result<String, String> {
    let base = load_str("base", base_text).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    if !crate::model::is_slug(id) {
        return Err(format!(
            "\"{id}\" cannot be a pathway id: name the file with lower-case letters, digits and hyphens"
        ));
    }
    let mut text = base_text.to_string();
    if base.id != id {
        text = crate::text::yaml::edit::set_value(&text, "id", id)?;
    }
    if !base.sign_off.is_empty() {
        text = crate::text::yaml::edit::remove_key(&text, "", "sign_off")?;
    }
    if base.based_on.is_some() {
        text = crate::text::yaml::edit::remove_key(&text, "", "based_on")?;
    }
    let block = format!(
        "based_on:\n  path: {}\n  version: {version}\n",
        yaml_scalar(base_path)
    );
    let at = top_level_line_end(&text, "id:")
        .ok_or_else(|| "the base has no id line to put based_on after".to_string())?;
    text.insert_str(at, &block);
    Ok(text)
}

/// A path as a YAML scalar: plain where that reads back the same.
fn yaml_scalar(s: &str) -> String {
    serde_yaml::to_string(s)
        .map(|t| t.trim_end().to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

/// The byte after the line that starts (at column 0) with `key`.
fn top_level_line_end(text: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        if line.starts_with(key) {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_version_names_its_base_and_keeps_its_comments() {
        let base = "# The region's pathway.\ncarepath: 1\nid: discharge\ntitle: Discharge\nsteps:\n  - id: a # first\n    title: A\n";
        let text = local_text(
            base,
            "discharge-riverside",
            "../region/discharge.yaml",
            &digest(base),
        )
        .unwrap();
        let p = load_str("local", &text).unwrap();
        assert_eq!(p.id, "discharge-riverside");
        let b = p.based_on.unwrap();
        assert_eq!(b.path, "../region/discharge.yaml");
        assert_eq!(b.version, digest(base));
        assert!(text.starts_with("# The region's pathway.\n"));
        assert!(text.contains("  - id: a # first\n"));
    }

    #[test]
    fn a_path_is_relative_to_the_local_folder() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("region")).unwrap();
        std::fs::create_dir_all(d.path().join("here")).unwrap();
        std::fs::write(d.path().join("region/x.yaml"), "").unwrap();
        assert_eq!(
            relative(&d.path().join("here"), &d.path().join("region/x.yaml")),
            PathBuf::from("../region/x.yaml")
        );
    }
}
