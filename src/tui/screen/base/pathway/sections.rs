//! The reading sections of a pathway as text: its overview (the problem,
//! principles, who we are, sign-off), every participant's analysis, and
//! what will be different on Monday morning.

use ratatui::style::Style;

use crate::model::signoff::Verdict;
use crate::model::{Pathway, Section, Status, Weight, signoff};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::view::doc::Doc;

pub(super) fn overview(p: &Pathway, app: &App) -> Doc {
    let t = &app.theme;
    let mut d = Doc::new();
    d.heading("The problem", t.heading());
    d.para(
        p.problem.as_deref().unwrap_or("No problem statement yet."),
        t.text(),
    );
    d.blank();
    let mut facts = vec![format!("Status: {}", p.status.as_str())];
    if let Some(place) = &p.place {
        facts.push(format!("Place: {place}"));
    }
    match p.review_due {
        Some(due) if p.review_overdue(app.today) => {
            facts.push(format!("Review due: {due} — OVERDUE"))
        }
        Some(due) => facts.push(format!("Review due: {due}")),
        None => facts.push("No review date".into()),
    }
    d.para(&facts.join(" · "), t.muted());
    let questions = crate::meeting::open_questions(p);
    let late = crate::meeting::overdue_actions(p, app.today);
    let actions = p.actions.iter().filter(|a| a.is_open()).count();
    if questions + actions + p.decisions.len() > 0 {
        d.para(
            &format!(
                "Meeting: {} decision{} · {questions} open question{} · {actions} open action{}{} (O opens the agenda)",
                p.decisions.len(),
                if p.decisions.len() == 1 { "" } else { "s" },
                if questions == 1 { "" } else { "s" },
                if actions == 1 { "" } else { "s" },
                if late > 0 {
                    format!(", {late} OVERDUE !")
                } else {
                    String::new()
                }
            ),
            if late > 0 { t.warning() } else { t.muted() },
        );
    }
    d.blank();
    d.heading("Principles we agreed", t.heading());
    if p.principles.is_empty() {
        d.para("None written down yet.", t.muted());
    }
    for principle in &p.principles {
        d.item(&[("• ", t.accent())], principle, t.text());
    }
    d.blank();
    d.heading("Who we are", t.heading());
    for x in &p.participants {
        let has_analysis = if p.analyses.contains_key(&x.id) {
            ""
        } else {
            "  (no analysis yet)"
        };
        d.item(
            &[("• ", t.accent())],
            &format!("{} — {} [{}]{has_analysis}", x.name, x.kind.label(), x.id),
            t.text(),
        );
    }
    if let Some(line) = crate::tui::analyses::everybody_counts(p) {
        d.para(&line, t.warning());
    }
    d.blank();
    d.heading("Sign-off", t.heading());
    if let Err(why) = app.team.people.trusted() {
        d.para(
            &format!(
                "No sign-off counts, and nobody can sign off: people.yaml is not trusted: {why}"
            ),
            t.warning(),
        );
    }
    if let Some(nobody) = crate::tui::signers::nobody_can_sign(app, p) {
        d.para(&nobody, t.warning());
    }
    if p.sign_off.is_empty() {
        d.para("Nobody has signed this pathway off yet.", t.muted());
    }
    // Worked out once for the section: the digest is a pass over the whole
    // pathway, and each signature is checked against people.yaml's keys.
    let verdicts = crate::store::team::verify::verify_all(p, &app.team.people);
    for (s, verdict) in &verdicts {
        let (mark, style) = match verdict {
            Verdict::Valid | Verdict::HereOnly => ("✓ ", t.role("agreed")),
            Verdict::Stale => ("◌ ", t.muted()),
            Verdict::NotValid(_) => ("✗ ", t.warning()),
        };
        let when = s.at.format("%Y-%m-%d %H:%M UTC");
        let who = app.team.people.display(&s.by);
        let line = match verdict {
            Verdict::Valid => format!(
                "{} — signed by {who} on {when}",
                p.participant_name(&s.participant)
            ),
            Verdict::Stale => format!(
                "{} — signed by {who} on {when} — for an earlier version: the content has changed since",
                p.participant_name(&s.participant)
            ),
            Verdict::HereOnly => format!(
                "{} — signed by {who} on {when} — on this server only (no SSH key yet): not valid where the file is copied",
                p.participant_name(&s.participant)
            ),
            Verdict::NotValid(why) => format!(
                "{} — claims to be signed by {who} on {when} — not valid: {why}",
                p.participant_name(&s.participant)
            ),
        };
        d.item(&[(mark, style)], &line, t.text());
    }
    let missing = signoff::missing(p, |s| {
        verdicts
            .iter()
            .any(|(x, v)| std::ptr::eq(*x, s) && v.counts())
    });
    if !missing.is_empty() && !p.participants.is_empty() {
        d.para(
            &format!(
                "{} a sign-off of this version from: {}",
                if p.status == Status::Agreed {
                    "Agreed, but still needs"
                } else {
                    "Agreeing needs"
                },
                signoff::names(&missing)
            ),
            if p.status == Status::Agreed {
                t.warning()
            } else {
                t.muted()
            },
        );
    }
    d
}

fn weight_label(w: Option<Weight>) -> &'static str {
    match w {
        Some(Weight::High) => "[high]   ",
        Some(Weight::Medium) => "[medium] ",
        Some(Weight::Low) => "[low]    ",
        None => "",
    }
}

pub(super) fn analyses(p: &Pathway, t: &Theme) -> Doc {
    let mut d = Doc::new();
    let mut keys: Vec<&str> = p.participants.iter().map(|x| x.id.as_str()).collect();
    keys.extend(
        p.analyses
            .keys()
            .map(String::as_str)
            .filter(|k| p.participant(k).is_none()),
    );
    for key in keys {
        let name = match p.participant(key) {
            Some(x) => format!("{} ({})", x.name, x.kind.label()),
            None => key.to_string(),
        };
        d.heading(&format!("■ {name}"), t.title());
        let Some(analysis) = p.analyses.get(key).filter(|a| !a.is_empty()) else {
            d.para("No analysis written yet: A starts one.", t.muted());
            d.blank();
            continue;
        };
        for section in Section::ALL {
            let points = analysis.section(section);
            if points.is_empty() {
                continue;
            }
            d.heading(&format!("  {}", section.title()), t.heading());
            for point in points {
                d.item(
                    &[
                        ("  • ", t.accent()),
                        (weight_label(point.weight), t.warning()),
                    ],
                    &point.text,
                    t.text(),
                );
                let mut extra = Vec::new();
                if let Some(id) = &point.id {
                    extra.push(format!("id {id}"));
                }
                if let Some(ev) = &point.evidence {
                    extra.push(format!("evidence: {ev}"));
                }
                if !extra.is_empty() {
                    d.item(&[("      ", Style::new())], &extra.join(" · "), t.muted());
                }
            }
        }
        d.blank();
    }
    if p.analyses.is_empty() {
        d.para(
            "No participant has written an analysis of the problem yet: A starts one.",
            t.muted(),
        );
    }
    d
}

pub(super) fn monday(p: &Pathway, t: &Theme) -> Doc {
    let mut d = Doc::new();
    d.para(
        "What will be different on Monday morning, and for whom:",
        t.muted(),
    );
    d.blank();
    for x in &p.participants {
        let changes: Vec<_> = p.monday_morning.iter().filter(|m| m.who == x.id).collect();
        if changes.is_empty() {
            continue;
        }
        d.heading(&x.name, t.heading());
        for m in changes {
            d.item(&[("• ", t.accent())], &m.change, t.text());
        }
        d.blank();
    }
    if p.monday_morning.is_empty() {
        d.para("Nothing written yet.", t.muted());
    }
    d
}
