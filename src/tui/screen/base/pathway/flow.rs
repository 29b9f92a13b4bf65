//! The steps drawn as a flow, in the terminal: the steps in the file's
//! order, one box under the other (as the web page's diagram draws them,
//! from the same graph), a `▼` where a step goes on to the one below, and
//! every other way out — a decision's branches, a referral's jump, a loop
//! back — leaving the box on its right with its condition and running in
//! a lane of its own to the `◀` of the step it leads to. A box with more
//! than one way in says so ("paths join").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthChar;

use crate::export::flow_graph::{self, Jump};
use crate::model::{Pathway, StepKind};
use crate::tui::app::{App, Areas, PathwayState};
use crate::tui::view::doc::truncate;

const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ink {
    Line,
    Text,
    Chosen,
    Label,
    Warn,
}

#[derive(Clone)]
struct Cell {
    mask: u8,
    /// Text written over the lines; `Some("")` is the second column of a
    /// wide character.
    text: Option<String>,
    ink: Ink,
}

struct Grid {
    w: usize,
    cells: Vec<Vec<Cell>>,
}

impl Grid {
    fn new(w: usize, h: usize) -> Grid {
        let blank = Cell {
            mask: 0,
            text: None,
            ink: Ink::Line,
        };
        Grid {
            w,
            cells: vec![vec![blank; w]; h],
        }
    }

    fn line(&mut self, x: usize, y: usize, bits: u8, ink: Ink) {
        if let Some(c) = self.cells.get_mut(y).and_then(|r| r.get_mut(x)) {
            c.mask |= bits;
            if c.text.is_none() && ink != Ink::Line {
                c.ink = ink;
            }
        }
    }

    fn hline(&mut self, x0: usize, x1: usize, y: usize, ink: Ink) {
        for x in x0..x1 {
            self.line(x, y, LEFT | RIGHT, ink);
        }
    }

    fn vline(&mut self, x: usize, y0: usize, y1: usize, ink: Ink) {
        for y in y0..y1 {
            self.line(x, y, UP | DOWN, ink);
        }
    }

    /// Writes `text` from column `x`, at most `room` columns, never
    /// splitting a wide character.
    fn text(&mut self, x: usize, y: usize, text: &str, room: usize, ink: Ink) {
        let Some(row) = self.cells.get_mut(y) else {
            return;
        };
        let mut at = x;
        for ch in truncate(text, room).chars() {
            let cw = ch.width().unwrap_or(0);
            if cw == 0 {
                continue;
            }
            if at + cw > self.w || at + cw > x + room {
                break;
            }
            row[at].text = Some(ch.to_string());
            row[at].ink = ink;
            if cw == 2 {
                row[at + 1].text = Some(String::new());
                row[at + 1].ink = ink;
            }
            at += cw;
        }
    }

    fn fill(&mut self, x0: usize, x1: usize, y: usize, ink: Ink) {
        if let Some(row) = self.cells.get_mut(y) {
            for c in row.iter_mut().take(x1).skip(x0) {
                if c.text.is_none() {
                    c.text = Some(" ".into());
                }
                c.ink = ink;
            }
        }
    }
}

fn glyph(mask: u8) -> char {
    match mask {
        0 => ' ',
        m if m == LEFT | RIGHT || m == LEFT || m == RIGHT => '─',
        m if m == UP | DOWN || m == UP || m == DOWN => '│',
        m if m == DOWN | RIGHT => '┌',
        m if m == DOWN | LEFT => '┐',
        m if m == UP | RIGHT => '└',
        m if m == UP | LEFT => '┘',
        m if m == UP | DOWN | RIGHT => '├',
        m if m == UP | DOWN | LEFT => '┤',
        m if m == DOWN | LEFT | RIGHT => '┬',
        m if m == UP | LEFT | RIGHT => '┴',
        _ => '┼',
    }
}

fn kind_mark(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Action => "",
        StepKind::Decision => "◆ decision",
        StepKind::Referral => "➜ referral",
        StepKind::Information => "ℹ information",
    }
}

/// Where each step's box is: its top row and inner height.
struct Placed {
    top: usize,
    inner: usize,
    title: Vec<String>,
    jumps: Vec<Jump>,
}

impl Placed {
    fn bottom(&self) -> usize {
        self.top + self.inner + 1
    }
    /// The row a jump comes in on: the box's last inner row.
    fn entry(&self) -> usize {
        self.top + self.inner
    }
}

/// The flow's lines for a width, and the rows of the chosen step's box.
fn lay_out(
    app: &App,
    p: &Pathway,
    chosen: usize,
    width: usize,
) -> (Vec<Line<'static>>, usize, usize) {
    let t = &app.theme;
    let ways_in = flow_graph::ways_in(p);
    let jumps: Vec<Vec<Jump>> = (0..p.steps.len())
        .map(|i| flow_graph::jumps_of(p, i))
        .collect();
    let jumped_into: Vec<bool> = (0..p.steps.len())
        .map(|i| jumps.iter().flatten().any(|j| j.to == Some(i)))
        .collect();
    let any_jumps = jumps.iter().any(|j| !j.is_empty());
    let label_w = if any_jumps { 14 } else { 0 };
    // A first guess at the box's width, to wrap titles; lanes come after.
    let box_w = width.saturating_sub(label_w + 12).clamp(20, 52).min(width);
    let mut placed = Vec::with_capacity(p.steps.len());
    let mut y = 0;
    for (i, step) in p.steps.iter().enumerate() {
        let mut title = crate::export::flow_svg::wrap(&step.title, box_w.saturating_sub(4));
        if title.len() > 2 {
            title.truncate(2);
            title[1].push('…');
        }
        let inner = title
            .len()
            .max(jumps[i].len() + usize::from(jumped_into[i]))
            .max(1);
        placed.push(Placed {
            top: y,
            inner,
            title,
            jumps: jumps[i].clone(),
        });
        y += inner + 3;
    }
    let height = y.saturating_sub(1).max(1);
    let all: Vec<&Jump> = placed.iter().flat_map(|b| b.jumps.iter()).collect();
    let spans: Vec<(usize, usize)> = all
        .iter()
        .filter_map(|j| {
            let to = j.to?;
            Some((placed[j.from].top + 1 + j.row, placed[to].entry()))
        })
        .collect();
    // Short jumps take the lanes nearest the steps, so fewer lines cross.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&k| spans[k].0.abs_diff(spans[k].1));
    let sorted: Vec<(usize, usize)> = order.iter().map(|&k| spans[k]).collect();
    let (sorted_lanes, _) = flow_graph::lanes(&sorted);
    let mut lane_of = vec![0; spans.len()];
    for (k, lane) in order.into_iter().zip(sorted_lanes) {
        lane_of[k] = lane;
    }
    let lane_x = |n: usize| box_w + label_w + 1 + n * 2;
    let mut g = Grid::new(width, height);
    for (i, (step, b)) in p.steps.iter().zip(&placed).enumerate() {
        let ink = if i == chosen { Ink::Chosen } else { Ink::Line };
        let (x1, top, bottom) = (box_w - 1, b.top, b.bottom());
        g.line(0, top, DOWN | RIGHT, ink);
        g.hline(1, x1, top, ink);
        g.line(x1, top, DOWN | LEFT, ink);
        g.vline(0, top + 1, bottom, ink);
        g.vline(x1, top + 1, bottom, ink);
        g.line(0, bottom, UP | RIGHT, ink);
        g.hline(1, x1, bottom, ink);
        g.line(x1, bottom, UP | LEFT, ink);
        let owner = step
            .owner
            .as_deref()
            .map(|o| p.participant_name(o).to_string());
        let mut head = format!(" {}{} ", if i == chosen { "▶ " } else { "" }, i + 1);
        let joins = (ways_in[i] > 1).then(|| format!("{} paths join", ways_in[i]));
        for part in [Some(kind_mark(step.kind).to_string()), joins, owner]
            .into_iter()
            .flatten()
        {
            if !part.is_empty() {
                head.push_str(&format!("{part} · "));
            }
        }
        let head = format!("{} ", head.trim_end_matches(" · ").trim_end());
        g.text(2, top, &head, box_w.saturating_sub(4), Ink::Label);
        for (k, line) in b.title.iter().enumerate() {
            let text_ink = if i == chosen { Ink::Chosen } else { Ink::Text };
            if i == chosen {
                g.fill(1, x1, top + 1 + k, Ink::Chosen);
            }
            g.text(2, top + 1 + k, line, box_w.saturating_sub(4), text_ink);
        }
        if !step.red_flags.is_empty() {
            let n = step.red_flags.len();
            let flags = format!(" ⚠ {n} red flag{} ", if n == 1 { "" } else { "s" });
            g.text(2, bottom, &flags, box_w.saturating_sub(4), Ink::Warn);
        }
        if flow_graph::goes_down(p, i) {
            g.text(box_w / 2, bottom + 1, "▼", 1, Ink::Line);
        }
    }
    for (j, lane) in all
        .iter()
        .zip(lane_of.iter().copied().chain(std::iter::repeat(0)))
    {
        let b = &placed[j.from];
        let y1 = b.top + 1 + j.row;
        let x0 = box_w - 1;
        g.line(x0, y1, RIGHT, Ink::Line);
        let label = match (&j.when, j.to) {
            (Some(when), Some(_)) => format!(" {when} "),
            (Some(when), None) => format!(" {when} → {}?", j.target),
            (None, Some(_)) => String::new(),
            (None, None) => format!(" → {}?", j.target),
        };
        let Some(to) = j.to else {
            g.text(box_w, y1, &label, width.saturating_sub(box_w), Ink::Warn);
            continue;
        };
        let x = lane_x(lane);
        let y2 = placed[to].entry();
        g.hline(box_w, x, y1, Ink::Line);
        g.text(box_w, y1, &label, label_w, Ink::Label);
        if y2 == y1 {
            g.line(x, y1, LEFT, Ink::Line);
        } else {
            let (a, z) = (y1.min(y2), y1.max(y2));
            g.line(x, y1, LEFT | if y2 > y1 { DOWN } else { UP }, Ink::Line);
            g.vline(x, a + 1, z, Ink::Line);
            g.line(x, y2, LEFT | if y2 > y1 { UP } else { DOWN }, Ink::Line);
        }
        g.line(x0, y2, RIGHT, Ink::Line);
        g.hline(box_w + 1, x, y2, Ink::Line);
        g.text(box_w, y2, "◀", 1, Ink::Line);
    }
    let style = |ink: Ink| -> Style {
        match ink {
            Ink::Line => t.border(),
            Ink::Text => t.text(),
            Ink::Chosen => t.selection(),
            Ink::Label => t.muted(),
            Ink::Warn => t.warning(),
        }
    };
    let lines = g
        .cells
        .into_iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut ink = Ink::Line;
            for c in row {
                let s = match &c.text {
                    Some(s) => s.clone(),
                    None => glyph(c.mask).to_string(),
                };
                if c.ink != ink && !run.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut run), style(ink)));
                }
                ink = c.ink;
                run.push_str(&s);
            }
            spans.push(Span::styled(run, style(ink)));
            Line::from(spans)
        })
        .collect();
    let b = placed.get(chosen);
    (
        lines,
        b.map_or(0, |b| b.top),
        b.map_or(0, |b| b.bottom() + 1),
    )
}

pub(super) fn draw(
    app: &App,
    p: &Pathway,
    state: &PathwayState,
    frame: &mut Frame,
    area: Rect,
    drawn: &mut Areas,
) {
    let t = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(
            format!(" Flow of the {} steps ", p.steps.len()),
            t.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if p.steps.is_empty() {
        frame.render_widget(
            Paragraph::new("No steps yet: v goes back to the list, where a adds one.")
                .style(t.muted()),
            inner,
        );
        return;
    }
    let (lines, top, bottom) = lay_out(app, p, state.step, usize::from(inner.width));
    let view = usize::from(inner.height).max(1);
    // The chosen box in view, a little way down from the top when it can be.
    let offset = if bottom.saturating_sub(top) >= view {
        top
    } else {
        top.saturating_sub(view.saturating_sub(bottom - top) / 3)
    }
    .min(lines.len().saturating_sub(view));
    drawn.page = inner.height.saturating_sub(1).max(1);
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(view).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
