//! The library folder: which files in it are pathways.

use std::path::{Path, PathBuf};

/// The pathway files directly in `dir`, sorted by name: `*.yaml` and
/// `*.yml`, not hidden ones (carepath's own `.carepath/` state, editors'
/// temporary files, an atomic save's temporary), not in subfolders.
pub fn scan_folder(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // A link to a folder named like a pathway is a folder, not a broken
        // pathway (stat only: it opens nothing, so a pipe cannot stall it).
        let is_dir = entry.file_type().is_ok_and(|t| {
            t.is_dir() || (t.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir()))
        });
        if is_pathway_file(&path) && !is_dir {
            files.push((entry.file_name(), path));
        }
    }
    // By name: all are in one folder, and comparing whole paths part by
    // part costs more than the rest of listing a large library.
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(files.into_iter().map(|(_, path)| path).collect())
}

/// Whether `path` names a pathway file: not the library's `people.yaml`
/// or `vocabulary.yaml`.
pub fn is_pathway_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.starts_with('.')
        && name != crate::store::team::people::FILE
        && name != crate::store::library::vocabulary::FILE
        && (name.ends_with(".yaml") || name.ends_with(".yml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_yaml_files_directly_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.yaml",
            "a.yml",
            ".p.yaml.123.tmp",
            ".hidden.yaml",
            "notes.txt",
            "people.yaml",
            "vocabulary.yaml",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub.yaml")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("sub.yaml"), dir.path().join("link.yaml"))
            .unwrap();
        let names: Vec<String> = scan_folder(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["a.yml", "b.yaml"]);
    }
}
