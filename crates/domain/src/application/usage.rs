//! Microservice resource usage: the instance-seconds a microservice ran for a tenant within a
//! window (a tenant's day, or a billing period), from the ranges the tenant was subscribed
//! and the segments of its active instance count; and the price of such usage per CPU-day
//! and GB-day.
//!
//! A tenant subscribed for 12 hours of a day to a microservice limited to 2000 millicores and
//! 2048 MB, with one instance, ran 43,200 instance-seconds: 1000 millicore-days and 1024
//! MB-days. A second instance for three hours adds 10,800 (3/24 of the limits).

use super::SECONDS_PER_DAY;
use crate::billing::proration::prorate;
use crate::billing::{InvoiceLine, LineKind, Period, format_date};
use crate::money::{Currency, format_unit_price};
use chrono::{NaiveDate, NaiveDateTime, TimeZone};

/// A half-open range of UTC time, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

impl Window {
    /// A range whose end may still be open (`None`: up to `now`).
    pub fn until(start: NaiveDateTime, end: Option<NaiveDateTime>, now: NaiveDateTime) -> Self {
        Self {
            start,
            end: end.unwrap_or(now).max(start),
        }
    }

    /// Seconds of `self` within `other`.
    pub fn overlap(self, other: Window) -> i64 {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (end - start).num_seconds().max(0)
    }

    fn intersect(self, other: Window) -> Option<Window> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(Window { start, end })
    }
}

/// A stretch of time with `active` instances running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub window: Window,
    pub active: i64,
}

/// `ranges` merged where they overlap or touch, in order: the time at least one of them
/// covers (a multi-tenant microservice runs for its owner while anyone is subscribed).
pub fn union(ranges: &[Window]) -> Vec<Window> {
    let mut sorted: Vec<Window> = ranges.iter().copied().filter(|r| r.start < r.end).collect();
    sorted.sort_by_key(|r| r.start);
    let mut merged: Vec<Window> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// The instance-seconds within `window`: for the time subscribed (`subscribed`, any order,
/// overlaps counted once), the seconds each active instance ran, summed.
pub fn instance_seconds(subscribed: &[Window], segments: &[Segment], window: Window) -> i64 {
    let mut total = 0_i64;
    for range in union(subscribed) {
        let Some(covered) = range.intersect(window) else {
            continue;
        };
        for segment in segments.iter().filter(|s| s.active > 0) {
            total = total.saturating_add(
                segment
                    .window
                    .overlap(covered)
                    .saturating_mul(segment.active),
            );
        }
    }
    total
}

/// A tenant's calendar day as a window of UTC time (a day of 23 or 25 hours where the zone
/// changes its clocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenantDay {
    pub date: NaiveDate,
    pub window: Window,
}

/// The UTC instant a day starts in `zone` (its first existing moment, should midnight be
/// skipped by a clock change).
fn day_start(zone: chrono_tz::Tz, date: NaiveDate) -> NaiveDateTime {
    let mut at = date.and_time(chrono::NaiveTime::MIN);
    for _ in 0..4 {
        if let Some(t) = zone.from_local_datetime(&at).earliest() {
            return t.naive_utc();
        }
        at += chrono::Duration::minutes(30);
    }
    date.and_time(chrono::NaiveTime::MIN)
}

/// The days from `from` to `to` (inclusive) in `zone`.
pub fn tenant_days(zone: chrono_tz::Tz, from: NaiveDate, to: NaiveDate) -> Vec<TenantDay> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|date| TenantDay {
            date,
            window: Window {
                start: day_start(zone, date),
                end: day_start(zone, date.succ_opt().unwrap_or(date)),
            },
        })
        .collect()
}

/// Resources counted from instance-seconds at a microservice's limits per instance, exact:
/// millicore-seconds and MB-seconds (a CPU-day is 1000 millicores for 86,400 s, a GB-day
/// 1024 MB for 86,400 s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResourceSeconds {
    pub millicore_seconds: i64,
    pub mb_seconds: i64,
}

impl ResourceSeconds {
    pub fn at_limits(cpu_millicores: i64, memory_mb: i64, instance_seconds: i64) -> Self {
        Self {
            millicore_seconds: cpu_millicores.saturating_mul(instance_seconds),
            mb_seconds: memory_mb.saturating_mul(instance_seconds),
        }
    }

    pub fn add(self, other: Self) -> Self {
        Self {
            millicore_seconds: self
                .millicore_seconds
                .saturating_add(other.millicore_seconds),
            mb_seconds: self.mb_seconds.saturating_add(other.mb_seconds),
        }
    }

    /// Millicore-days: the figure a day's usage shows (1000 for 12 h at 2000 millicores).
    pub fn millicore_days(self) -> f64 {
        self.millicore_seconds as f64 / SECONDS_PER_DAY as f64
    }

    /// MB-days (1024 for 12 h at 2048 MB).
    pub fn mb_days(self) -> f64 {
        self.mb_seconds as f64 / SECONDS_PER_DAY as f64
    }

    pub fn is_zero(self) -> bool {
        self.millicore_seconds == 0 && self.mb_seconds == 0
    }
}

/// Millicore-seconds in a CPU-day.
pub const CPU_DAY: i64 = 1000 * SECONDS_PER_DAY;
/// MB-seconds in a GB-day.
pub const GB_DAY: i64 = 1024 * SECONDS_PER_DAY;

/// The amount for `seconds` of a resource whose `per_unit` seconds make one priced unit (a
/// CPU-day or a GB-day) at `price_micros` (millionths of the currency's major unit) per unit:
/// in minor units, rounded half away from zero once.
pub fn resource_amount(seconds: i64, per_unit: i64, price_micros: i64, currency: Currency) -> i64 {
    let scale = 10_i64.pow(currency.exponent());
    prorate(
        price_micros.saturating_mul(scale),
        seconds,
        per_unit.saturating_mul(1_000_000),
    )
}

/// `seconds / per_unit` as a decimal with six places ("1.250000"), for a line's text.
pub fn units(seconds: i64, per_unit: i64) -> String {
    let millionths = prorate(1_000_000, seconds, per_unit);
    format!("{}.{:06}", millionths / 1_000_000, millionths % 1_000_000)
}

/// A priced resource of a microservice: CPU per CPU-day, memory per GB-day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PricedResource {
    Cpu,
    Memory,
}

impl PricedResource {
    fn per_unit(self) -> i64 {
        match self {
            Self::Cpu => CPU_DAY,
            Self::Memory => GB_DAY,
        }
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Self::Cpu => ("CPU", "CPU-day"),
            Self::Memory => ("memory", "GB-day"),
        }
    }
}

/// The `usage` line billing a microservice's `resource` over `period` in arrears:
/// "crm: CPU 1.250000 CPU-days at EUR 0.40 per CPU-day, 1 Nov 2026 – 1 Dec 2026". Its amount
/// is rounded once to the minor unit; quantity 1 and the amount as unit amount, since a
/// line's quantity is whole (the exact quantity and unit price are in the text). `None`
/// when the amount is nothing.
pub fn usage_line(
    application: &str,
    resource: PricedResource,
    used: ResourceSeconds,
    price_micros: i64,
    currency: Currency,
    period: Period,
) -> Option<InvoiceLine> {
    let seconds = match resource {
        PricedResource::Cpu => used.millicore_seconds,
        PricedResource::Memory => used.mb_seconds,
    };
    let amount = resource_amount(seconds, resource.per_unit(), price_micros, currency);
    if amount == 0 {
        return None;
    }
    let (what, unit) = resource.names();
    let description = format!(
        "{application}: {what} {} {unit}s at {currency} {} per {unit}, {} – {}",
        units(seconds, resource.per_unit()),
        format_unit_price(price_micros),
        format_date(period.start),
        format_date(period.end)
    );
    Some(InvoiceLine::single(
        LineKind::Usage,
        description,
        Some(period),
        amount,
    ))
}

/// The `subscription` line of a subscription-billed microservice's fixed price for a period
/// the tenant was subscribed in: "crm subscription, 1 Nov 2026 – 1 Dec 2026".
pub fn subscription_price_line(application: &str, price: i64, period: Period) -> InvoiceLine {
    InvoiceLine::single(
        LineKind::Subscription,
        format!(
            "{application} subscription, {} – {}",
            format_date(period.start),
            format_date(period.end)
        ),
        Some(period),
        price,
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    fn at(h: i64) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 10)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            + Duration::hours(h)
    }

    fn w(from: i64, to: i64) -> Window {
        Window {
            start: at(from),
            end: at(to),
        }
    }

    fn seg(from: i64, to: i64, active: i64) -> Segment {
        Segment {
            window: w(from, to),
            active,
        }
    }

    #[test]
    fn twelve_hours_subscribed_with_one_instance_count_1000_millicores_and_1024_mb() {
        let day = w(0, 24);
        let seconds = instance_seconds(&[w(12, 30)], &[seg(-5, 40, 1)], day);
        assert_eq!(seconds, 12 * 3600);
        let r = ResourceSeconds::at_limits(2000, 2048, seconds);
        assert_eq!((r.millicore_days(), r.mb_days()), (1000.0, 1024.0));
    }

    #[test]
    fn a_second_instance_for_three_hours_adds_three_twenty_fourths() {
        let day = w(0, 24);
        // One instance from noon, two from 13:00 to 16:00, one again after.
        let segments = [seg(12, 13, 1), seg(13, 16, 2), seg(16, 48, 1)];
        let seconds = instance_seconds(&[w(12, 48)], &segments, day);
        assert_eq!(seconds, 15 * 3600);
        let r = ResourceSeconds::at_limits(2000, 2048, seconds);
        assert_eq!(r.millicore_days(), 1000.0 + 2000.0 * 3.0 / 24.0);
        assert_eq!(r.mb_days(), 1024.0 + 2048.0 * 3.0 / 24.0);
    }

    #[test]
    fn only_the_time_subscribed_counts_and_overlapping_ranges_count_once() {
        let segments = [seg(0, 24, 1)];
        assert_eq!(instance_seconds(&[], &segments, w(0, 24)), 0);
        assert_eq!(
            instance_seconds(&[w(2, 6), w(4, 8), w(10, 11)], &segments, w(0, 24)),
            7 * 3600
        );
        // No instance running counts nothing, however long the subscription.
        assert_eq!(instance_seconds(&[w(0, 24)], &[seg(0, 24, 0)], w(0, 24)), 0);
        assert_eq!(union(&[w(4, 8), w(2, 4), w(9, 9)]), vec![w(2, 8)]);
    }

    #[test]
    fn an_open_range_runs_until_now() {
        assert_eq!(Window::until(at(3), None, at(5)), w(3, 5));
        assert_eq!(Window::until(at(3), Some(at(4)), at(5)), w(3, 4));
        assert_eq!(Window::until(at(6), None, at(5)), w(6, 6));
    }

    #[test]
    fn a_tenants_days_are_its_own_and_clock_changes_make_them_shorter_or_longer() {
        let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let days = tenant_days(berlin, d("2026-03-28"), d("2026-03-29"));
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].window.start.to_string(), "2026-03-27 23:00:00");
        let hours = |t: &TenantDay| (t.window.end - t.window.start).num_hours();
        assert_eq!((hours(&days[0]), hours(&days[1])), (24, 23));
        let utc = tenant_days(chrono_tz::UTC, d("2026-03-10"), d("2026-03-10"));
        assert_eq!(utc[0].window, w(0, 24));
    }

    #[test]
    fn resources_are_priced_per_cpu_day_and_gb_day_rounded_half_away_from_zero() {
        // 1.25 CPU-days at 0.40 EUR = 0.50 EUR; 1.25 GB-days at 0.10 = 0.125 → 0.13.
        let r = ResourceSeconds::at_limits(2000, 2048, 15 * 3600);
        assert_eq!(
            resource_amount(r.millicore_seconds, CPU_DAY, 400_000, Currency::EUR),
            50
        );
        assert_eq!(
            resource_amount(r.mb_seconds, GB_DAY, 100_000, Currency::EUR),
            13
        );
        assert_eq!(units(r.millicore_seconds, CPU_DAY), "1.250000");
        // The yen has no minor unit: 1.25 × 3 = 3.75 → 4.
        assert_eq!(
            resource_amount(r.millicore_seconds, CPU_DAY, 3_000_000, Currency::JPY),
            4
        );
        assert_eq!(resource_amount(0, CPU_DAY, 400_000, Currency::EUR), 0);
    }

    #[test]
    fn usage_lines_name_the_quantity_and_unit_price_and_skip_nothing_owed() {
        let period = Period {
            start: at(0).and_utc(),
            end: at(24 * 30).and_utc(),
        };
        let used = ResourceSeconds::at_limits(2000, 2048, 15 * 3600);
        let line = usage_line(
            "crm",
            PricedResource::Cpu,
            used,
            400_000,
            Currency::EUR,
            period,
        )
        .unwrap();
        assert_eq!(line.kind, LineKind::Usage);
        assert_eq!((line.quantity, line.unit_amount, line.amount), (1, 50, 50));
        assert!(
            line.description
                .starts_with("crm: CPU 1.250000 CPU-days at EUR 0.40 per CPU-day, "),
            "{}",
            line.description
        );
        let memory = usage_line(
            "crm",
            PricedResource::Memory,
            used,
            100_000,
            Currency::EUR,
            period,
        )
        .unwrap();
        assert_eq!(memory.amount, 13);
        assert_eq!(
            usage_line("crm", PricedResource::Cpu, used, 0, Currency::EUR, period),
            None
        );
        let fixed = subscription_price_line("crm", 990, period);
        assert_eq!((fixed.kind, fixed.amount), (LineKind::Subscription, 990));
    }

    proptest! {
        #[test]
        fn a_windows_instance_seconds_are_the_sum_of_its_days(
            ranges in proptest::collection::vec((0_i64..96, 0_i64..48), 0..5),
            counts in proptest::collection::vec(0_i64..4, 1..6),
        ) {
            let subscribed: Vec<Window> = ranges.iter().map(|(s, l)| w(*s, s + l)).collect();
            let segments: Vec<Segment> = counts
                .iter()
                .enumerate()
                .map(|(i, n)| seg(i as i64 * 20, (i as i64 + 1) * 20, *n))
                .collect();
            let whole = instance_seconds(&subscribed, &segments, w(0, 96));
            let by_day: i64 = (0..4)
                .map(|d| instance_seconds(&subscribed, &segments, w(d * 24, (d + 1) * 24)))
                .sum();
            prop_assert_eq!(whole, by_day);
            // Never more than every instance for the whole time.
            let most = counts.iter().max().copied().unwrap_or(0) * 96 * 3600;
            prop_assert!(whole <= most);
        }
    }
}
