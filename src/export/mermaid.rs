//! The flow as a Mermaid flowchart (`.mmd`), which git forges and many
//! wikis draw. Decisions are diamonds with labelled branches, referrals
//! are subroutine boxes, information is rounded, and a step with red flags
//! says so in its box.

use std::fmt::Write;

use crate::model::{Pathway, StepKind};

/// Mermaid node text: quoted, with the characters Mermaid would read as
/// syntax written as its entity codes.
fn label(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in crate::text::clean(s).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out
}

/// Node names are `s1`, `s2`, … by position, so that any id is safe.
pub fn flowchart(p: &Pathway) -> String {
    let mut s = format!("---\ntitle: \"{}\"\n---\nflowchart TD\n", label(&p.title));
    for (i, step) in p.steps.iter().enumerate() {
        let mut text = format!("{}. {}", i + 1, step.title);
        if let Some(owner) = &step.owner {
            text.push_str(&format!(" — {}", p.participant_name(owner)));
        }
        if !step.red_flags.is_empty() {
            let n = step.red_flags.len();
            text.push_str(&format!(" ⚠ {n} red flag{}", if n == 1 { "" } else { "s" }));
        }
        let t = label(&text);
        let _ = match step.kind {
            StepKind::Action => writeln!(s, "    s{}[\"{t}\"]", i + 1),
            StepKind::Decision => writeln!(s, "    s{}{{\"{t}\"}}", i + 1),
            StepKind::Referral => writeln!(s, "    s{}[[\"{t}\"]]", i + 1),
            StepKind::Information => writeln!(s, "    s{}(\"{t}\")", i + 1),
        };
    }
    for (i, step) in p.steps.iter().enumerate() {
        for exit in step.exits() {
            let Some(to) = p.step_index(exit.target) else {
                continue;
            };
            let _ = match exit.when {
                Some(when) => writeln!(s, "    s{} -->|\"{}\"| s{}", i + 1, label(when), to + 1),
                None => writeln!(s, "    s{} --> s{}", i + 1, to + 1),
            };
        }
    }
    let flagged: Vec<String> = p
        .steps
        .iter()
        .enumerate()
        .filter(|(_, st)| !st.red_flags.is_empty())
        .map(|(i, _)| format!("s{}", i + 1))
        .collect();
    if !flagged.is_empty() {
        s.push_str("    classDef redflag stroke:#a4001d,stroke-width:3px\n");
        let _ = writeln!(s, "    class {} redflag", flagged.join(","));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_in_labels_cannot_end_them() {
        let p: Pathway = serde_yaml::from_str(
            "carepath: 1\nid: p\ntitle: 'a \"b\" <i>'\nsteps:\n  - id: one\n    title: 'x\"] --> evil[\"'\n    kind: decision\n    branches:\n      - when: 'yes | no'\n        next: one\n",
        )
        .unwrap();
        let m = flowchart(&p);
        assert!(m.contains("title: \"a #quot;b#quot; #lt;i#gt;\""), "{m}");
        assert!(m.contains("s1{\"1. x#quot;] --#gt; evil[#quot;\"}"), "{m}");
        assert!(m.contains("s1 -->|\"yes #124; no\"| s1"), "{m}");
    }
}
