//! Where turned-down suggestions are kept: `.carepath/` beside the
//! library, so that everyone working on the library shares them.

use std::path::{Path, PathBuf};

use crate::compare::Rejection;

pub const FILE: &str = "rejected-suggestions.yaml";

fn path(library: &Path) -> PathBuf {
    super::shared::dir(library).join(FILE)
}

/// The rejections recorded for the library in `library`; none when the
/// file is not there yet.
pub fn load(library: &Path) -> Result<Vec<Rejection>, String> {
    let file = path(library);
    match std::fs::read_to_string(&file) {
        Ok(text) if text.trim().is_empty() => Ok(Vec::new()),
        Ok(text) => serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", file.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", file.display())),
    }
}

/// Records one more rejection, under the file's lock so that two people
/// rejecting at once both count.
pub fn add(library: &Path, rejection: Rejection) -> Result<(), String> {
    // Locked by name, as the pathways are: `.carepath/locks/` of the library.
    super::lock::with_lock(&library.join(FILE), || add_locked(library, rejection))?
}

fn add_locked(library: &Path, rejection: Rejection) -> Result<(), String> {
    let mut all = load(library)?;
    if all.contains(&rejection) {
        return Ok(());
    }
    all.push(rejection);
    let file = path(library);
    let text = format!(
        "# Suggested pairings that people said are not the same point.\n# carepath will not suggest them again.\n{}",
        serde_yaml::to_string(&all).map_err(|e| e.to_string())?
    );
    super::shared::write(&file, text.as_bytes())
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
