//! YAML as serde writes it, laid out as people write it: serde puts a
//! list's dashes in the column of the key above (`causes:\n- text: …`),
//! which is valid but not how the pathways in a library are written, nor
//! how the edit engine writes lists elsewhere (`causes:\n  - text: …`).

/// `yaml` with every block list indented two columns under its key.
/// Text inside block scalars (`|`, `>`) moves with its parent and is never
/// read as structure, so a line of text that starts with `- ` stays text.
pub fn nest_lists(yaml: &str) -> String {
    // The columns (in the input) of the lists open around the current line.
    let mut lists: Vec<usize> = Vec::new();
    // While inside a block scalar: the column its parent line starts at,
    // and the extra indentation that line was given.
    let mut scalar: Option<(usize, usize)> = None;
    let mut out = String::with_capacity(yaml.len() + yaml.len() / 4);
    for line in yaml.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let column = body.len() - body.trim_start_matches(' ').len();
        if let Some((parent, extra)) = scalar {
            if body.trim().is_empty() || column > parent {
                if !body.trim().is_empty() {
                    out.push_str(&" ".repeat(extra));
                }
                out.push_str(line);
                continue;
            }
            scalar = None;
        }
        if body.trim().is_empty() {
            out.push_str(line);
            continue;
        }
        let dash = body[column..].starts_with("- ") || body[column..] == *"-";
        while let Some(&open) = lists.last() {
            if open > column || (open == column && !dash) {
                lists.pop();
            } else {
                break;
            }
        }
        if dash && lists.last() != Some(&column) {
            lists.push(column);
        }
        let extra = 2 * lists.len();
        out.push_str(&" ".repeat(extra));
        out.push_str(line);
        if opens_block_scalar(body) {
            // The text belongs to the key the line ends with: after a
            // dash, that key starts two columns in (`- detail: |`).
            let bare = body[column..].trim_start_matches('-').trim_start();
            let parent = if dash && !bare.starts_with(['|', '>']) {
                column + 2
            } else {
                column
            };
            scalar = Some((parent, extra));
        }
    }
    out
}

/// Whether a line ends with a block scalar's header (`key: |`, `- >-`).
fn opens_block_scalar(line: &str) -> bool {
    let last = line.trim_end().rsplit(' ').next().unwrap_or("");
    let mut chars = last.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_go_under_their_key() {
        let serde = "causes:\n- id: late\n  text: Late\n  weight: high\ngoals:\n- text: Early\n";
        assert_eq!(
            nest_lists(serde),
            "causes:\n  - id: late\n    text: Late\n    weight: high\ngoals:\n  - text: Early\n"
        );
    }

    #[test]
    fn nested_lists_and_block_text_keep_their_meaning() {
        let serde = "steps:\n- id: a\n  next:\n  - b\n  detail: |\n    - not a list\n    text\n- text: |\n    x\n  weight: high\n- id: b\n";
        let nested = nest_lists(serde);
        assert_eq!(
            nested,
            "steps:\n  - id: a\n    next:\n      - b\n    detail: |\n      - not a list\n      text\n  - text: |\n      x\n    weight: high\n  - id: b\n"
        );
        let a: serde_json::Value = serde_yaml::from_str(serde).unwrap();
        let b: serde_json::Value = serde_yaml::from_str(&nested).unwrap();
        assert_eq!(a, b);
    }
}
