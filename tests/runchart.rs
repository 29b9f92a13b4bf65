//! Run-chart signals on a measure's values: what tells a group that
//! something really changed, and what is only noise.

use carepath::model::MeasureValue;
use carepath::model::runchart::{Direction, SignalKind, chart, median, parse_target};
use chrono::NaiveDate;

/// Monthly values from January 2026.
fn monthly(values: &[f64]) -> Vec<MeasureValue> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| MeasureValue {
            date: month(i),
            value: *v,
            note: None,
            source: None,
        })
        .collect()
}

fn month(i: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026 + (i / 12) as i32, (i % 12) as u32 + 1, 1).unwrap()
}

fn kinds(values: &[f64], target: Option<&str>) -> Vec<(SignalKind, NaiveDate, NaiveDate)> {
    chart(&monthly(values), target.and_then(parse_target))
        .signals
        .iter()
        .map(|s| (s.kind, s.from, s.to))
        .collect()
}

#[test]
fn six_in_a_row_above_the_median_is_a_shift_and_five_is_not() {
    // Median 5: six below, then six above.
    let v = [3.0, 4.0, 3.0, 4.0, 3.0, 4.0, 6.0, 7.0, 6.0, 7.0, 6.0, 7.0];
    let c = chart(&monthly(&v), None);
    assert_eq!(c.median, Some(5.0));
    let shifts: Vec<_> = c
        .signals
        .iter()
        .filter(|s| s.kind == SignalKind::Shift)
        .collect();
    assert_eq!(shifts.len(), 2);
    assert_eq!((shifts[0].from, shifts[0].to), (month(0), month(5)));
    assert_eq!(shifts[0].direction, Direction::Down);
    assert_eq!((shifts[1].from, shifts[1].to), (month(6), month(11)));
    assert_eq!(shifts[1].direction, Direction::Up);
    // Five on each side (median 5): no shift.
    let v = [3.0, 4.0, 3.0, 4.0, 3.0, 6.0, 7.0, 6.0, 7.0, 6.0];
    assert!(kinds(&v, None).iter().all(|k| k.0 != SignalKind::Shift));
}

#[test]
fn values_on_the_median_neither_break_nor_count_in_a_shift() {
    // Median 5 (seven 5s would dominate; here: 5 is the median of the
    // eleven values). Above: 6 6 6 [5] 6 6 — five values above with a
    // value on the median between: not a shift; one more makes it.
    let v = [2.0, 3.0, 2.0, 3.0, 5.0, 6.0, 6.0, 6.0, 5.0, 6.0, 6.0];
    let c = chart(&monthly(&v), None);
    assert_eq!(c.median, Some(5.0));
    assert!(
        c.signals.iter().all(|s| s.kind != SignalKind::Shift),
        "{:?}",
        c.signals
    );
    let v = [
        2.0, 3.0, 2.0, 3.0, 2.0, 5.0, 6.0, 6.0, 6.0, 5.0, 6.0, 6.0, 6.0,
    ];
    let c = chart(&monthly(&v), None);
    assert_eq!(c.median, Some(5.0));
    let shift = c
        .signals
        .iter()
        .find(|s| s.kind == SignalKind::Shift)
        .unwrap();
    assert_eq!(shift.points, 6);
    assert_eq!((shift.from, shift.to), (month(6), month(12)));
}

#[test]
fn five_rising_is_a_trend_and_a_repeated_value_does_not_count() {
    let v = [1.0, 2.0, 3.0, 4.0, 5.0];
    let k = kinds(&v, None);
    assert_eq!(k, vec![(SignalKind::Trend, month(0), month(4))]);
    // Four rising, one repeated: still four.
    let v = [1.0, 2.0, 2.0, 3.0, 4.0];
    assert!(kinds(&v, None).is_empty());
    // A repeat in the middle neither breaks nor counts.
    let v = [9.0, 8.0, 8.0, 7.0, 6.0, 5.0];
    let k = kinds(&v, None);
    assert_eq!(k, vec![(SignalKind::Trend, month(0), month(5))]);
    let c = chart(&monthly(&v), None);
    assert_eq!(c.signals[0].direction, Direction::Down);
    assert_eq!(c.signals[0].points, 5);
}

#[test]
fn noise_has_no_signal() {
    let v = [5.0, 7.0, 4.0, 6.0, 5.5, 6.5, 4.5, 7.0, 5.0, 6.0, 4.0, 6.0];
    assert!(kinds(&v, None).is_empty(), "{:?}", kinds(&v, None));
}

#[test]
fn fewer_values_than_a_signal_needs_give_none() {
    assert!(kinds(&[], Some("below 4")).is_empty());
    assert!(chart(&[], None).median.is_none());
    assert!(kinds(&[1.0], None).is_empty());
    assert!(kinds(&[1.0, 2.0, 3.0, 4.0], None).is_empty());
    // Five values all above a median they make cannot be: the median
    // splits them, so no shift whatever the order.
    assert!(
        kinds(&[6.0, 7.0, 8.0, 9.0, 9.5], None)
            .iter()
            .all(|k| k.0 == SignalKind::Trend)
    );
}

#[test]
fn values_beyond_the_target_are_flagged_as_runs() {
    let v = [3.0, 5.0, 6.0, 3.0, 4.0];
    let k = kinds(&v, Some("below 4 hours"));
    assert_eq!(
        k,
        vec![
            (SignalKind::BeyondTarget, month(1), month(2)),
            (SignalKind::BeyondTarget, month(4), month(4)),
        ]
    );
    // "at most" keeps a value on the line.
    let k = kinds(&v, Some("at most 4"));
    assert_eq!(k, vec![(SignalKind::BeyondTarget, month(1), month(2))]);
    let k = kinds(&[96.0, 94.0], Some("at least 95%"));
    assert_eq!(k, vec![(SignalKind::BeyondTarget, month(1), month(1))]);
    // A target without a direction or a number draws no line.
    assert!(kinds(&v, Some("fewer delays")).is_empty());
    assert!(kinds(&v, Some("as low as possible")).is_empty());
}

#[test]
fn targets_in_words_are_read() {
    let t = parse_target("below 12%").unwrap();
    assert_eq!((t.value, t.upper, t.inclusive), (12.0, true, false));
    let t = parse_target("At least 95% within 4 hours").unwrap();
    assert_eq!((t.value, t.upper, t.inclusive), (95.0, false, true));
    let t = parse_target("≤ 2.5 days").unwrap();
    assert_eq!((t.value, t.upper, t.inclusive), (2.5, true, true));
    let t = parse_target("no more than 1,200 bed days").unwrap();
    assert_eq!(t.value, 1200.0);
    assert!(parse_target("").is_none());
}

#[test]
fn values_are_read_in_date_order_whatever_the_file_order() {
    let mut v = monthly(&[1.0, 2.0, 3.0, 4.0, 5.0]);
    v.reverse();
    let c = chart(&v, None);
    assert_eq!(c.points[0].0, month(0));
    assert_eq!(c.signals[0].direction, Direction::Up);
    assert_eq!(median(&[1.0, 2.0, 3.0, 10.0]), Some(2.5));
}
