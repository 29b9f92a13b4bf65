//! The partners' meeting on a pathway's page: each measure's run chart
//! with its signals in words, the decisions with who was in the room, the
//! questions still open and those answered, and the actions with the
//! overdue ones marked.

use std::fmt::Write;

use chrono::NaiveDate;

use super::escape::esc;
use super::run_chart_svg::{figure, svg};
use crate::meeting::{decisions_on, voices};
use crate::model::runchart::{Direction, Signal, SignalKind, run_chart};
use crate::model::{Pathway, Point, Question};

/// A signal in words: "a shift below the median, 6 values from … to …".
pub fn signal_words(s: &Signal) -> String {
    let what = match (s.kind, s.direction) {
        (SignalKind::Shift, Direction::Up) => "a shift above the median",
        (SignalKind::Shift, Direction::Down) => "a shift below the median",
        (SignalKind::Trend, Direction::Up) => "a rising trend",
        (SignalKind::Trend, Direction::Down) => "a falling trend",
        (SignalKind::BeyondTarget, _) => "beyond the target",
    };
    if s.from == s.to {
        format!("{what}: {}", s.from)
    } else {
        format!("{what}: {} values from {} to {}", s.points, s.from, s.to)
    }
}

pub fn measures(s: &mut String, p: &Pathway) {
    if p.measures.is_empty() {
        return;
    }
    let recorded = p.measures.iter().any(|m| !m.values.is_empty());
    let _ = writeln!(
        s,
        "<h2 id=\"measures\">How we will know</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Target</th>{}</tr></thead>\n<tbody>",
        if recorded {
            "<th scope=\"col\">Latest</th>"
        } else {
            ""
        }
    );
    for m in &p.measures {
        let latest = match m.values.iter().max_by_key(|v| v.date) {
            _ if !recorded => String::new(),
            Some(v) => format!("<td>{} ({})</td>", figure(v.value), v.date),
            None => "<td>none recorded</td>".into(),
        };
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td>{latest}</tr>",
            esc(&m.text),
            m.target.as_deref().map_or_else(|| "none set".into(), esc)
        );
    }
    s.push_str("</tbody>\n</table></div>\n");
    for m in p.measures.iter().filter(|m| !m.values.is_empty()) {
        let chart = run_chart(m);
        let Some(drawing) = svg(&m.text, &chart) else {
            continue;
        };
        let _ = writeln!(s, "<figure class=\"run-chart\">\n{drawing}");
        let _ = write!(
            s,
            "<figcaption><strong>{}</strong>: {} values",
            esc(&m.text),
            chart.points.len()
        );
        if let Some(median) = chart.median {
            let _ = write!(s, ", median {}", figure(median));
        }
        if let Some(t) = &m.target {
            let _ = write!(s, ", target {}", esc(t));
        }
        s.push('.');
        if chart.signals.is_empty() {
            s.push_str(" No signal: the changes are within what noise would make.");
        } else {
            s.push_str("\n<ul class=\"signals\">\n");
            for sig in &chart.signals {
                let _ = writeln!(s, "<li>{}</li>", signal_words(sig));
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</figcaption>\n</figure>\n");
    }
}

/// The decision beside a point of the comparison, if one settles it.
pub fn decided_note(p: &Pathway, points: &[&Option<Point>]) -> Option<String> {
    let d = points
        .iter()
        .filter_map(|x| x.as_ref())
        .find_map(|x| decisions_on(p, x.id.as_deref(), &x.text).into_iter().next())?;
    Some(format!("decided {}: {}", d.date, esc(&d.agreed)))
}

pub fn decisions(s: &mut String, p: &Pathway) {
    if p.decisions.is_empty() {
        return;
    }
    s.push_str("<h2 id=\"decisions\">What the partners decided</h2>\n<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Agreed</th><th scope=\"col\">In the room</th><th scope=\"col\">Not in the room</th></tr></thead>\n<tbody>\n");
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "nobody".to_string()
        } else {
            ids.iter()
                .map(|id| esc(p.participant_name(id)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut dated: Vec<_> = p.decisions.iter().collect();
    dated.sort_by_key(|d| std::cmp::Reverse(d.date));
    for d in dated {
        let v = voices(p, d);
        let mut agreed = format!("<strong>{}</strong>", esc(&d.agreed));
        if let Some(why) = &d.why {
            let _ = write!(agreed, "<br>Why: {}", esc(why));
        }
        if !d.points.is_empty() {
            let _ = write!(
                agreed,
                "<br><small>Settles: {}</small>",
                d.points
                    .iter()
                    .map(|x| esc(x))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        let mut absent = names(&v.absent);
        if !v.taken_without.is_empty() {
            let _ = write!(
                absent,
                "<br><span class=\"flag\">⚠ decided without {}, whose point it settles</span>",
                names(&v.taken_without)
            );
        }
        let _ = writeln!(
            s,
            "<tr id=\"decision-{}\"><th scope=\"row\">{}</th><td data-label=\"Agreed\">{agreed}</td><td data-label=\"In the room\">{}</td><td data-label=\"Not in the room\">{absent}</td></tr>",
            esc(&d.id),
            d.date,
            names(&v.present)
        );
    }
    s.push_str("</tbody>\n</table></div>\n");
}

/// What a question is about, in words.
pub fn question_on(p: &Pathway, q: &Question) -> String {
    match (&q.step, &q.point) {
        (Some(step), _) => format!(
            "on the step “{}”",
            p.step(step).map_or(step.as_str(), |x| x.title.as_str())
        ),
        (None, Some(point)) => format!("on the point “{point}”"),
        (None, None) => "on the pathway".to_string(),
    }
}

pub fn questions(s: &mut String, p: &Pathway) {
    if p.questions.is_empty() {
        return;
    }
    let (open, closed): (Vec<&Question>, Vec<&Question>) =
        p.questions.iter().partition(|q| q.is_open());
    let _ = writeln!(
        s,
        "<h2 id=\"questions\">Questions</h2>\n<p>{} open, {} closed.</p>",
        open.len(),
        closed.len()
    );
    for (title, list) in [("Open", open), ("Answered and closed", closed)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "<h3>{title}</h3>\n<ul class=\"questions\">");
        for q in list {
            let _ = write!(
                s,
                "<li id=\"question-{}\"><strong>{}</strong><br><small>{} asked {}, {}</small>",
                esc(&q.id),
                esc(&q.text),
                esc(p.participant_name(&q.by)),
                q.date,
                esc(&question_on(p, q))
            );
            if !q.answers.is_empty() {
                s.push_str("\n<ul>\n");
                for a in &q.answers {
                    let _ = writeln!(
                        s,
                        "<li>{} <small>— {}, {}</small></li>",
                        esc(&a.text),
                        esc(p.participant_name(&a.by)),
                        a.date
                    );
                }
                s.push_str("</ul>\n");
            }
            if let Some(c) = &q.closed {
                let _ = write!(
                    s,
                    "<small>Closed by {} on {}.</small>",
                    esc(p.participant_name(&c.by)),
                    c.date
                );
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ul>\n");
    }
}

pub fn actions(s: &mut String, p: &Pathway, today: NaiveDate) {
    if p.actions.is_empty() {
        return;
    }
    let overdue = p.actions.iter().filter(|a| a.is_overdue(today)).count();
    let _ = writeln!(
        s,
        "<h2 id=\"actions\">Who does what by when</h2>\n<p>{} actions, {} overdue on {today}.</p>\n<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">Due</th><th scope=\"col\">What</th><th scope=\"col\">Who</th><th scope=\"col\">Status</th><th scope=\"col\">For</th></tr></thead>\n<tbody>",
        p.actions.len(),
        overdue
    );
    let mut by_due: Vec<_> = p.actions.iter().collect();
    by_due.sort_by_key(|a| a.due);
    for a in by_due {
        let status = if a.is_overdue(today) {
            format!(
                "<span class=\"overdue\">{} — overdue ⚠</span>",
                a.status.as_str()
            )
        } else {
            a.status.as_str().to_string()
        };
        let mut who = esc(p.participant_name(&a.owner));
        if let Some(person) = &a.person {
            let _ = write!(who, " ({})", esc(person));
        }
        let serves = a.serves.as_deref().map_or_else(String::new, |id| {
            match p.decisions.iter().find(|d| d.id == id) {
                Some(d) => format!("<a href=\"#decision-{}\">{}</a>", esc(id), esc(&d.agreed)),
                None => p
                    .monday_morning
                    .iter()
                    .find(|m| m.id.as_deref() == Some(id))
                    .map_or_else(|| esc(id), |m| esc(&m.change)),
            }
        });
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{}</th><td data-label=\"What\">{}</td><td data-label=\"Who\">{who}</td><td data-label=\"Status\">{status}</td><td data-label=\"For\">{serves}</td></tr>",
            a.due,
            esc(&a.what)
        );
    }
    s.push_str("</tbody>\n</table></div>\n");
}
