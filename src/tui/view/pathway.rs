//! The pathway screen: a header, a row of section tabs, and the section.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::doc::Doc;
use super::status_style;
use crate::model::signoff::Verdict;
use crate::model::{Pathway, Section, Status, Weight, signoff};
use crate::text::clean;
use crate::tui::app::{App, Areas, PathwayState, Tab};
use crate::tui::theme::Theme;

pub fn draw(
    app: &App,
    p: &Pathway,
    state: &PathwayState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let [header, tabs, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_header(app, p, frame, header);
    draw_tabs(app, state, frame, tabs, drawn);
    match state.tab {
        Tab::Steps => super::steps::draw_steps(app, p, state, frame, body, drawn),
        Tab::Measures => super::chart::measures(app, p, state, frame, body, drawn),
        tab => {
            let doc = match tab {
                Tab::Overview => overview(p, app),
                Tab::Analyses => analyses(p, &app.theme),
                _ => monday(p, &app.theme),
            };
            draw_reading(app, &doc, state, tab.title(), frame, body, drawn);
        }
    }
}

fn draw_header(app: &App, p: &Pathway, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let mut spans = vec![
        Span::styled(" ", theme.text()),
        Span::styled(clean(&p.title).into_owned(), theme.title()),
        Span::styled("  [", theme.muted()),
        Span::styled(p.status.as_str(), status_style(p.status, theme)),
    ];
    // Worked out only for an agreed pathway: a pass over the whole of it.
    let out_of_date = p.status == crate::model::Status::Agreed && {
        let now = signoff::digest(p);
        let counts = |s: &crate::model::SignOff| {
            crate::store::team::verify::verify_at(&now, s, &app.team.people).counts()
        };
        !signoff::agreement_out_of_date(p, counts).is_empty()
    };
    if out_of_date {
        spans.push(Span::styled(" — sign-offs out of date", theme.warning()));
    }
    spans.push(Span::styled("]", theme.muted()));
    // Before the place: it must not be cut off on a narrow terminal.
    if let Some(state) = &app.pathway
        && state.merge_record > 0
    {
        spans.push(Span::styled("  ⚠ unfinished merge (M)", theme.warning()));
    }
    let late = crate::meeting::overdue_actions(p, app.today);
    if late > 0 {
        spans.push(Span::styled(format!("  !{late} overdue"), theme.warning()));
    }
    if let Some(place) = &p.place {
        spans.push(Span::styled(format!("  {}", clean(place)), theme.muted()));
    }
    if let Some(local) = app.pathway.as_ref().and_then(|s| s.local.as_ref()) {
        spans.push(Span::styled(format!("  {}", local.label()), theme.accent()));
    }
    if app.read_only {
        spans.push(Span::styled("  read-only", theme.muted()));
    }
    let problems = crate::tui::screen::problems::of(p).len();
    if problems > 0 {
        spans.push(Span::styled(
            format!(
                "  ⚠ {problems} problem{} (!)",
                if problems == 1 { "" } else { "s" }
            ),
            theme.error(),
        ));
    }
    if crate::tui::editing::is_dirty(app) {
        spans.push(Span::styled("  ● unsaved (Ctrl-s saves)", theme.warning()));
    }
    if let Some(state) = &app.pathway
        && (state.searching || !state.search.is_empty())
    {
        spans.push(Span::styled("  find: ", theme.accent()));
        spans.push(Span::styled(
            clean(&state.search).into_owned(),
            theme.text(),
        ));
        spans.push(Span::styled(
            if state.searching { "▏" } else { " (n/N)" },
            theme.accent(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_tabs(app: &App, state: &PathwayState, frame: &mut Frame, area: Rect, drawn: &mut Areas) {
    let theme = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    let mut rects = Vec::new();
    let mut x = area.x + 1;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let active = *tab == state.tab;
        // A local version marks the sections this place changed.
        let changed = if state.local.as_ref().is_some_and(|l| l.changed_in(*tab)) {
            " ~"
        } else {
            ""
        };
        let label = if active {
            format!("▶{} {}{changed}", i + 1, tab.title())
        } else {
            format!(" {} {}{changed}", i + 1, tab.title())
        };
        let w = label.width() as u16;
        rects.push((
            Rect::new(x, area.y, w.min(area.right().saturating_sub(x)), 1),
            i,
        ));
        x += w + 1;
        spans.push(Span::styled(
            label,
            if active {
                theme.selection()
            } else {
                theme.text()
            },
        ));
        spans.push(Span::raw(" "));
    }
    drawn.tabs = rects;
    frame.render_widget(Line::from(spans), area);
}

/// A scrolling, wrapped section.
fn draw_reading(
    app: &App,
    doc: &Doc,
    state: &PathwayState,
    title: &str,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let scroll = state.scroll[state.tab.index()];
    let theme = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(format!(" {title} "), theme.heading()));
    let inner = block.inner(area);
    let mut lines = doc.lines(inner.width);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let matches = highlight(&mut lines, &state.search, theme.selection());
    drawn.max_scroll = max;
    drawn.page = inner.height.saturating_sub(1).max(1);
    drawn.match_lines = matches;
    let scroll = scroll.min(max);
    let block = if max > 0 {
        block.title_bottom(Span::styled(
            format!(
                " {}–{} of {} lines ",
                scroll + 1,
                (scroll + inner.height).min(lines.len() as u16),
                lines.len()
            ),
            theme.muted(),
        ))
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// Marks every place `needle` is found (ignoring ASCII case) and returns
/// the numbers of the lines it is on.
pub(super) fn highlight(lines: &mut [Line<'static>], needle: &str, style: Style) -> Vec<u16> {
    if needle.is_empty() {
        return Vec::new();
    }
    let needle = needle.to_ascii_lowercase();
    let mut found = Vec::new();
    for (n, line) in lines.iter_mut().enumerate() {
        let mut hit = false;
        let spans = std::mem::take(&mut line.spans);
        for span in spans {
            let text = span.content.to_string();
            let lower = text.to_ascii_lowercase();
            let mut at = 0;
            while let Some(i) = lower[at..].find(&needle) {
                let start = at + i;
                let end = start + needle.len();
                if start > at {
                    line.spans
                        .push(Span::styled(text[at..start].to_string(), span.style));
                }
                line.spans
                    .push(Span::styled(text[start..end].to_string(), style));
                at = end;
                hit = true;
            }
            if at < text.len() {
                line.spans
                    .push(Span::styled(text[at..].to_string(), span.style));
            }
        }
        if hit {
            found.push(n as u16);
        }
    }
    found
}

fn overview(p: &Pathway, app: &App) -> Doc {
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

fn analyses(p: &Pathway, t: &Theme) -> Doc {
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

fn monday(p: &Pathway, t: &Theme) -> Doc {
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
