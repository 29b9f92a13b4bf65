//! Where turned-down suggestions are kept: `.carepath/` beside the
//! library, so that everyone working on the library shares them.

use std::path::Path;

use crate::compare::Rejection;
use crate::store::safe_open::{NewFolder, limits};
use crate::store::shared;

pub const FILE: &str = "rejected-suggestions.yaml";

/// The rejections recorded for the library in `library`; none when the
/// file is not there yet. A file that is not a plain file of sensible
/// size, or does not read, is an error in words; nothing waits on it.
pub fn load(library: &Path) -> Result<Vec<Rejection>, String> {
    let folder = match shared::folder(library, "", NewFolder::No) {
        Ok(f) => f,
        Err(_) if !shared::dir(library).exists() => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let file = folder.path().join(FILE);
    let name = file.display().to_string();
    let bytes = match folder.read(FILE, limits::REJECTIONS) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(shared::explain(&file, "read the rejected suggestions", &e)),
    };
    let text = crate::store::read::input::check_capped(&name, &bytes, limits::REJECTIONS)
        .map_err(|d| d.to_string())?;
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    serde_yaml::from_str(text).map_err(|e| {
        let why = crate::store::read::messages::explain::<Vec<Rejection>>(text)
            .unwrap_or_else(|| crate::store::read::messages::describe_serde_error(&e.to_string()));
        format!("{name}: {why}")
    })
}

/// Records one more rejection, under the file's lock so that two people
/// rejecting at once both count.
pub fn add(library: &Path, rejection: Rejection) -> Result<(), String> {
    // Locked by name, as the pathways are: `.carepath/locks/` of the library.
    crate::store::persist::lock::with_lock(&library.join(FILE), || add_locked(library, rejection))?
}

/// Takes one rejection back (its rejection was undone), under the lock.
pub fn remove(library: &Path, rejection: &Rejection) -> Result<(), String> {
    crate::store::persist::lock::with_lock(&library.join(FILE), || {
        let mut all = load(library)?;
        all.retain(|r| r != rejection);
        write_all(library, &all)
    })?
}

fn add_locked(library: &Path, rejection: Rejection) -> Result<(), String> {
    let mut all = load(library)?;
    if all.contains(&rejection) {
        return Ok(());
    }
    all.push(rejection);
    write_all(library, &all)
}

fn write_all(library: &Path, all: &[Rejection]) -> Result<(), String> {
    let text = format!(
        "# Suggested pairings that people said are not the same point.\n# carepath will not suggest them again.\n{}",
        serde_yaml::to_string(all).map_err(|e| e.to_string())?
    );
    let folder = shared::folder(library, "", NewFolder::Shared)?;
    shared::write(&folder, FILE, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_are_kept_beside_the_library() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_empty());
        let r = Rejection {
            pathway: "p".into(),
            section: "causes".into(),
            a: "A".into(),
            b: "B".into(),
        };
        add(dir.path(), r.clone()).unwrap();
        add(dir.path(), r.clone()).unwrap();
        assert_eq!(load(dir.path()).unwrap(), vec![r]);
    }
}
