//! `carepath measures FILE`: each measure's recorded values as a run
//! chart would read them: the median, the target's line, and the signals
//! (a shift, a trend, values beyond the target) with the dates they span.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::output::{json, say, say_err};
use super::{Format, exit};
use crate::model::runchart::{Signal, Target, run_chart};
use crate::store::read::load::load_file;

#[derive(Serialize)]
struct MeasureReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    /// The target as a line, where its words name one.
    target_line: Option<Target>,
    values: usize,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    median: Option<f64>,
    signals: Vec<Signal>,
}

#[derive(Serialize)]
struct Report {
    pathway: String,
    measures: Vec<MeasureReport>,
}

pub fn run(file: &Path, format: Format) -> i32 {
    let p = match load_file(file) {
        Ok(p) => p,
        Err(problems) => {
            for d in problems {
                say_err(&d.to_string());
            }
            return exit::COULD_NOT_RUN;
        }
    };
    let measures = p
        .measures
        .iter()
        .map(|m| {
            let chart = run_chart(m);
            MeasureReport {
                id: m.id.clone(),
                text: m.text.clone(),
                target: m.target.clone(),
                target_line: chart.target,
                values: chart.points.len(),
                first: chart.points.first().map(|(d, _)| *d),
                last: chart.points.last().map(|(d, _)| *d),
                // Without the last bits of binary arithmetic (3.65, not
                // 3.6500000000000004).
                median: chart.median.map(|m| (m * 1e9).round() / 1e9),
                signals: chart.signals,
            }
        })
        .collect();
    let report = Report {
        pathway: p.id.clone(),
        measures,
    };
    match format {
        Format::Json => println!("{}", json(&report)),
        Format::Text => print_text(&report),
    }
    exit::OK
}

fn print_text(r: &Report) {
    if r.measures.is_empty() {
        say(&format!("{}: no measures", r.pathway));
    }
    for m in &r.measures {
        let target = m
            .target
            .as_deref()
            .map_or(String::new(), |t| format!(" (target: {t})"));
        say(&format!("{}{target}", m.text));
        match (m.first, m.last, m.median) {
            (Some(first), Some(last), Some(median)) => say(&format!(
                "  {} values from {first} to {last}, median {}",
                m.values,
                number(median)
            )),
            _ => say("  no values recorded yet"),
        }
        for s in &m.signals {
            let what = match s.kind {
                crate::model::runchart::SignalKind::Shift => "shift",
                crate::model::runchart::SignalKind::Trend => "trend",
                crate::model::runchart::SignalKind::BeyondTarget => "beyond the target",
            };
            say(&format!(
                "  {what}: {} values, {} to {}",
                s.points, s.from, s.to
            ));
        }
    }
}

/// A figure without a trailing `.0`.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{}", (v * 100.0).round() / 100.0)
    }
}
