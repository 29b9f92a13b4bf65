//! Every file in a library and its `.carepath/` folder is opened by one
//! module, `src/store/safe_open/`, which follows no link out of the
//! library, reads no pipe and caps every read. This test reads the source
//! and fails when a plain open appears anywhere else, unless it is one of
//! the few places that open the user's own files, named here with why.

use std::path::Path;

/// Calls that open, read, write or remove a file by path.
const OPENS: &[&str] = &[
    "OpenOptions",
    "File::open",
    "File::create",
    "fs::read(",
    "read_to_string(",
    "fs::write(",
    "remove_file(",
    "tempfile_in(",
    "persist(",
];

/// Files that may open by path, and why.
const ALLOWED: &[(&str, &str)] = &[
    (
        "src/store/safe_open/mod.rs",
        "the one module that opens shared files",
    ),
    (
        "src/store/safe_open/write.rs",
        "the one module that opens shared files",
    ),
    (
        "src/store/safe_open/pathway.rs",
        "the one module that opens shared files",
    ),
    (
        "src/store/team/identity.rs",
        "reads /proc for whether a process runs",
    ),
    ("src/store/config.rs", "the user's own config folder"),
    ("src/tui/theme.rs", "the user's own themes"),
    (
        "src/tui/editor.rs",
        "the user's own temporary file for $EDITOR",
    ),
    (
        "src/store/library/generate.rs",
        "writes a new synthetic library for benchmarks",
    ),
    (
        "src/store/library/index.rs",
        "the user's own library index, in their private state folder",
    ),
    (
        "src/store/library/index_clean.rs",
        "removes the user's own stale library indexes from their private state folder",
    ),
    (
        "src/export/write.rs",
        "writes the published site into the folder the user named with -o",
    ),
];

fn production_code(text: &str) -> &str {
    // Unit tests at the end of a file may make files as they like.
    let end = ["#[cfg(test)]", "#[cfg(all(test"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    &text[..end]
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs")
            // A module's unit tests in a file of their own (`mod tests;`
            // under `#[cfg(test)]`) may make files as they like.
            && p.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(p);
        }
    }
}

#[test]
fn only_safe_open_opens_files_by_path() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut found = Vec::new();
    for f in files {
        let name = f.to_string_lossy().replace('\\', "/");
        if ALLOWED.iter().any(|(a, _)| *a == name) {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in production_code(&text).lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if let Some(call) = OPENS.iter().find(|o| code.contains(*o)) {
                found.push(format!("{name}:{}: {call}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "open shared files through store::safe_open instead:\n{}",
        found.join("\n")
    );
}
