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

    pub fn plus(self, other: Self) -> Self {
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
mod tests;
