//! Quotas: limits, where they come from, and the rule every consumption follows. The store
//! applies [`Counter::consume`] as one conditional update (`used + n <= limit`); the property
//! test below holds the rule to its promise.

use super::LimitSource;
use serde::{Deserialize, Serialize};

string_enum!(/// How a quota is used up.
    QuotaKind {
        /// A count of things that exist (agents, widgets, devices): consumed on create,
        /// released on delete.
        Allocation => "allocation",
        /// Used up over a period and reset at the next (workflow triggers, API calls); the
        /// period is the tenant's subscription period.
        Consumable => "consumable",
        /// Held at once (audio/video sessions).
        Concurrent => "concurrent",
    }
);

/// A limit of `-1` means unlimited.
pub const UNLIMITED: i64 = -1;

/// The largest amount one consume or release may ask for.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// The limit of a tenant: its override if set, else its plan's value, else the default.
pub fn effective_limit(
    override_limit: Option<i64>,
    plan_limit: Option<i64>,
    default_limit: i64,
) -> (i64, LimitSource) {
    match (override_limit, plan_limit) {
        (Some(limit), _) => (limit, LimitSource::Override),
        (None, Some(limit)) => (limit, LimitSource::Plan),
        (None, None) => (default_limit, LimitSource::Default),
    }
}

/// What is left under `limit` once `used` is taken: `None` when unlimited, never negative
/// (usage above a lowered limit leaves 0).
pub fn remaining(limit: i64, used: i64) -> Option<i64> {
    (limit != UNLIMITED).then(|| (limit - used).max(0))
}

/// A quota's usage counter under one limit, as a model of what the store does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub limit: i64,
    pub hard: bool,
    pub used: i64,
}

/// A consumption a hard limit refused: nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exceeded {
    pub limit: i64,
    pub used: i64,
    pub requested: i64,
}

impl Counter {
    /// Whether `amount` more fits: always under a soft or unlimited quota, else only while
    /// `used + amount <= limit` (so usage already above a lowered limit takes nothing more).
    pub fn admits(&self, amount: i64) -> bool {
        !self.hard || self.limit == UNLIMITED || self.used.saturating_add(amount) <= self.limit
    }

    /// Takes `amount`, or refuses it under a hard limit.
    pub fn consume(&mut self, amount: i64) -> Result<(), Exceeded> {
        if !self.admits(amount) {
            return Err(Exceeded {
                limit: self.limit,
                used: self.used,
                requested: amount,
            });
        }
        self.used += amount;
        Ok(())
    }

    /// Gives back `amount`, never going below 0.
    pub fn release(&mut self, amount: i64) {
        self.used = (self.used - amount).max(0);
    }

    /// How far usage is above a limit (soft limits let it through): 0 when within it.
    pub fn overage(&self) -> i64 {
        if self.limit == UNLIMITED {
            0
        } else {
            (self.used - self.limit).max(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_override_then_the_plan_then_the_default_sets_the_limit() {
        assert_eq!(
            effective_limit(Some(3), Some(5), 7),
            (3, LimitSource::Override)
        );
        assert_eq!(effective_limit(None, Some(5), 7), (5, LimitSource::Plan));
        assert_eq!(effective_limit(None, None, 7), (7, LimitSource::Default));
        assert_eq!(remaining(UNLIMITED, 100), None);
        assert_eq!(remaining(10, 12), Some(0));
    }

    #[test]
    fn a_lowered_hard_limit_refuses_more_and_keeps_the_usage() {
        let mut c = Counter {
            limit: 5,
            hard: true,
            used: 8,
        };
        assert!(c.consume(1).is_err());
        assert_eq!(c.used, 8);
        c.release(4);
        assert!(c.consume(1).is_ok());
        assert_eq!(c.used, 5);
    }

    #[test]
    fn a_soft_limit_lets_usage_through_and_counts_the_overage() {
        let mut c = Counter {
            limit: 2,
            hard: false,
            used: 2,
        };
        assert!(c.consume(3).is_ok());
        assert_eq!(c.overage(), 3);
    }

    #[derive(Debug, Clone)]
    enum Op {
        Consume(i64),
        Release(i64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (1..20_i64).prop_map(Op::Consume),
            (1..20_i64).prop_map(Op::Release)
        ]
    }

    proptest! {
        /// For any sequence of consume/release on one hard quota, `used` never exceeds the
        /// limit and equals what was granted minus what was released (releases beyond the
        /// usage release only what was used).
        #[test]
        fn a_hard_quota_never_exceeds_its_limit(limit in 0..100_i64, ops in prop::collection::vec(op(), 0..200)) {
            let mut c = Counter { limit, hard: true, used: 0 };
            let (mut granted, mut released) = (0_i64, 0_i64);
            for op in ops {
                match op {
                    Op::Consume(n) => {
                        if c.consume(n).is_ok() {
                            granted += n;
                        }
                    }
                    Op::Release(n) => {
                        let before = c.used;
                        c.release(n);
                        released += before - c.used;
                    }
                }
                prop_assert!(c.used <= limit);
                prop_assert!(c.used >= 0);
                prop_assert_eq!(c.used, granted - released);
            }
        }
    }
}
