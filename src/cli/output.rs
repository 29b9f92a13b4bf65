//! Writing command output: colour only on a terminal, never with NO_COLOR.

use std::io::IsTerminal;

/// Whether standard output should carry ANSI colour.
pub fn colour_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Wraps `text` in an SGR colour when `on`.
pub fn paint(on: bool, sgr: &str, text: &str) -> String {
    if on {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Text from files made safe for the terminal: every line passes through
/// the app's sanitising ([`crate::text::clean`]), line breaks kept.
pub fn safe(text: &str) -> String {
    text.split('\n')
        .map(|l| crate::text::clean(l.strip_suffix('\r').unwrap_or(l)).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Prints a line (or lines) to standard output, sanitised.
pub fn say(text: &str) {
    println!("{}", safe(text));
}

/// Prints a line (or lines) to standard error, sanitised.
pub fn say_err(text: &str) {
    eprintln!("{}", safe(text));
}

/// JSON for standard output: serde_json escapes C0 controls; the rest of
/// what must never reach a terminal raw (DEL, C1, bidi overrides) is
/// escaped as `\uXXXX` too, which JSON readers turn back into the same
/// text.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let raw = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c != '\n' && crate::text::is_unsafe(c) {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}
