//! Running the independent validators (Python packages that `.ci/run`
//! installs: `jsonschema`, `html5lib`, `fhir.resources`).
//!
//! `CAREPATH_PYTHON` names the interpreter; default `python3`. A missing
//! interpreter or package fails the test with a message that says what to
//! install, never a silent pass.

use std::path::Path;
use std::process::Command;

pub fn python() -> String {
    std::env::var("CAREPATH_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Runs `script` (a file under `tests/tools/`) with `args`; returns its
/// standard output. Panics, saying what is missing, when it cannot run.
pub fn run(script: &str, args: &[&Path]) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tools")
        .join(script);
    let out = Command::new(python())
        .arg(&path)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} ({e}): install python3 with the packages jsonschema, html5lib and fhir.resources (.ci/run does)",
                python()
            )
        });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "{script} needs a Python package that is not installed (pip install jsonschema html5lib fhir.resources; .ci/run does): {stderr}"
    );
    assert!(
        out.status.success(),
        "{script} failed: {stderr}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
