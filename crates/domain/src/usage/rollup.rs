//! The aggregation rules as pure functions: one day's figure from its events (and from a
//! batch's partial figure merged into the stored one), and a range's summary from its days.
//! The store applies [`DayFigure::merge`] as one upsert per tenant, meter and day.

use super::{Aggregation, MeterKind};
use chrono::NaiveDateTime;

/// A day's figure for one meter: its `value` by the meter's aggregation, a gauge's `peak`
/// (the highest value seen that day), and the timestamp of the latest event counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayFigure {
    pub value: f64,
    pub peak: Option<f64>,
    pub last_at: NaiveDateTime,
}

impl DayFigure {
    /// The figure of a day holding only this event. For `unique_count`, `value` is 1 when
    /// the event's property value is new that day, else 0 (the store knows which).
    pub fn of_event(
        aggregation: Aggregation,
        kind: MeterKind,
        value: f64,
        at: NaiveDateTime,
    ) -> Self {
        let value = match aggregation {
            Aggregation::Count => 1.0,
            _ => value,
        };
        Self {
            value,
            peak: (kind == MeterKind::Gauge).then_some(value),
            last_at: at,
        }
    }

    /// Combines two figures of the same day (`self` the earlier-known, `other` the newer
    /// batch), whatever order their events happened in.
    pub fn merge(self, aggregation: Aggregation, other: Self) -> Self {
        let value = match aggregation {
            Aggregation::Sum | Aggregation::Count | Aggregation::UniqueCount => {
                self.value + other.value
            }
            Aggregation::Max => self.value.max(other.value),
            Aggregation::Latest if other.last_at >= self.last_at => other.value,
            Aggregation::Latest => self.value,
        };
        let peak = match (self.peak, other.peak) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        // A summed gauge's peak is its day's running total at its highest.
        let peak = match aggregation {
            Aggregation::Latest | Aggregation::Max => peak,
            _ => peak.map(|p| p.max(value)),
        };
        Self {
            value,
            peak,
            last_at: self.last_at.max(other.last_at),
        }
    }
}

/// A meter's figure over a range of days: counters summed, gauges the last day's value;
/// the peak is the highest of the days' peaks (gauges only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RangeSummary {
    pub value: f64,
    pub peak: Option<f64>,
}

/// Summarises a meter's days, given in date order.
pub fn summarise(kind: MeterKind, days: &[(f64, Option<f64>)]) -> Option<RangeSummary> {
    let (last, _) = *days.last()?;
    let value = match kind {
        MeterKind::Counter => days.iter().map(|(v, _)| v).sum(),
        MeterKind::Gauge => last,
    };
    let peak = days
        .iter()
        .filter_map(|(_, p)| *p)
        .fold(None, |m: Option<f64>, p| Some(m.map_or(p, |m| m.max(p))));
    Some(RangeSummary { value, peak })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 10)
            .and_then(|d| d.and_hms_opt(10, minute, 0))
            .unwrap_or_default()
    }

    fn fold(aggregation: Aggregation, kind: MeterKind, events: &[(f64, u32)]) -> DayFigure {
        let mut figures = events
            .iter()
            .map(|&(v, m)| DayFigure::of_event(aggregation, kind, v, at(m)));
        let first = figures.next().unwrap_or(DayFigure {
            value: 0.0,
            peak: None,
            last_at: at(0),
        });
        figures.fold(first, |a, b| a.merge(aggregation, b))
    }

    #[test]
    fn a_day_sums_counts_and_takes_the_max() {
        let events = [(2.0, 1), (5.0, 2), (3.0, 3)];
        assert_eq!(
            fold(Aggregation::Sum, MeterKind::Counter, &events).value,
            10.0
        );
        assert_eq!(
            fold(Aggregation::Count, MeterKind::Counter, &events).value,
            3.0
        );
        assert_eq!(
            fold(Aggregation::Max, MeterKind::Counter, &events).value,
            5.0
        );
        assert_eq!(
            fold(Aggregation::Sum, MeterKind::Counter, &events).peak,
            None
        );
    }

    #[test]
    fn a_gauge_keeps_the_latest_by_timestamp_and_its_peak() {
        // Arriving out of order: the 10:30 reading is the day's value.
        let day = fold(
            Aggregation::Latest,
            MeterKind::Gauge,
            &[(4.0, 30), (9.0, 10), (6.0, 20)],
        );
        assert_eq!(day.value, 4.0);
        assert_eq!(day.peak, Some(9.0));
        assert_eq!(day.last_at, at(30));
    }

    #[test]
    fn a_summary_sums_counters_and_takes_gauges_last_and_peaks_max() {
        let days = [(3.0, Some(7.0)), (5.0, Some(5.0)), (4.0, Some(6.0))];
        assert_eq!(
            summarise(MeterKind::Counter, &days).map(|s| s.value),
            Some(12.0)
        );
        let gauge = summarise(MeterKind::Gauge, &days);
        assert_eq!(gauge.map(|s| s.value), Some(4.0));
        assert_eq!(gauge.and_then(|s| s.peak), Some(7.0));
        assert_eq!(summarise(MeterKind::Gauge, &[]), None);
    }

    proptest! {
        /// However a day's events are split into batches, merging the batches' figures
        /// gives the figure of all events at once.
        #[test]
        fn merging_batches_equals_folding_everything(
            events in proptest::collection::vec((0..1000_i32, 0..59_u32), 1..30),
            split in 0..30_usize,
        ) {
            let events: Vec<(f64, u32)> = events.into_iter().map(|(v, m)| (f64::from(v), m)).collect();
            let split = split.min(events.len() - 1).max(1).min(events.len());
            for aggregation in [Aggregation::Sum, Aggregation::Count, Aggregation::Max, Aggregation::Latest] {
                let all = fold(aggregation, MeterKind::Gauge, &events);
                if split < events.len() {
                    let (a, b) = events.split_at(split);
                    let merged = fold(aggregation, MeterKind::Gauge, a)
                        .merge(aggregation, fold(aggregation, MeterKind::Gauge, b));
                    prop_assert_eq!(merged.peak, all.peak);
                    prop_assert_eq!(merged.last_at, all.last_at);
                    if aggregation != Aggregation::Latest {
                        prop_assert_eq!(merged.value, all.value);
                    }
                }
            }
        }
    }
}
