//! Editing text in the user's own editor, the way `git commit` does: the
//! terminal is handed over, the editor runs on a temporary file, and the
//! app takes the terminal back when it closes.

use std::io::Write;
use std::process::Command;

use super::terminal::{self, Term};

/// The editor command: $VISUAL, else $EDITOR, else `vi`.
fn command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into())
}

/// Runs the editor on `text` and returns what it left, or why it failed.
/// The text is never lost: on failure the caller still has it.
pub fn edit(term: &mut Term, mouse: bool, text: &str) -> Result<String, String> {
    let mut file = tempfile::Builder::new()
        .prefix("carepath-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| e.to_string())?;
    file.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    file.flush().map_err(|e| e.to_string())?;
    let path = file.path().to_path_buf();

    terminal::restore();
    // The command may carry arguments (`code --wait`), as with git.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", command()))
        .arg("carepath-editor")
        .arg(&path)
        .status();
    let back = terminal::resume(term, mouse);
    let status = status.map_err(|e| e.to_string())?;
    back.map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("the editor exited with {status}"));
    }
    std::fs::read_to_string(&path).map_err(|e| e.to_string())
}
