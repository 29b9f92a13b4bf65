//! One pathway as a web page: what the problem is, who takes part, the
//! steps (drawn, then in words), where partners' analyses agree and
//! differ, what changes on Monday morning, how success is measured, and
//! who has signed.

use std::fmt::Write;

use super::escape::esc;
use super::html::{foot, head, markdown_html, paragraphs, review};
use super::{Item, Library, LocalChanges, SignState};
use crate::compare::{Match, Row, RowStatus, align_with};
use crate::model::{Pathway, Point, Section, Step};

pub fn page(item: &Item, lib: &Library, state: &SignState, status: &str) -> String {
    let p = item.pathway;
    let mut s = head(&p.title, true);
    let _ = writeln!(s, "<h1>{}</h1>", esc(&p.title));
    facts(&mut s, p, lib, status);
    if let Some(local) = item.local {
        local_changes(&mut s, local);
    }
    if let Some(problem) = &p.problem {
        s.push_str("<h2 id=\"problem\">The problem</h2>\n");
        s.push_str(&paragraphs(problem));
    }
    participants(&mut s, p);
    if !p.principles.is_empty() {
        s.push_str("<h2 id=\"principles\">Principles</h2>\n<ul>\n");
        for x in &p.principles {
            let _ = writeln!(s, "<li>{}</li>", esc(x));
        }
        s.push_str("</ul>\n");
    }
    steps(&mut s, p, item.local);
    analyses(&mut s, p);
    comparisons(&mut s, p, lib);
    monday(&mut s, p);
    super::html_meeting::measures(&mut s, p);
    super::html_meeting::decisions(&mut s, p);
    super::html_meeting::questions(&mut s, p);
    super::html_meeting::actions(&mut s, p, lib.today);
    sign_off(&mut s, p, lib, state);
    s.push_str(&foot(&format!(
        "Published by carepath from {} ({}); review dates as of {}.",
        item.file, lib.name, lib.today
    )));
    s
}

fn facts(s: &mut String, p: &Pathway, lib: &Library, status: &str) {
    s.push_str("<dl class=\"facts\">\n");
    let _ = writeln!(s, "<dt>Status</dt><dd>{status}</dd>");
    if let Some(place) = &p.place {
        let _ = writeln!(s, "<dt>Place</dt><dd>{}</dd>", esc(place));
    }
    let _ = writeln!(s, "<dt>Review due</dt><dd>{}</dd>", review(p, lib.today));
    let _ = writeln!(s, "<dt>Steps</dt><dd>{}</dd>", p.steps.len());
    let open = crate::meeting::open_questions(p);
    if open > 0 {
        let _ = writeln!(
            s,
            "<dt>Open questions</dt><dd><a href=\"#questions\">{open}</a></dd>"
        );
    }
    let overdue = crate::meeting::overdue_actions(p, lib.today);
    if overdue > 0 {
        let _ = writeln!(
            s,
            "<dt>Actions</dt><dd><a href=\"#actions\" class=\"overdue\">{overdue} overdue ⚠</a></dd>"
        );
    }
    s.push_str("</dl>\n");
}

/// What this place changed from the shared pathway its local version is
/// based on, a sentence per change as `carepath diff --base` says it.
fn local_changes(s: &mut String, local: &LocalChanges) {
    let _ = writeln!(
        s,
        "<h2 id=\"local-changes\">Changed here from the shared pathway {}</h2>",
        esc(&local.base)
    );
    if local.changes.is_empty() {
        s.push_str("<p>Nothing: this place's version says what the shared pathway says.</p>\n");
        return;
    }
    let n = local.changes.len();
    let _ = writeln!(
        s,
        "<p>This is this place's version of a shared pathway. {n} change{} made here:</p>\n<ul class=\"local-changes\">",
        if n == 1 { " was" } else { "s were" }
    );
    for c in &local.changes {
        let _ = writeln!(s, "<li>{}</li>", esc(&crate::diff::describe(c)));
    }
    s.push_str("</ul>\n");
}

fn participants(s: &mut String, p: &Pathway) {
    s.push_str("<h2 id=\"participants\">Who takes part</h2>\n");
    if p.participants.is_empty() {
        s.push_str("<p>No participants yet.</p>\n");
        return;
    }
    s.push_str("<ul>\n");
    for x in &p.participants {
        let _ = writeln!(
            s,
            "<li id=\"participant-{}\">{} <span class=\"kind\">({})</span></li>",
            esc(&x.id),
            esc(&x.name),
            x.kind.label()
        );
    }
    s.push_str("</ul>\n");
}

/// The anchor of a step's text, which the flow diagram's boxes link to.
pub fn step_anchor(id: &str) -> String {
    format!("step-{}", esc(id))
}

fn owner(p: &Pathway, step: &Step) -> String {
    match &step.owner {
        Some(o) => esc(p.participant_name(o)),
        None => "not set".into(),
    }
}

fn steps(s: &mut String, p: &Pathway, local: Option<&LocalChanges>) {
    let words = |id: &str| local.and_then(|l| l.step_words(id));
    s.push_str("<h2 id=\"steps\">The steps</h2>\n");
    if p.steps.is_empty() {
        s.push_str("<p>No steps yet.</p>\n");
        return;
    }
    s.push_str(
        "<figure class=\"flow\">\n<figcaption>The flow of the steps. Select a box to read its step; \
         the same steps follow in words.</figcaption>\n",
    );
    s.push_str(&super::flow_svg::diagram_marked(p, words));
    s.push_str("</figure>\n<ol class=\"steps\">\n");
    for step in &p.steps {
        let _ = write!(
            s,
            "<li class=\"step {}\" id=\"{}\"><h3>{} <span class=\"kind\">({})</span></h3>\n<dl class=\"facts\"><dt>Owner</dt><dd>{}</dd></dl>\n",
            step.kind.as_str(),
            step_anchor(&step.id),
            esc(&step.title),
            step.kind.as_str(),
            owner(p, step)
        );
        if let Some(w) = words(&step.id) {
            let why = if w == LocalChanges::ADDED {
                ": the shared pathway does not have this step"
            } else {
                " from the shared pathway"
            };
            let _ = writeln!(s, "<p class=\"local-change\"><mark>{w}</mark>{why}.</p>");
        }
        if let Some(detail) = &step.detail {
            s.push_str(&markdown_html(detail));
        }
        if !step.red_flags.is_empty() {
            s.push_str("<p class=\"flag\">⚠ Red flags:</p>\n<ul>\n");
            for f in &step.red_flags {
                let _ = writeln!(s, "<li class=\"flag\">Red flag: {}</li>", esc(f));
            }
            s.push_str("</ul>\n");
        }
        let exits: Vec<_> = step.exits().collect();
        if !exits.is_empty() {
            s.push_str("<p>Next:</p>\n<ul>\n");
            for exit in exits {
                let target = match p.step(exit.target) {
                    Some(t) => format!("<a href=\"#{}\">{}</a>", step_anchor(&t.id), esc(&t.title)),
                    None => format!("{} (not written yet)", esc(exit.target)),
                };
                match exit.when {
                    Some(when) => {
                        let _ = writeln!(s, "<li>If <strong>{}</strong>: {target}</li>", esc(when));
                    }
                    None => {
                        let _ = writeln!(s, "<li>{target}</li>");
                    }
                }
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</li>\n");
    }
    s.push_str("</ol>\n");
}

fn point_html(x: &Point) -> String {
    let mut s = esc(&x.text);
    if let Some(w) = x.weight {
        let _ = write!(s, " <span class=\"kind\">(weight: {})</span>", w.as_str());
    }
    if let Some(e) = &x.evidence {
        let _ = write!(s, "<br><small>Evidence: {}</small>", esc(e));
    }
    s
}

fn analyses(s: &mut String, p: &Pathway) {
    if p.analyses.values().all(|a| a.is_empty()) {
        return;
    }
    s.push_str("<h2 id=\"analyses\">Each participant's analysis</h2>\n");
    for (id, a) in &p.analyses {
        if a.is_empty() {
            continue;
        }
        let _ = writeln!(s, "<h3>{}</h3>", esc(p.participant_name(id)));
        for section in Section::ALL {
            let points = a.section(section);
            if points.is_empty() {
                continue;
            }
            let _ = writeln!(s, "<h4>{}</h4>\n<ul>", section.title());
            for x in points {
                let _ = writeln!(s, "<li>{}</li>", point_html(x));
            }
            s.push_str("</ul>\n");
        }
    }
}

fn status_words(r: &Row, a: &str, b: &str) -> (&'static str, String) {
    let (class, mut words) = match r.status {
        RowStatus::Agree => ("status-agree", "agree".to_string()),
        RowStatus::Differ => (
            "status-differ",
            format!("differ ({})", r.differences.join(", ")),
        ),
        RowStatus::OnlyA => ("status-only", format!("only {}", esc(a))),
        RowStatus::OnlyB => ("status-only", format!("only {}", esc(b))),
    };
    if r.matched == Some(Match::Suggested) {
        words.push_str(" — suggested match, not confirmed");
    }
    (class, words)
}

fn comparisons(s: &mut String, p: &Pathway, lib: &Library) {
    let pairs = super::compared_pairs(p);
    if pairs.is_empty() {
        return;
    }
    s.push_str(
        "<h2 id=\"comparison\">Where the analyses agree and differ</h2>\n<p>Each pair of participants' \
         analyses, point by point: <strong>agree</strong>, <strong>differ</strong> (and in what), or seen by \
         <strong>only one side</strong>. The agreement figure is the share of points on which they agree.</p>\n",
    );
    for (a, b) in pairs {
        let Ok(al) = align_with(p, a, b, lib.rejected) else {
            continue;
        };
        let (na, nb) = (p.participant_name(a), p.participant_name(b));
        let c = al.counts();
        let _ = writeln!(
            s,
            "<h3>{} and {}: {:.0}% agreement</h3>\n<p>{} agree, {} differ, {} only {}, {} only {}.</p>",
            esc(na),
            esc(nb),
            al.agreement() * 100.0,
            c.agree,
            c.differ,
            c.only_a,
            esc(na),
            c.only_b,
            esc(nb)
        );
        for sec in &al.sections {
            if sec.rows.is_empty() {
                continue;
            }
            let _ = writeln!(
                s,
                "<div class=\"scroll\"><table class=\"stack\">\n<caption>{}: {} and {}</caption>\n<thead><tr><th scope=\"col\">How they stand</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
                sec.section.title(),
                esc(na),
                esc(nb),
                esc(na),
                esc(nb)
            );
            for r in &sec.rows {
                let (class, mut words) = status_words(r, na, nb);
                if let Some(note) = super::html_meeting::decided_note(p, &[&r.a, &r.b]) {
                    let _ = write!(words, " — <span class=\"decided\">{note}</span>");
                }
                let cell = |x: &Option<Point>| x.as_ref().map_or_else(|| "—".into(), point_html);
                let _ = writeln!(
                    s,
                    "<tr><th scope=\"row\" class=\"{class}\">{words}</th><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td></tr>",
                    esc(na),
                    cell(&r.a),
                    esc(nb),
                    cell(&r.b)
                );
            }
            s.push_str("</tbody>\n</table></div>\n");
        }
    }
}

fn monday(s: &mut String, p: &Pathway) {
    if p.monday_morning.is_empty() {
        return;
    }
    s.push_str("<h2 id=\"monday\">What will be different on Monday morning</h2>\n");
    // Grouped by participant, in the pathway's participant order, then
    // anyone named who is not (yet) a participant.
    let mut whos: Vec<&str> = p
        .participants
        .iter()
        .map(|x| x.id.as_str())
        .filter(|id| p.monday_morning.iter().any(|m| m.who == *id))
        .collect();
    for m in &p.monday_morning {
        if !whos.contains(&m.who.as_str()) {
            whos.push(&m.who);
        }
    }
    for who in whos {
        let _ = writeln!(s, "<h3>For {}</h3>\n<ul>", esc(p.participant_name(who)));
        for m in p.monday_morning.iter().filter(|m| m.who == who) {
            let _ = writeln!(s, "<li>{}</li>", esc(&m.change));
        }
        s.push_str("</ul>\n");
    }
}

fn sign_off(s: &mut String, p: &Pathway, lib: &Library, state: &SignState) {
    s.push_str("<h2 id=\"sign-off\">Sign-off and review</h2>\n");
    let _ = writeln!(
        s,
        "<p>Status: <strong>{}</strong>. {}. Review due: {}.</p>",
        p.status.as_str(),
        esc(&state.summary(p)),
        review(p, lib.today)
    );
    if !p.sign_off.is_empty() {
        s.push_str("<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Participant</th><th scope=\"col\">Signed by</th><th scope=\"col\">When</th><th scope=\"col\">For</th></tr></thead>\n<tbody>\n");
        for x in &p.sign_off {
            let current = state.current.iter().any(|c| std::ptr::eq(*c, x));
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(p.participant_name(&x.participant)),
                esc(&x.by),
                x.at.format("%Y-%m-%d %H:%M UTC"),
                if current {
                    "this version ✓"
                } else {
                    "<span class=\"stale\">an earlier version (stale)</span>"
                }
            );
        }
        s.push_str("</tbody>\n</table></div>\n");
    }
    if !state.missing.is_empty() {
        s.push_str("<p>Not yet signed on this version:</p>\n<ul>\n");
        for x in &state.missing {
            let _ = writeln!(s, "<li>{}</li>", esc(&x.name));
        }
        s.push_str("</ul>\n");
    }
}
