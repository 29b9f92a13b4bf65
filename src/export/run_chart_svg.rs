//! A measure's run chart as inline SVG: the values in date order joined
//! by a line, the median dashed, the target's line dotted, and the values
//! that make a signal ringed. Drawn by carepath, so nothing is fetched or
//! run to see it; what the chart shows is also said in words beside it.

use std::fmt::Write;

use super::escape::esc;
use crate::model::runchart::{RunChart, SignalKind};

const W: f32 = 640.0;
const H: f32 = 230.0;
const LEFT: f32 = 52.0;
const RIGHT: f32 = 150.0;
const TOP: f32 = 14.0;
const BOTTOM: f32 = 40.0;

/// A figure without a trailing `.0`, to one decimal place at most where
/// the values are not whole.
pub fn figure(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// The chart of one measure; `None` when it has no values to draw.
pub fn svg(title: &str, chart: &RunChart) -> Option<String> {
    let points = &chart.points;
    if points.is_empty() {
        return None;
    }
    let mut lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let mut hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    if let Some(t) = chart.target {
        lo = lo.min(t.value);
        hi = hi.max(t.value);
    }
    let pad = ((hi - lo) * 0.1).max(0.5);
    let (lo, hi) = (
        (lo - pad).max(if lo >= 0.0 { 0.0 } else { f64::MIN }),
        hi + pad,
    );
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x = |i: usize| {
        if points.len() == 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f32 / (points.len() - 1) as f32
        }
    };
    let y = |v: f64| TOP + plot_h * (1.0 - ((v - lo) / (hi - lo)) as f32);

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"run-chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"Run chart: {}\">\n<title>Run chart: {}</title>\n",
        esc(title),
        esc(title)
    );
    // Axes, and the lowest and highest figure on the scale.
    let _ = writeln!(
        s,
        "<path d=\"M{LEFT} {TOP} V{} H{}\" fill=\"none\" stroke=\"#595959\"/>",
        TOP + plot_h,
        LEFT + plot_w
    );
    for v in [lo, hi] {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\">{}</text>",
            LEFT - 6.0,
            y(v) + 4.0,
            figure((v * 10.0).round() / 10.0)
        );
    }
    // First and last dates under the axis.
    let first = points[0].0;
    let last = points[points.len() - 1].0;
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"{}\" font-size=\"12\">{first}</text>",
        H - 12.0
    );
    if points.len() > 1 {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{last}</text>",
            LEFT + plot_w,
            H - 12.0
        );
    }
    let label_x = LEFT + plot_w + 8.0;
    if let Some(t) = chart.target {
        let ty = y(t.value);
        let _ = writeln!(
            s,
            "<line class=\"target\" x1=\"{LEFT}\" y1=\"{ty:.1}\" x2=\"{}\" y2=\"{ty:.1}\" stroke=\"#0b4f9c\" stroke-width=\"2\" stroke-dasharray=\"2 4\"/>\n<text x=\"{label_x}\" y=\"{:.1}\" font-size=\"12\" fill=\"#0b4f9c\">target {}</text>",
            LEFT + plot_w,
            ty + 4.0,
            figure(t.value)
        );
    }
    if let Some(m) = chart.median {
        let my = y(m);
        let _ = writeln!(
            s,
            "<line class=\"median\" x1=\"{LEFT}\" y1=\"{my:.1}\" x2=\"{}\" y2=\"{my:.1}\" stroke=\"#3d3d3d\" stroke-dasharray=\"8 5\"/>\n<text x=\"{label_x}\" y=\"{:.1}\" font-size=\"12\">median {}</text>",
            LEFT + plot_w,
            my + 4.0,
            figure(m)
        );
    }
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.1)))
        .collect();
    let _ = writeln!(
        s,
        "<polyline class=\"values\" points=\"{}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>",
        line.join(" ")
    );
    // Values in a shift or a trend are ringed; each point says its date
    // and value to whoever points at it.
    let in_signal = |d: chrono::NaiveDate| {
        chart
            .signals
            .iter()
            .filter(|s| s.kind != SignalKind::BeyondTarget)
            .any(|s| s.from <= d && d <= s.to)
    };
    for (i, (d, v)) in points.iter().enumerate() {
        let ring = in_signal(*d);
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"><title>{d}: {}</title></circle>",
            x(i),
            y(*v),
            if ring { 5.5 } else { 3.5 },
            if ring { "#fff" } else { "#1a1a1a" },
            if ring { "#a4001d" } else { "#1a1a1a" },
            figure(*v)
        );
    }
    s.push_str("</svg>");
    Some(s)
}
