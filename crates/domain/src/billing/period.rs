//! Subscription periods, anchored on the start: a monthly period from Jan 31 ends on Feb 28
//! (29 in a leap year) and the next one on Mar 31; a yearly period from Feb 29 ends on Feb 28
//! of the next year. The time of day of the anchor is kept.

use super::BillingCycle;
use chrono::{DateTime, Datelike, Months, Utc};
use serde::{Deserialize, Serialize};

/// A half-open span of time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Period {
    /// The `index`th period (0 is the first) of a subscription anchored at `anchor`:
    /// `[boundary(index), boundary(index + 1))` where boundary n is the anchor moved on by
    /// n × cycle months, its day clamped to the last day of the target month (computed from the
    /// anchor each time, never from the previous boundary, so Jan 31 → Feb 28 → Mar 31).
    pub fn nth(anchor: DateTime<Utc>, cycle: BillingCycle, index: u32) -> Self {
        let index = u64::from(index);
        Self {
            start: boundary(anchor, cycle, index),
            end: boundary(anchor, cycle, index + 1),
        }
    }

    /// The period of a subscription anchored at `anchor` that contains `at`
    /// (`at` must not be before `anchor`; if it is, the first period is answered).
    pub fn containing(anchor: DateTime<Utc>, cycle: BillingCycle, at: DateTime<Utc>) -> Self {
        Self::nth(anchor, cycle, Self::index_containing(anchor, cycle, at))
    }

    /// The index (for `nth`) of the period anchored at `anchor` that contains `at`; 0 when `at`
    /// is before `anchor`.
    pub fn index_containing(anchor: DateTime<Utc>, cycle: BillingCycle, at: DateTime<Utc>) -> u32 {
        if at <= anchor {
            return 0;
        }
        let months_apart = i64::from(at.year() - anchor.year()) * 12 + i64::from(at.month())
            - i64::from(anchor.month());
        // Boundary k + 1 falls in a later calendar month than `at`, so it is after `at`; boundary
        // k falls in `at`'s month or earlier, and may be after `at` only within that month (its
        // day or time of day is later), in which case the period before contains `at`.
        let mut k = u64::try_from(months_apart / i64::from(cycle.months())).unwrap_or(0);
        while k > 0 && boundary(anchor, cycle, k) > at {
            k -= 1;
        }
        u32::try_from(k).unwrap_or(u32::MAX)
    }

    /// The period starting at `start`, one cycle long (anchored on `start`).
    pub fn starting(start: DateTime<Utc>, cycle: BillingCycle) -> Self {
        Self::nth(start, cycle, 0)
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }

    /// Whole seconds in the period.
    pub fn seconds(&self) -> i64 {
        (self.end - self.start).num_seconds()
    }

    /// Whole seconds from `at` to the end (0 if `at` is at or after the end, the whole
    /// period if before the start).
    pub fn seconds_left(&self, at: DateTime<Utc>) -> i64 {
        if at >= self.end {
            0
        } else if at < self.start {
            self.seconds()
        } else {
            (self.end - at).num_seconds()
        }
    }
}

/// Boundary `n` of a subscription anchored at `anchor`: the anchor moved on by n × cycle months,
/// the day clamped to the month's last day, the time of day kept. Beyond chrono's range (about
/// 262,000 years away) it saturates at the latest representable moment.
fn boundary(anchor: DateTime<Utc>, cycle: BillingCycle, n: u64) -> DateTime<Utc> {
    let months = n.saturating_mul(u64::from(cycle.months()));
    u32::try_from(months)
        .ok()
        .and_then(|months| anchor.checked_add_months(Months::new(months)))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// A date as invoice lines write it: "16 Jan 2026" (UTC, no time of day).
pub fn format_date(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests;
