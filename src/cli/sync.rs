//! `carepath init --git` and `carepath sync`: a library kept in git and
//! shared through a repository on a server or in a folder.

use std::path::Path;

use super::exit;
use crate::store::git::{setup, sync};
use crate::text::clean;

pub fn init(library: &Path, remote: Option<&str>) -> i32 {
    match setup::init(library, remote) {
        Ok(done) => {
            for line in done {
                println!("{line}");
            }
            exit::OK
        }
        Err(e) => {
            eprintln!("carepath init: {}", clean(&e));
            exit::COULD_NOT_RUN
        }
    }
}

/// Exit 0 synced, 1 when conflicts wait for a decision (nothing was
/// pushed), 2 when it could not run.
pub fn run(library: &Path) -> i32 {
    let report = match sync::sync(library) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("carepath sync: {}", clean(&e));
            return exit::COULD_NOT_RUN;
        }
    };
    for line in &report.done {
        println!("{line}");
    }
    if report.undecided.is_empty() {
        return exit::OK;
    }
    println!("Nothing was sent: these need deciding first.");
    for u in &report.undecided {
        let name = clean(&u.file.display().to_string()).into_owned();
        if u.conflicts.is_empty() {
            println!("  {name}: both sides changed the same lines; edit the file by hand");
        }
        for c in &u.conflicts {
            println!(
                "  {name}: {}: ours {}, theirs {}",
                clean(&c.path),
                clean(&value(&c.ours)),
                clean(&value(&c.theirs))
            );
        }
    }
    println!(
        "Open each pathway in carepath and press M to decide, save, then run carepath sync again."
    );
    exit::PROBLEMS
}

fn value(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(removed)".into(),
        Some(serde_json::Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    }
}
