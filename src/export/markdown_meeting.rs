//! The partners' meeting in a pathway's Markdown: measures with their
//! latest value and run-chart signals, decisions with who was in the
//! room, questions, and actions with the overdue ones marked.

use std::fmt::Write;

use chrono::NaiveDate;

use super::html_meeting::signal_words;
use super::markdown::text;
use super::run_chart_svg::figure;
use crate::meeting::voices;
use crate::model::Pathway;
use crate::model::runchart::run_chart;

pub fn measures(s: &mut String, p: &Pathway) {
    if p.measures.is_empty() {
        return;
    }
    // Values and signals only where some measure has values recorded.
    if p.measures.iter().all(|m| m.values.is_empty()) {
        s.push_str("\n## How we will know\n\n| Measure | Target |\n|---|---|\n");
        for m in &p.measures {
            let _ = writeln!(
                s,
                "| {} | {} |",
                text(&m.text),
                m.target.as_deref().map_or_else(|| "none set".into(), text)
            );
        }
        return;
    }
    s.push_str(
        "\n## How we will know\n\n| Measure | Target | Latest | Signals |\n|---|---|---|---|\n",
    );
    for m in &p.measures {
        let chart = run_chart(m);
        let latest = chart.points.last().map_or_else(
            || "none recorded".into(),
            |(d, v)| format!("{} ({d})", figure(*v)),
        );
        let signals = if chart.points.is_empty() {
            String::new()
        } else if chart.signals.is_empty() {
            "none".into()
        } else {
            chart
                .signals
                .iter()
                .map(signal_words)
                .collect::<Vec<_>>()
                .join("; ")
        };
        let _ = writeln!(
            s,
            "| {} | {} | {latest} | {signals} |",
            text(&m.text),
            m.target.as_deref().map_or_else(|| "none set".into(), text)
        );
    }
}

pub fn meeting(s: &mut String, p: &Pathway, today: NaiveDate) {
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "nobody".to_string()
        } else {
            ids.iter()
                .map(|id| text(p.participant_name(id)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    if !p.decisions.is_empty() {
        s.push_str("\n## What the partners decided\n\n");
        let mut dated: Vec<_> = p.decisions.iter().collect();
        dated.sort_by_key(|d| std::cmp::Reverse(d.date));
        for d in dated {
            let v = voices(p, d);
            let _ = writeln!(s, "- **{}** ({})", text(&d.agreed), d.date);
            if let Some(why) = &d.why {
                let _ = writeln!(s, "  - Why: {}", text(why));
            }
            let _ = writeln!(
                s,
                "  - In the room: {}; not in the room: {}",
                names(&v.present),
                names(&v.absent)
            );
            if !v.taken_without.is_empty() {
                let _ = writeln!(
                    s,
                    "  - ⚠ Decided without {}, whose point it settles",
                    names(&v.taken_without)
                );
            }
        }
    }
    if !p.questions.is_empty() {
        s.push_str("\n## Questions\n\n");
        for q in &p.questions {
            let state = match &q.closed {
                Some(c) => format!("closed {}", c.date),
                None => "**open**".into(),
            };
            let _ = writeln!(
                s,
                "- {} — {}, {}, {}; {state}",
                text(&q.text),
                text(p.participant_name(&q.by)),
                q.date,
                text(&super::html_meeting::question_on(p, q))
            );
            for a in &q.answers {
                let _ = writeln!(
                    s,
                    "  - {} — {}, {}",
                    text(&a.text),
                    text(p.participant_name(&a.by)),
                    a.date
                );
            }
        }
    }
    if !p.actions.is_empty() {
        s.push_str(
            "\n## Who does what by when\n\n| Due | What | Who | Status |\n|---|---|---|---|\n",
        );
        let mut by_due: Vec<_> = p.actions.iter().collect();
        by_due.sort_by_key(|a| a.due);
        for a in by_due {
            let status = if a.is_overdue(today) {
                format!("**overdue** ⚠ ({})", a.status.as_str())
            } else {
                a.status.as_str().to_string()
            };
            let mut who = text(p.participant_name(&a.owner));
            if let Some(person) = &a.person {
                let _ = write!(who, " ({})", text(person));
            }
            let _ = writeln!(s, "| {} | {} | {who} | {status} |", a.due, text(&a.what));
        }
    }
}
