//! A measure's values as a run chart: in date order, against their median
//! and the target, with the usual signals that tell a real change from
//! noise. Pure arithmetic on the recorded values.
//!
//! - a **shift**: six or more values in a row on one side of the median
//!   (values on the median neither count nor break the run);
//! - a **trend**: five or more values in a row each higher, or each lower,
//!   than the one before (a value equal to the one before neither counts
//!   nor breaks the run);
//! - **beyond the target**: values on the wrong side of the target, each
//!   run of them one signal.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Measure, MeasureValue};

/// Fewest values on one side of the median that make a shift.
pub const SHIFT_MIN: usize = 6;
/// Fewest values rising (or falling) in a row that make a trend.
pub const TREND_MIN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    Shift,
    Trend,
    BeyondTarget,
}

impl SignalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Shift => "shift",
            SignalKind::Trend => "trend",
            SignalKind::BeyondTarget => "beyond_target",
        }
    }
}

/// Which way a signal goes: above or below the median (a shift), up or
/// down (a trend), over or under the target (beyond it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

/// One signal in a run chart, with the dates it spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub direction: Direction,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// How many values make it.
    pub points: usize,
}

/// The line a target draws: values should stay under it (`below 12%`) or
/// over it (`at least 95%`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    pub value: f64,
    /// Values should be under (`true`) or over (`false`) the line.
    pub upper: bool,
    /// Whether a value on the line meets the target (`at most`, `at least`).
    pub inclusive: bool,
}

impl Target {
    /// Whether `v` misses the target.
    pub fn missed_by(&self, v: f64) -> bool {
        match (self.upper, self.inclusive) {
            (true, true) => v > self.value,
            (true, false) => v >= self.value,
            (false, true) => v < self.value,
            (false, false) => v <= self.value,
        }
    }
}

/// The line in a target written in words, such as `below 12%`, `at least
/// 95%` or `< 4 hours`; `None` when it names no direction or no number.
pub fn parse_target(text: &str) -> Option<Target> {
    let lower = text.to_lowercase();
    // Longer words first, so that "at most" is not read as "most".
    const WORDS: [(&str, bool, bool); 16] = [
        ("no more than", true, true),
        ("no less than", false, true),
        ("at most", true, true),
        ("at least", false, true),
        ("fewer than", true, false),
        ("less than", true, false),
        ("more than", false, false),
        ("greater than", false, false),
        ("below", true, false),
        ("under", true, false),
        ("above", false, false),
        ("over", false, false),
        ("<=", true, true),
        (">=", false, true),
        ("<", true, false),
        (">", false, false),
    ];
    let (at, upper, inclusive) = WORDS
        .iter()
        .filter_map(|(w, up, inc)| Some((lower.find(w)? + w.len(), *up, *inc)))
        .min_by_key(|(at, _, _)| *at)
        .or_else(|| {
            ['≤', '≥']
                .iter()
                .find_map(|c| Some((lower.find(*c)? + c.len_utf8(), *c == '≤', true)))
        })?;
    let rest = &lower[at..];
    let start = rest.find(|c: char| c.is_ascii_digit())?;
    let number: String = rest[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let value: f64 = number.trim_end_matches('.').parse().ok()?;
    Some(Target {
        value,
        upper,
        inclusive,
    })
}

/// The median of `values`; `None` when there are none.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// A measure ready to draw: its values in date order, their median, its
/// target line and its signals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunChart {
    pub points: Vec<(NaiveDate, f64)>,
    pub median: Option<f64>,
    pub target: Option<Target>,
    pub signals: Vec<Signal>,
}

impl RunChart {
    /// The signals that reach the latest value: what has changed lately.
    pub fn new_signals(&self) -> impl Iterator<Item = &Signal> {
        let last = self.points.last().map(|(d, _)| *d);
        self.signals.iter().filter(move |s| Some(s.to) == last)
    }
}

pub fn run_chart(m: &Measure) -> RunChart {
    let target = m.target.as_deref().and_then(parse_target);
    chart(&m.values, target)
}

/// The run chart of `values` (in any order) against `target`.
pub fn chart(values: &[MeasureValue], target: Option<Target>) -> RunChart {
    let mut points: Vec<(NaiveDate, f64)> = values
        .iter()
        .filter(|v| v.value.is_finite())
        .map(|v| (v.date, v.value))
        .collect();
    points.sort_by_key(|(d, _)| *d);
    let median = median(&points.iter().map(|(_, v)| *v).collect::<Vec<_>>());
    let mut signals = Vec::new();
    if let Some(m) = median {
        signals.extend(shifts(&points, m));
    }
    signals.extend(trends(&points));
    if let Some(t) = target {
        signals.extend(beyond(&points, &t));
    }
    signals.sort_by_key(|s| (s.from, s.to, s.kind as u8));
    RunChart {
        points,
        median,
        target,
        signals,
    }
}

/// A run being counted: its direction, first and last date, how many.
struct Run {
    direction: Direction,
    from: NaiveDate,
    to: NaiveDate,
    points: usize,
}

impl Run {
    fn close(self, kind: SignalKind, min: usize, out: &mut Vec<Signal>) {
        if self.points >= min {
            out.push(Signal {
                kind,
                direction: self.direction,
                from: self.from,
                to: self.to,
                points: self.points,
            });
        }
    }
}

/// Runs of values on one side of the median.
pub fn shifts(points: &[(NaiveDate, f64)], median: f64) -> Vec<Signal> {
    let mut out = Vec::new();
    let mut run: Option<Run> = None;
    for &(date, v) in points {
        let direction = match v.total_cmp(&median) {
            std::cmp::Ordering::Equal => continue,
            std::cmp::Ordering::Greater => Direction::Up,
            std::cmp::Ordering::Less => Direction::Down,
        };
        match &mut run {
            Some(r) if r.direction == direction => {
                r.to = date;
                r.points += 1;
            }
            _ => {
                if let Some(r) = run.take() {
                    r.close(SignalKind::Shift, SHIFT_MIN, &mut out);
                }
                run = Some(Run {
                    direction,
                    from: date,
                    to: date,
                    points: 1,
                });
            }
        }
    }
    if let Some(r) = run {
        r.close(SignalKind::Shift, SHIFT_MIN, &mut out);
    }
    out
}

/// Runs of values each higher (or each lower) than the one before.
pub fn trends(points: &[(NaiveDate, f64)]) -> Vec<Signal> {
    let mut out = Vec::new();
    let Some(&(first, mut last)) = points.first() else {
        return out;
    };
    // The value a run turns at starts the next one.
    let mut turn = (first, last);
    let mut run: Option<Run> = None;
    for &(date, v) in &points[1..] {
        let direction = match v.total_cmp(&last) {
            std::cmp::Ordering::Equal => continue,
            std::cmp::Ordering::Greater => Direction::Up,
            std::cmp::Ordering::Less => Direction::Down,
        };
        match &mut run {
            Some(r) if r.direction == direction => {
                r.to = date;
                r.points += 1;
            }
            _ => {
                if let Some(r) = run.take() {
                    r.close(SignalKind::Trend, TREND_MIN, &mut out);
                }
                run = Some(Run {
                    direction,
                    from: turn.0,
                    to: date,
                    points: 2,
                });
            }
        }
        last = v;
        turn = (date, v);
    }
    if let Some(r) = run {
        r.close(SignalKind::Trend, TREND_MIN, &mut out);
    }
    out
}

/// Runs of values that miss the target.
pub fn beyond(points: &[(NaiveDate, f64)], target: &Target) -> Vec<Signal> {
    let direction = if target.upper {
        Direction::Up
    } else {
        Direction::Down
    };
    let mut out = Vec::new();
    let mut run: Option<Run> = None;
    for &(date, v) in points {
        if target.missed_by(v) {
            match &mut run {
                Some(r) => {
                    r.to = date;
                    r.points += 1;
                }
                None => {
                    run = Some(Run {
                        direction,
                        from: date,
                        to: date,
                        points: 1,
                    })
                }
            }
        } else if let Some(r) = run.take() {
            r.close(SignalKind::BeyondTarget, 1, &mut out);
        }
    }
    if let Some(r) = run {
        r.close(SignalKind::BeyondTarget, 1, &mut out);
    }
    out
}
