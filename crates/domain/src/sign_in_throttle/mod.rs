//! Sign-in throttling: when failed sign-ins make a key (a tenant and username, or a client
//! address) wait, and for how long. Pure rules over a [`FailureRecord`]; storage keeps one
//! record per key and applies these functions inside a transaction.
//!
//! The schedule, per key:
//! - A **streak** of failures starts with its first failure. Below the threshold it lasts
//!   [`ThrottleRule::window`] (15 minutes) from that first failure: `threshold` failures
//!   within 15 minutes make the key wait. Once the threshold is reached, the streak lasts
//!   until 15 minutes after the current delay ends, so a guesser who waits out every delay
//!   keeps doubling it instead of starting afresh.
//! - The delay after the `threshold`-th failure of a streak is 1 second and doubles with each
//!   further failure, up to 15 minutes: for an account (threshold 5) the 5th failure waits
//!   1 s, the 6th 2 s, the 7th 4 s, ... the 14th 512 s and the 15th and later 900 s. For an
//!   address (threshold 50) the same from the 50th failure.
//! - The delay runs from the latest failure. While it runs, attempts are refused without
//!   looking at the password, and being refused does not count as a failure (no guess was
//!   checked).
//! - A successful sign-in clears its account's streak and takes back the failure its address
//!   was charged in advance (see [`ThrottleRule::after_refund`]).

use chrono::{NaiveDateTime, TimeDelta};
use std::net::IpAddr;

mod key;
pub use key::*;

/// The failures of one key's current streak. Times are UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureRecord {
    /// At least 1; a record without failures is no record.
    pub failures: u32,
    pub first_failure_at: NaiveDateTime,
    pub last_failure_at: NaiveDateTime,
}

/// Whether an attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Refused until then.
    Throttled {
        until: NaiveDateTime,
    },
}

impl Verdict {
    /// Whole seconds until the attempt may be retried, rounded up, at least 1: the
    /// `Retry-After` value. `None` when allowed.
    pub fn retry_after_secs(self, now: NaiveDateTime) -> Option<i64> {
        match self {
            Self::Allowed => None,
            Self::Throttled { until } => {
                let micros = (until - now).num_microseconds().unwrap_or(i64::MAX);
                Some((micros.saturating_add(999_999) / 1_000_000).max(1))
            }
        }
    }
}

/// How failures of one scope are counted and punished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRule {
    /// The failure of a streak from which the key waits.
    pub threshold: u32,
    /// How long a streak lasts below the threshold, and after its current delay above it.
    pub window: TimeDelta,
    /// The delay after the `threshold`-th failure; it doubles with each further one.
    pub first_delay: TimeDelta,
    /// The longest delay.
    pub max_delay: TimeDelta,
}

impl ThrottleRule {
    /// Per tenant and username: 5 failures within 15 minutes.
    pub const ACCOUNT: Self = Self {
        threshold: 5,
        window: TimeDelta::minutes(15),
        first_delay: TimeDelta::seconds(1),
        max_delay: TimeDelta::minutes(15),
    };

    /// Per client address: 50 failures within 15 minutes, whichever usernames they name.
    pub const ADDRESS: Self = Self {
        threshold: 50,
        window: TimeDelta::minutes(15),
        first_delay: TimeDelta::seconds(1),
        max_delay: TimeDelta::minutes(15),
    };

    /// The wait after a streak's `failures`-th failure: none below the threshold, then
    /// `first_delay` doubled per further failure, never more than `max_delay`.
    pub fn delay(&self, failures: u32) -> TimeDelta {
        let Some(doublings) = failures.checked_sub(self.threshold) else {
            return TimeDelta::zero();
        };
        // 2^40 seconds is far past any sensible cap; stopping there avoids overflow.
        let factor = 1i32 << doublings.min(30);
        self.first_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }

    /// Until when the record makes its key wait, if it does at all.
    pub fn locked_until(&self, record: &FailureRecord) -> Option<NaiveDateTime> {
        let delay = self.delay(record.failures);
        (delay > TimeDelta::zero()).then(|| record.last_failure_at + delay)
    }

    /// When the streak is over and forgotten: 15 minutes after its first failure, or, once
    /// it made the key wait, 15 minutes after that wait ends.
    pub fn expires_at(&self, record: &FailureRecord) -> NaiveDateTime {
        let from = self
            .locked_until(record)
            .map_or(record.first_failure_at, |until| {
                until.max(record.first_failure_at)
            });
        from + self.window
    }

    /// The record if its streak still counts at `now`.
    pub fn current(
        &self,
        record: Option<FailureRecord>,
        now: NaiveDateTime,
    ) -> Option<FailureRecord> {
        record.filter(|r| r.failures > 0 && now < self.expires_at(r))
    }

    /// Whether an attempt at `now` may go ahead.
    pub fn check(&self, record: Option<FailureRecord>, now: NaiveDateTime) -> Verdict {
        match self
            .current(record, now)
            .and_then(|r| self.locked_until(&r))
        {
            Some(until) if now < until => Verdict::Throttled { until },
            _ => Verdict::Allowed,
        }
    }

    /// The record after one more failure at `now`: the streak goes on if it still counts,
    /// else a new one starts.
    pub fn after_failure(
        &self,
        record: Option<FailureRecord>,
        now: NaiveDateTime,
    ) -> FailureRecord {
        match self.current(record, now) {
            Some(r) => FailureRecord {
                failures: r.failures.saturating_add(1),
                first_failure_at: r.first_failure_at,
                last_failure_at: now.max(r.last_failure_at),
            },
            None => FailureRecord {
                failures: 1,
                first_failure_at: now,
                last_failure_at: now,
            },
        }
    }

    /// The record after taking back the failure charged at `charged_at` to an attempt that
    /// then succeeded, given the record as that charge found it (`before_charge`): one
    /// failure less and, unless a later failure followed, the latest failure time from
    /// before the charge, so the success leaves no wait behind. `None` when no failure is
    /// left. A streak that began after the charge is left alone.
    pub fn after_refund(
        &self,
        record: Option<FailureRecord>,
        before_charge: Option<FailureRecord>,
        charged_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Option<FailureRecord> {
        let record = self.current(record, now)?;
        if record.first_failure_at > charged_at {
            return Some(record);
        }
        let failures = record.failures.checked_sub(1).filter(|&n| n > 0)?;
        let last_failure_at = match self.current(before_charge, charged_at) {
            Some(before)
                if record.last_failure_at == charged_at
                    && before.first_failure_at == record.first_failure_at =>
            {
                before.last_failure_at
            }
            _ => record.last_failure_at,
        };
        Some(FailureRecord {
            failures,
            first_failure_at: record.first_failure_at,
            last_failure_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn t0() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap()
    }

    fn secs(n: i64) -> TimeDelta {
        TimeDelta::seconds(n)
    }

    /// `n` failures at `t0`, the record they leave.
    fn failures_at(rule: &ThrottleRule, n: u32, at: NaiveDateTime) -> Option<FailureRecord> {
        (0..n).fold(None, |record, _| Some(rule.after_failure(record, at)))
    }

    #[test]
    fn the_account_schedule_doubles_from_one_second_at_the_fifth_failure_up_to_fifteen_minutes() {
        let rule = ThrottleRule::ACCOUNT;
        let delays: Vec<i64> = (1..=16).map(|n| rule.delay(n).num_seconds()).collect();
        assert_eq!(
            delays,
            [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]
        );
        assert_eq!(rule.delay(u32::MAX), TimeDelta::minutes(15));
    }

    #[test]
    fn the_address_schedule_starts_at_the_fiftieth_failure() {
        let rule = ThrottleRule::ADDRESS;
        assert_eq!(rule.delay(49), TimeDelta::zero());
        assert_eq!(rule.delay(50), secs(1));
        assert_eq!(rule.delay(51), secs(2));
        assert_eq!(rule.delay(60), TimeDelta::minutes(15));
    }

    #[test]
    fn four_failures_never_make_an_account_wait() {
        let rule = ThrottleRule::ACCOUNT;
        let record = failures_at(&rule, 4, t0());
        assert_eq!(rule.check(record, t0()), Verdict::Allowed);
    }

    #[test]
    fn the_fifth_failure_makes_the_account_wait_one_second_from_it() {
        let rule = ThrottleRule::ACCOUNT;
        let record = failures_at(&rule, 5, t0());
        let verdict = rule.check(record, t0());
        assert_eq!(
            verdict,
            Verdict::Throttled {
                until: t0() + secs(1)
            }
        );
        assert_eq!(verdict.retry_after_secs(t0()), Some(1));
        assert_eq!(rule.check(record, t0() + secs(1)), Verdict::Allowed);
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        let until = t0() + secs(2);
        let verdict = Verdict::Throttled { until };
        assert_eq!(verdict.retry_after_secs(t0()), Some(2));
        assert_eq!(
            verdict.retry_after_secs(t0() + TimeDelta::milliseconds(1)),
            Some(2)
        );
        assert_eq!(
            verdict.retry_after_secs(t0() + TimeDelta::milliseconds(1001)),
            Some(1)
        );
        assert_eq!(Verdict::Allowed.retry_after_secs(t0()), None);
    }

    #[test]
    fn failures_older_than_the_window_below_the_threshold_start_a_new_streak() {
        let rule = ThrottleRule::ACCOUNT;
        let record = failures_at(&rule, 4, t0());
        let later = t0() + TimeDelta::minutes(15);
        let after = rule.after_failure(record, later);
        assert_eq!(after.failures, 1);
        assert_eq!(after.first_failure_at, later);
        // One minute earlier it was the fifth failure of the same streak.
        let inside = rule.after_failure(record, later - TimeDelta::minutes(1));
        assert_eq!(inside.failures, 5);
    }

    #[test]
    fn once_waiting_the_streak_lasts_until_fifteen_minutes_after_the_delay() {
        let rule = ThrottleRule::ACCOUNT;
        // 14 failures: the next delay is 512 s; then one more after the window from the
        // first failure has passed still continues the streak.
        let mut record = failures_at(&rule, 14, t0());
        let at = t0() + TimeDelta::minutes(20);
        assert!(rule.current(record, at).is_some());
        record = Some(rule.after_failure(record, at));
        assert_eq!(record.map(|r| r.failures), Some(15));
        assert_eq!(
            rule.check(record, at),
            Verdict::Throttled {
                until: at + TimeDelta::minutes(15)
            }
        );
        // 15 quiet minutes after that delay ends, it is forgotten.
        let forgotten = at + TimeDelta::minutes(30);
        assert_eq!(rule.current(record, forgotten), None);
        assert!(rule.current(record, forgotten - secs(1)).is_some());
    }

    #[test]
    fn a_refund_takes_back_the_charge_and_leaves_no_wait() {
        let rule = ThrottleRule::ADDRESS;
        // 50 failures made the address wait a second; one second later an attempt is
        // admitted and charged, and then succeeds.
        let before = failures_at(&rule, 50, t0());
        let charged_at = t0() + secs(1);
        assert_eq!(rule.check(before, charged_at), Verdict::Allowed);
        let charged = Some(rule.after_failure(before, charged_at));
        assert!(matches!(
            rule.check(charged, charged_at),
            Verdict::Throttled { .. }
        ));
        let refunded = rule.after_refund(charged, before, charged_at, charged_at);
        assert_eq!(refunded, before);
        assert_eq!(rule.check(refunded, charged_at), Verdict::Allowed);
    }

    #[test]
    fn a_refund_keeps_failures_that_came_after_the_charge() {
        let rule = ThrottleRule::ADDRESS;
        let before = failures_at(&rule, 10, t0());
        let charged_at = t0() + secs(5);
        let charged = rule.after_failure(before, charged_at);
        let later = rule.after_failure(Some(charged), charged_at + secs(1));
        let refunded = rule.after_refund(Some(later), before, charged_at, charged_at + secs(2));
        assert_eq!(
            refunded,
            Some(FailureRecord {
                failures: 11,
                first_failure_at: t0(),
                last_failure_at: charged_at + secs(1),
            })
        );
    }

    #[test]
    fn a_refund_of_the_only_failure_clears_the_record_and_spares_later_streaks() {
        let rule = ThrottleRule::ADDRESS;
        let charged = failures_at(&rule, 1, t0());
        assert_eq!(rule.after_refund(charged, None, t0(), t0()), None);
        assert_eq!(rule.after_refund(None, None, t0(), t0()), None);
        let newer = failures_at(&rule, 3, t0() + TimeDelta::minutes(20));
        let now = t0() + TimeDelta::minutes(21);
        assert_eq!(rule.after_refund(newer, charged, t0(), now), newer);
    }

    #[test]
    fn account_keys_keep_names_as_typed_and_cap_their_length() {
        let key = ThrottleKey::account("Acme", "Bob");
        assert_eq!((key.tenant.as_str(), key.subject.as_str()), ("Acme", "Bob"));
        let long = ThrottleKey::account(&"t".repeat(500), &"u".repeat(500));
        assert_eq!(long.tenant.chars().count(), KEY_PART_MAX_CHARS);
        assert_eq!(long.subject.chars().count(), KEY_PART_MAX_CHARS);
    }

    #[test]
    fn address_keys_are_canonical_and_group_ipv6_by_network() {
        let v4: IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(ThrottleKey::address(v4).subject, "203.0.113.7");
        let mapped: IpAddr = "::ffff:203.0.113.7".parse().unwrap();
        assert_eq!(ThrottleKey::address(mapped).subject, "203.0.113.7");
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        assert_eq!(ThrottleKey::address(a).subject, "2001:db8:1:2::/64");
        assert_eq!(ThrottleKey::address(a), ThrottleKey::address(b));
        assert_eq!(ThrottleKey::address(v4).tenant, "");
    }

    #[test]
    fn scopes_round_trip() {
        for scope in ThrottleScope::ALL {
            assert_eq!(ThrottleScope::parse(scope.as_str()), Some(scope));
        }
    }

    proptest! {
        #[test]
        fn the_delay_never_shrinks_as_failures_grow(a in 0u32..200, b in 0u32..200) {
            for rule in [ThrottleRule::ACCOUNT, ThrottleRule::ADDRESS] {
                let (low, high) = (a.min(b), a.max(b));
                prop_assert!(rule.delay(low) <= rule.delay(high));
                prop_assert!(rule.delay(high) <= rule.max_delay);
            }
        }

        #[test]
        fn waiting_out_each_delay_never_shortens_the_next(
            gaps in proptest::collection::vec(0i64..120, 1..40)
        ) {
            // A guesser who retries exactly when allowed (plus a little) sees delays that
            // never shrink and never exceed the cap.
            let rule = ThrottleRule::ACCOUNT;
            let mut now = t0();
            let mut record = None;
            let mut previous = TimeDelta::zero();
            for gap in gaps {
                if let Verdict::Throttled { until } = rule.check(record, now) {
                    now = until;
                }
                now += TimeDelta::seconds(gap);
                let next = rule.after_failure(record, now);
                let delay = rule.delay(next.failures);
                prop_assert!(delay >= previous);
                prop_assert!(delay <= rule.max_delay);
                previous = delay;
                record = Some(next);
            }
        }

        #[test]
        fn an_attempt_is_refused_exactly_while_the_delay_runs(n in 1u32..30, offset in 0i64..2000) {
            let rule = ThrottleRule::ACCOUNT;
            let record = failures_at(&rule, n, t0());
            let now = t0() + TimeDelta::seconds(offset);
            let refused = matches!(rule.check(record, now), Verdict::Throttled { .. });
            prop_assert_eq!(refused, offset < rule.delay(n).num_seconds());
        }
    }
}
