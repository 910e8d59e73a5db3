//! What changing a subscription's plan or cycle does, and the invoice lines it produces.
//!
//! - A change of cycle (monthly ↔ yearly, on any plan) applies at once and restarts the period at
//!   that moment: the unused old time is credited and the new full period charged.
//! - A change of plan on the same cycle is an upgrade when the new price per year is at least the
//!   old one's, else a downgrade.
//! - An upgrade applies at once: a credit of old price × unused/period and a charge of new price ×
//!   remaining/period, each line rounded on its own (see `prorate`), over the current period,
//!   which is kept.
//! - A downgrade is scheduled for the end of the period: no lines now.
//! - The same plan and cycle is no change.
//!
//! While a subscription is trialing, nothing was charged, so nothing is credited: an upgrade or a
//! cycle change during the trial produces no lines and keeps the trial.

use super::{BillingCycle, InvoiceLine, LineKind, Period, format_date, prorate};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Same plan and cycle.
    None,
    /// Applies now with proration over the current period.
    Upgrade,
    /// Applies at the end of the current period.
    Downgrade,
    /// Applies now and restarts the period.
    CycleChange,
}

/// One side of a change: which plan (its code, to tell plans apart, and its name, for line
/// descriptions), its cycle and its price for that cycle in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanChange<'a> {
    pub plan_code: &'a str,
    pub plan_name: &'a str,
    pub cycle: BillingCycle,
    pub price: i64,
}

/// Upgrade, downgrade, cycle change or none: a different cycle is a cycle change; the same plan
/// (by code) on the same cycle is none; another plan on the same cycle is an upgrade when its
/// price per year is at least the old one's, else a downgrade.
pub fn classify_change(from: &PlanChange<'_>, to: &PlanChange<'_>) -> ChangeKind {
    if from.cycle != to.cycle {
        ChangeKind::CycleChange
    } else if from.plan_code == to.plan_code {
        ChangeKind::None
    } else if to.cycle.yearly_price(to.price) >= from.cycle.yearly_price(from.price) {
        ChangeKind::Upgrade
    } else {
        ChangeKind::Downgrade
    }
}

/// The lines of the invoice a change produces when applied at `at` inside `period` (the
/// current period). For an upgrade: a `proration` credit line (negative) for the unused old
/// time and a `proration` charge line for the remaining new time, both with `period:
/// [at, period.end)`. For a cycle change: a `proration` credit line for the unused old time and a
/// `subscription` line for the new full period starting at `at`. None for a downgrade or no
/// change. `trialing` true gives no lines (nothing was charged, so nothing is credited; the new
/// plan's first charge comes when the trial ends).
///
/// Descriptions read like "Unused time on Starter (monthly) after 16 Jan 2026" and "Remaining
/// time on Pro (monthly) after 16 Jan 2026", "Pro (yearly), 16 Jan 2026 – 16 Jan 2027".
///
/// `at` is expected inside `period`; outside it, the remaining time is clamped to the period
/// (none after its end, all of it before its start).
pub fn change_lines(
    from: &PlanChange<'_>,
    to: &PlanChange<'_>,
    period: Period,
    at: DateTime<Utc>,
    trialing: bool,
) -> Vec<InvoiceLine> {
    if trialing {
        return Vec::new();
    }
    match classify_change(from, to) {
        ChangeKind::None | ChangeKind::Downgrade => Vec::new(),
        ChangeKind::Upgrade => vec![
            unused_time_line(from, period, at),
            remaining_time_line(to, period, at),
        ],
        ChangeKind::CycleChange => vec![
            unused_time_line(from, period, at),
            period_line(to, Period::starting(at, to.cycle)),
        ],
    }
}

/// The line billing one full period of a plan in advance, e.g. "Pro (monthly), 1 Feb 2026 –
/// 1 Mar 2026".
pub fn period_line(plan: &PlanChange<'_>, period: Period) -> InvoiceLine {
    let description = format!(
        "{}, {} – {}",
        plan_label(plan),
        format_date(period.start),
        format_date(period.end)
    );
    InvoiceLine::single(
        LineKind::Subscription,
        description,
        Some(period),
        plan.price,
    )
}

/// The credit (negative) for the old plan's time from `at` to the end of `period`.
fn unused_time_line(from: &PlanChange<'_>, period: Period, at: DateTime<Utc>) -> InvoiceLine {
    InvoiceLine::single(
        LineKind::Proration,
        format!(
            "Unused time on {} after {}",
            plan_label(from),
            format_date(at)
        ),
        Some(remainder(period, at)),
        -prorate(from.price, period.seconds_left(at), period.seconds()),
    )
}

/// The charge for the new plan's time from `at` to the end of `period`.
fn remaining_time_line(to: &PlanChange<'_>, period: Period, at: DateTime<Utc>) -> InvoiceLine {
    InvoiceLine::single(
        LineKind::Proration,
        format!(
            "Remaining time on {} after {}",
            plan_label(to),
            format_date(at)
        ),
        Some(remainder(period, at)),
        prorate(to.price, period.seconds_left(at), period.seconds()),
    )
}

/// `[at, period.end)`, `at` clamped into the period.
fn remainder(period: Period, at: DateTime<Utc>) -> Period {
    Period {
        start: at.clamp(period.start, period.end),
        end: period.end,
    }
}

/// "Pro (monthly)".
fn plan_label(plan: &PlanChange<'_>) -> String {
    format!("{} ({})", plan.plan_name, plan.cycle.as_str())
}

#[cfg(test)]
mod tests;
