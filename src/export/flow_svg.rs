//! The steps drawn as a flow diagram (inline SVG), by carepath itself so
//! that nothing is fetched or run to see it.
//!
//! Layout: the steps in the file's order, one box under the other, which
//! is how people read a pathway and keeps the diagram legible on a phone
//! and on A4. A plain `next` to the step just below is a short arrow down;
//! every other way out (a decision's branch, a jump, a loop back) leaves
//! the box on its right, labelled with its condition, and runs in its own
//! lane to the target's right side. Each box links to its step's text.
//! A box's kind and red flags are written in it, not only drawn.

use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

use super::escape::esc;
use super::html_page::step_anchor;
use crate::model::{Pathway, StepKind};

const BOX_X: f32 = 12.0;
const BOX_W: f32 = 330.0;
const LINE: f32 = 17.0;
const GAP: f32 = 34.0;
const LABEL_W: f32 = 150.0;
const LANE: f32 = 12.0;
/// Characters of a title per line inside a box (14 px text).
const WRAP: usize = 34;
/// Characters of a branch label shown beside the box; the whole label is
/// in the step's text and the label's tooltip.
const LABEL_CHARS: usize = 18;

struct Placed {
    top: f32,
    height: f32,
    lines: Vec<String>,
}

/// Splits `text` into lines of at most `width` columns, at spaces where it
/// can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut cols = 0;
    for word in crate::text::clean(text).split_whitespace() {
        let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if cols > 0 && cols + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            cols = 0;
        }
        if cols > 0 {
            line.push(' ');
            cols += 1;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if cols + cw > width && cols > 0 {
                lines.push(std::mem::take(&mut line));
                cols = 0;
            }
            line.push(c);
            cols += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn shorten(s: &str, n: usize) -> String {
    let clean = crate::text::clean(s);
    if clean.chars().count() <= n {
        clean.into_owned()
    } else {
        let mut t: String = clean.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn kind_word(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Action => "ACTION",
        StepKind::Decision => "DECISION ◆",
        StepKind::Referral => "REFERRAL ➜",
        StepKind::Information => "INFORMATION ℹ",
    }
}

/// An edge that is not a short arrow down.
struct Jump {
    from: usize,
    row: usize,
    to: usize,
    label: Option<String>,
    lane: usize,
}

/// The diagram as an `<svg>` element, sized by its `viewBox` so that it
/// scales to the page.
pub fn diagram(p: &Pathway) -> String {
    diagram_marked(p, |_| None)
}

/// The diagram with a word or two written in each box `mark` gives one
/// for (a local version's "Added here"), beside the step's kind.
pub fn diagram_marked(p: &Pathway, mark: impl Fn(&str) -> Option<&'static str>) -> String {
    let mut placed = Vec::with_capacity(p.steps.len());
    let mut jumps = Vec::new();
    let mut y = 8.0;
    for (i, step) in p.steps.iter().enumerate() {
        let lines = wrap(&step.title, WRAP);
        let mut rows = 0;
        for jump in super::flow_graph::jumps_of(p, i) {
            let Some(to) = jump.to else {
                continue;
            };
            jumps.push(Jump {
                from: i,
                row: rows,
                to,
                label: jump.when,
                lane: 0,
            });
            rows += 1;
        }
        let flags = usize::from(!step.red_flags.is_empty());
        let text_h = (lines.len() + 1 + flags) as f32 * LINE + 14.0;
        let exits_h = rows as f32 * LINE + 16.0;
        let height = text_h.max(exits_h);
        placed.push(Placed {
            top: y,
            height,
            lines,
        });
        y += height + GAP;
    }
    let total_h = y - GAP + 8.0;
    // Lanes: a jump takes the first lane free over its whole span.
    let exit_y = |j: &Jump| placed[j.from].top + 14.0 + j.row as f32 * LINE;
    let entry_y = |j: &Jump| placed[j.to].top + placed[j.to].height - 6.0;
    let spans: Vec<(f32, f32)> = jumps
        .iter()
        .map(|j| {
            let (a, b) = (exit_y(j), entry_y(j));
            (a.min(b) - 2.0, a.max(b) + 2.0)
        })
        .collect();
    let (lane_of, lane_count) = super::flow_graph::lanes(&spans);
    for (j, lane) in jumps.iter_mut().zip(lane_of) {
        j.lane = lane;
    }
    let right = BOX_X + BOX_W;
    let lane_x = |n: usize| right + LABEL_W + 8.0 + n as f32 * LANE;
    let width = lane_x(lane_count) + 8.0;

    let mut s = String::with_capacity(512 + p.steps.len() * 600);
    let _ = write!(
        s,
        "<svg viewBox=\"0 0 {width:.0} {total_h:.0}\" width=\"{width:.0}\" height=\"{total_h:.0}\" \
         aria-labelledby=\"flow-title\" font-family=\"system-ui, sans-serif\" font-size=\"14\">\n\
         <title id=\"flow-title\">Flow of the {} steps of {}</title>\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1a1a1a\"/></marker></defs>\n",
        p.steps.len(),
        esc(&p.title)
    );
    for (i, (step, b)) in p.steps.iter().zip(&placed).enumerate() {
        let (fill, dash, stroke_w) = match step.kind {
            StepKind::Action => ("#ffffff", "", 1.5),
            StepKind::Decision => ("#fff3c4", "", 3.0),
            StepKind::Referral => ("#e3eeff", " stroke-dasharray=\"7 4\"", 2.0),
            StepKind::Information => ("#f0f0f0", " stroke-dasharray=\"2 3\"", 1.5),
        };
        let rx = if step.kind == StepKind::Information {
            12
        } else {
            3
        };
        let marked = mark(&step.id);
        let _ = write!(
            s,
            "<a href=\"#{}\"><title>Step {}: {}{}</title>\
             <rect x=\"{BOX_X}\" y=\"{:.1}\" width=\"{BOX_W}\" height=\"{:.1}\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"#1a1a1a\" stroke-width=\"{stroke_w}\"{dash}/>",
            step_anchor(&step.id),
            i + 1,
            esc(&step.title),
            marked.map_or_else(String::new, |w| format!(" ({})", w.to_lowercase())),
            b.top,
            b.height
        );
        if step.kind == StepKind::Decision {
            // A second, inner outline: decisions read apart without colour.
            let _ = write!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>",
                BOX_X + 4.0,
                b.top + 4.0,
                BOX_W - 8.0,
                b.height - 8.0
            );
        }
        let mut ty = b.top + 18.0;
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{ty:.1}\" font-size=\"11\" fill=\"#1a1a1a\">{} · {}{}</text>",
            BOX_X + 10.0,
            i + 1,
            kind_word(step.kind),
            marked.map_or_else(String::new, |w| format!(" · {}", w.to_uppercase()))
        );
        for line in &b.lines {
            ty += LINE;
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{ty:.1}\" fill=\"#1a1a1a\" font-weight=\"600\">{}</text>",
                BOX_X + 10.0,
                esc(line)
            );
        }
        if !step.red_flags.is_empty() {
            ty += LINE;
            let n = step.red_flags.len();
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{ty:.1}\" font-size=\"12\" fill=\"#a4001d\" font-weight=\"700\">⚠ {n} red flag{}</text>",
                BOX_X + 10.0,
                if n == 1 { "" } else { "s" }
            );
        }
        s.push_str("</a>\n");
        // The short arrow down to the next step.
        if step
            .exits()
            .any(|e| e.when.is_none() && p.step_index(e.target) == Some(i + 1))
        {
            let cx = BOX_X + BOX_W / 2.0;
            let _ = writeln!(
                s,
                "<line x1=\"{cx}\" y1=\"{:.1}\" x2=\"{cx}\" y2=\"{:.1}\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>",
                b.top + b.height,
                b.top + b.height + GAP - 2.0
            );
        }
    }
    for j in &jumps {
        let (ey, ty, lx) = (exit_y(j), entry_y(j), lane_x(j.lane));
        let _ = write!(
            s,
            "<path d=\"M{right:.1},{ey:.1} H{lx:.1} V{ty:.1} H{:.1}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"/>",
            right + 2.0
        );
        let words = match &j.label {
            Some(l) => shorten(l, LABEL_CHARS),
            None => format!("to step {}", j.to + 1),
        };
        let full = match &j.label {
            Some(l) => format!("If {l}: go to step {}", j.to + 1),
            None => format!("Go to step {}", j.to + 1),
        };
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#1a1a1a\"><title>{}</title>{} → {}</text>",
            right + 6.0,
            ey - 3.0,
            esc(&full),
            esc(&words),
            j.to + 1
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_a_linked_box_and_branches_carry_their_condition() {
        let p: Pathway = serde_yaml::from_str(
            "carepath: 1\nid: p\ntitle: T\nsteps:\n  - id: ask\n    title: Can they decide?\n    kind: decision\n    branches:\n      - when: Yes\n        next: home\n      - when: No\n        next: meeting\n  - id: meeting\n    title: Best interests meeting\n    kind: referral\n    red_flags: [Family not told]\n    next: [home]\n  - id: home\n    title: Home\n    next: [ask]\n",
        )
        .unwrap();
        let svg = diagram(&p);
        for id in ["ask", "meeting", "home"] {
            assert_eq!(svg.matches(&format!("<a href=\"#step-{id}\">")).count(), 1);
        }
        assert!(
            svg.contains("DECISION ◆") && svg.contains("REFERRAL ➜"),
            "kinds in words"
        );
        assert!(svg.contains("⚠ 1 red flag<"), "red flags in words");
        assert!(
            svg.contains(">Yes → 3<") && svg.contains(">No → 2<"),
            "labelled branches"
        );
        assert!(svg.contains(">to step 1 → 1<"), "a loop back is drawn too");
        // Two arrows down at most (meeting → home), the rest in lanes.
        assert_eq!(svg.matches("<line ").count(), 1);
        let lane = format!("<path d=\"M{:.1},", BOX_X + BOX_W);
        assert_eq!(svg.matches(&lane).count(), 3);
    }

    #[test]
    fn wrap_keeps_words_and_width() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("", 7), vec![""]);
        assert!(
            wrap("看护看护看护看护", 6)
                .iter()
                .all(|l| l.chars().count() <= 3)
        );
    }
}
