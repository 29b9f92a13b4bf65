//! The library folder.

use std::path::{Path, PathBuf};

/// The pathway files directly in `dir`, sorted by name. (placeholder)
pub fn scan_folder(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with('.')
            && (name.ends_with(".yaml") || name.ends_with(".yml"))
            && path.is_file()
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
