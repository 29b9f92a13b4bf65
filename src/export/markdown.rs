//! One pathway as a Markdown file, readable on a git forge: the facts,
//! the steps with the flow as a Mermaid block (forges draw it), each
//! participant's analysis, Monday-morning changes by participant, measures
//! and sign-off.

use std::fmt::Write;

use chrono::NaiveDate;

use super::SignState;
use crate::compare::{Rejections, RowStatus, align_with};
use crate::model::{Pathway, Section};

/// Pathway text as Markdown text: characters Markdown or HTML would read
/// as syntax are backslash-escaped, line breaks become spaces.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in crate::text::clean(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '!' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A step's detail is Markdown already: kept, except that raw HTML is
/// escaped so that it shows as text.
fn detail(s: &str) -> String {
    crate::text::clean_lines(s)
        .iter()
        .map(|l| l.replace('<', "\\<"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn pathway(p: &Pathway, today: NaiveDate, rejected: &Rejections) -> String {
    let mut s = format!("# {}\n\n", text(&p.title));
    let state = SignState::of(p);
    let _ = writeln!(
        s,
        "- **Status:** {} ({})",
        p.status.as_str(),
        state.summary(p)
    );
    if let Some(place) = &p.place {
        let _ = writeln!(s, "- **Place:** {}", text(place));
    }
    match p.review_due {
        Some(d) if p.review_overdue(today) => {
            let _ = writeln!(s, "- **Review due:** {d} — **overdue**");
        }
        Some(d) => {
            let _ = writeln!(s, "- **Review due:** {d}");
        }
        None => s.push_str("- **Review due:** not set\n"),
    }
    if let Some(problem) = &p.problem {
        let _ = write!(s, "\n## The problem\n\n{}\n", text(problem));
    }
    if !p.participants.is_empty() {
        s.push_str("\n## Who takes part\n\n");
        for x in &p.participants {
            let _ = writeln!(s, "- {} ({})", text(&x.name), x.kind.label());
        }
    }
    if !p.principles.is_empty() {
        s.push_str("\n## Principles\n\n");
        for x in &p.principles {
            let _ = writeln!(s, "- {}", text(x));
        }
    }
    if !p.steps.is_empty() {
        s.push_str("\n## The steps\n\n```mermaid\n");
        s.push_str(&super::mermaid::flowchart(p));
        s.push_str("```\n");
        for (i, step) in p.steps.iter().enumerate() {
            let _ = write!(
                s,
                "\n### {}. {} ({})\n\n",
                i + 1,
                text(&step.title),
                step.kind.as_str()
            );
            let owner = step
                .owner
                .as_deref()
                .map_or_else(|| "not set".into(), |o| text(p.participant_name(o)));
            let _ = writeln!(s, "**Owner:** {owner}\n");
            if let Some(d) = &step.detail {
                let _ = writeln!(s, "{}\n", detail(d).trim_end());
            }
            for f in &step.red_flags {
                let _ = writeln!(s, "- ⚠ **Red flag:** {}", text(f));
            }
            if !step.red_flags.is_empty() {
                s.push('\n');
            }
            for exit in step.exits() {
                let target = match p.step_index(exit.target) {
                    Some(n) => format!("step {}, {}", n + 1, text(&p.steps[n].title)),
                    None => format!("{} (not written yet)", text(exit.target)),
                };
                match exit.when {
                    Some(w) => {
                        let _ = writeln!(s, "- If **{}**: go to {target}", text(w));
                    }
                    None => {
                        let _ = writeln!(s, "- Next: {target}");
                    }
                }
            }
        }
    }
    analyses(&mut s, p);
    comparisons(&mut s, p, rejected);
    monday(&mut s, p);
    super::markdown_meeting::measures(&mut s, p);
    super::markdown_meeting::meeting(&mut s, p, today);
    s.push_str("\n## Sign-off\n\n");
    for x in &p.sign_off {
        let which = if state.current.iter().any(|c| std::ptr::eq(*c, x)) {
            "this version"
        } else {
            "an earlier version (stale)"
        };
        let _ = writeln!(
            s,
            "- {}: signed by {} on {}, for {which}",
            text(p.participant_name(&x.participant)),
            text(&x.by),
            x.at.format("%Y-%m-%d")
        );
    }
    for x in &state.missing {
        let _ = writeln!(s, "- {}: not yet signed on this version", text(&x.name));
    }
    if p.participants.is_empty() && p.sign_off.is_empty() {
        s.push_str("No participants yet.\n");
    }
    s
}

fn analyses(s: &mut String, p: &Pathway) {
    if p.analyses.values().all(|a| a.is_empty()) {
        return;
    }
    s.push_str("\n## Each participant's analysis\n");
    for (id, a) in &p.analyses {
        if a.is_empty() {
            continue;
        }
        let _ = write!(s, "\n### {}\n", text(p.participant_name(id)));
        for section in Section::ALL {
            let points = a.section(section);
            if points.is_empty() {
                continue;
            }
            let _ = write!(s, "\n{}:\n\n", section.title());
            for x in points {
                let _ = write!(s, "- {}", text(&x.text));
                if let Some(w) = x.weight {
                    let _ = write!(s, " (weight: {})", w.as_str());
                }
                if let Some(e) = &x.evidence {
                    let _ = write!(s, " — evidence: {}", text(e));
                }
                s.push('\n');
            }
        }
    }
}

/// Each pair's agreement, and the points they differ on or only one sees.
fn comparisons(s: &mut String, p: &Pathway, rejected: &Rejections) {
    let pairs = super::compared_pairs(p);
    if pairs.is_empty() {
        return;
    }
    s.push_str("\n## Where the analyses agree and differ\n");
    for (a, b) in pairs {
        let Ok(al) = align_with(p, a, b, rejected) else {
            continue;
        };
        let (na, nb) = (text(p.participant_name(a)), text(p.participant_name(b)));
        let c = al.counts();
        let _ = write!(
            s,
            "\n### {na} and {nb}: {:.0}% agreement\n\n{} agree, {} differ, {} only {na}, {} only {nb}.\n\n",
            al.agreement() * 100.0,
            c.agree,
            c.differ,
            c.only_a,
            c.only_b
        );
        for sec in &al.sections {
            for r in &sec.rows {
                let point = |x: &Option<crate::model::Point>| {
                    x.as_ref().map_or_else(String::new, |x| text(&x.text))
                };
                let line = match r.status {
                    RowStatus::Agree => continue,
                    RowStatus::Differ => format!(
                        "differ ({}): {na}: {}; {nb}: {}",
                        r.differences.join(", "),
                        point(&r.a),
                        point(&r.b)
                    ),
                    RowStatus::OnlyA => format!("only {na}: {}", point(&r.a)),
                    RowStatus::OnlyB => format!("only {nb}: {}", point(&r.b)),
                };
                let decided = [&r.a, &r.b]
                    .into_iter()
                    .flatten()
                    .find_map(|x| {
                        crate::meeting::decisions_on(p, x.id.as_deref(), &x.text)
                            .into_iter()
                            .next()
                    })
                    .map_or_else(String::new, |d| {
                        format!(" — *decided {}: {}*", d.date, text(&d.agreed))
                    });
                let _ = writeln!(s, "- {}: {line}{decided}", sec.section.title());
            }
        }
    }
}

fn monday(s: &mut String, p: &Pathway) {
    if p.monday_morning.is_empty() {
        return;
    }
    s.push_str("\n## What will be different on Monday morning\n");
    let mut whos: Vec<&str> = Vec::new();
    for x in &p.participants {
        if p.monday_morning.iter().any(|m| m.who == x.id) {
            whos.push(&x.id);
        }
    }
    for m in &p.monday_morning {
        if !whos.contains(&m.who.as_str()) {
            whos.push(&m.who);
        }
    }
    for who in whos {
        let _ = write!(s, "\n### For {}\n\n", text(p.participant_name(who)));
        for m in p.monday_morning.iter().filter(|m| m.who == who) {
            let _ = writeln!(s, "- {}", text(&m.change));
        }
    }
}
