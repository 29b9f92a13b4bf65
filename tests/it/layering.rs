//! The layers of the program, checked by reading the source: the model
//! imports nothing of the crate; `compare`, `diff` and `merge` import only
//! the model and the text layer (not each other); nothing below the app
//! imports the app, and the command line never imports the app.
//! Every `crate::` path in a file counts, in `use` lines and inline.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The top-level module a source file belongs to: `src/store/load.rs` is
/// in `store`, `src/text.rs` in `text`.
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix("src").unwrap();
    let first = rel.components().next().unwrap().as_os_str();
    first.to_string_lossy().trim_end_matches(".rs").to_string()
}

/// The top-level modules a file names through `crate::`, outside comments.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            // `$crate::` in a macro is the crate too.
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
            rest = after;
        }
        // `use crate::{model, text}` names several at once.
        if let Some(group) = code
            .split("crate::{")
            .nth(1)
            .and_then(|g| g.split('}').next())
        {
            for part in group.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

/// What each layer may import besides itself; `None` is anything.
fn allowed(module: &str) -> Option<&'static [&'static str]> {
    match module {
        "model" => Some(&[]),
        // The YAML text layer and the sanitiser: text in, text out.
        "text" => Some(&["model"]),
        // The pure core leans on the model and the text layer only, never
        // on each other: what they share (the similarity of wordings, the
        // differences between two versions) is the model's. Nor on files
        // or the terminal.
        "compare" | "diff" | "merge" => Some(&["model", "text"]),
        _ => None,
    }
}

#[test]
fn each_layer_imports_only_what_is_below_it() {
    let mut wrong = Vec::new();
    for file in sources(Path::new("src")) {
        let module = module_of(&file);
        let text = fs::read_to_string(&file).unwrap();
        for import in imports(&text) {
            if import == module {
                continue;
            }
            let ok = match allowed(&module) {
                Some(list) => list.contains(&import.as_str()),
                // Nothing below the app imports the app; the command line
                // is below it too.
                None => import != "tui" || matches!(module.as_str(), "tui" | "main" | "lib"),
            };
            if !ok {
                wrong.push(format!(
                    "{} ({module}) imports crate::{import}",
                    file.display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_reader_sees_imports_in_every_form() {
    let seen = imports(
        "use crate::model::Pathway;\nuse crate::{store, text::clean};\n    crate::diff::diff(a, b); // crate::tui\n$crate::model::FieldPath::root()\n",
    );
    let seen: Vec<&str> = seen.iter().map(String::as_str).collect();
    assert_eq!(seen, ["diff", "model", "store", "text"]);
}

/// Every source file stays one a reader can hold in their head.
#[test]
fn no_source_file_is_over_600_lines() {
    let mut long = Vec::new();
    for dir in ["src"] {
        for file in sources(Path::new(dir)) {
            let lines = fs::read_to_string(&file).unwrap().lines().count();
            if lines > 600 {
                long.push(format!("{}: {lines} lines", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over 600 lines:\n{}",
        long.join("\n")
    );
}
