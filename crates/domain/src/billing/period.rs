//! Subscription periods, anchored on the start: a monthly period from Jan 31 ends on Feb 28
//! (29 in a leap year) and the next one on Mar 31; a yearly period from Feb 29 ends on Feb 28
//! of the next year. The time of day of the anchor is kept.

use super::BillingCycle;
use chrono::{DateTime, Utc};
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
        let _ = (anchor, cycle, index);
        todo!()
    }

    /// The period of a subscription anchored at `anchor` that contains `at`
    /// (`at` must not be before `anchor`; if it is, the first period is answered).
    pub fn containing(anchor: DateTime<Utc>, cycle: BillingCycle, at: DateTime<Utc>) -> Self {
        let _ = (anchor, cycle, at);
        todo!()
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
        let _ = at;
        todo!()
    }
}
