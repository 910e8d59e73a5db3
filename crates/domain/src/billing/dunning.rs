//! Dunning: what happens to a tenant as its oldest unpaid invoice grows overdue. The policy is
//! the operator's; the default is reminder at 1 day, restricted at 7, suspended at 14, canceled
//! at 30.

use serde::{Deserialize, Serialize};

string_enum!(/// What a dunning state does to the tenant, each including the ones before it:
    /// `reminder` only notifies (email and webhook); `restrict` also blocks plan changes;
    /// `suspend` also suspends the tenant (reason `dunning`); `cancel` also cancels the
    /// subscription (the tenant stays suspended until the debt is paid).
    DunningEffect { Reminder => "reminder", Restrict => "restrict", Suspend => "suspend", Cancel => "cancel" }
);

impl DunningEffect {
    /// Whether this effect includes `other` (each effect includes the milder ones and itself):
    /// `Suspend.includes(Restrict)` is true, so a suspended tenant cannot change plans either.
    pub fn includes(self, other: Self) -> bool {
        self.severity() >= other.severity()
    }

    /// 0 (reminder) to 3 (cancel).
    fn severity(self) -> u8 {
        match self {
            Self::Reminder => 0,
            Self::Restrict => 1,
            Self::Suspend => 2,
            Self::Cancel => 3,
        }
    }
}

/// One state of the policy: reached `after_days` whole days after the oldest unpaid invoice's
/// due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DunningStep {
    /// The state's name, shown as the tenant's `billing_state` (e.g. `reminder`, `restricted`).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z0-9_]{1,40}$"))]
    pub name: String,
    #[serde(deserialize_with = "crate::wire::integer::narrow_required")]
    #[cfg_attr(feature = "openapi", schema(maximum = 3650))]
    pub after_days: u32,
    pub effect: DunningEffect,
}

/// The steps in increasing `after_days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DunningPolicy {
    pub steps: Vec<DunningStep>,
}

/// Why a policy is refused; a step is named by its position in `steps`, from 0.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DunningPolicyError {
    #[error("step {0}: the name must be 1–40 lowercase letters, digits or '_', and not 'ok'")]
    InvalidName(usize),
    #[error("step {0}: the name is used by an earlier step")]
    DuplicateName(usize),
    #[error("step {0}: after_days must be greater than the previous step's")]
    NotIncreasing(usize),
    #[error("step {0}: an effect must not be milder than the previous step's")]
    MilderEffect(usize),
    #[error("at most 10 steps")]
    TooMany,
    #[error("step {0}: after_days must be at most {MAX_AFTER_DAYS}")]
    TooLate(usize),
}

impl Default for DunningPolicy {
    fn default() -> Self {
        let step = |name: &str, after_days, effect| DunningStep {
            name: name.into(),
            after_days,
            effect,
        };
        Self {
            steps: vec![
                step("reminder", 1, DunningEffect::Reminder),
                step("restricted", 7, DunningEffect::Restrict),
                step("suspended", 14, DunningEffect::Suspend),
                step("canceled", 30, DunningEffect::Cancel),
            ],
        }
    }
}

impl DunningPolicy {
    /// Checks the policy's shape (names, increasing days, effects never milder, ≤ 10 steps); an
    /// empty policy is allowed (dunning off).
    pub fn validate(&self) -> Result<(), DunningPolicyError> {
        if self.steps.len() > MAX_STEPS {
            return Err(DunningPolicyError::TooMany);
        }
        for (i, step) in self.steps.iter().enumerate() {
            if !is_valid_name(&step.name) {
                return Err(DunningPolicyError::InvalidName(i));
            }
            if step.after_days > MAX_AFTER_DAYS {
                return Err(DunningPolicyError::TooLate(i));
            }
            if self.steps[..i]
                .iter()
                .any(|earlier| earlier.name == step.name)
            {
                return Err(DunningPolicyError::DuplicateName(i));
            }
            if let Some(previous) = i.checked_sub(1).map(|p| &self.steps[p]) {
                if step.after_days <= previous.after_days {
                    return Err(DunningPolicyError::NotIncreasing(i));
                }
                if !step.effect.includes(previous.effect) {
                    return Err(DunningPolicyError::MilderEffect(i));
                }
            }
        }
        Ok(())
    }

    /// The state reached `days_overdue` whole days after the oldest unpaid due date (the last step
    /// whose `after_days` ≤ `days_overdue`), or `None` (the tenant's billing state is `ok`).
    pub fn state_for(&self, days_overdue: i64) -> Option<&DunningStep> {
        self.steps
            .iter()
            .rev()
            .find(|step| i64::from(step.after_days) <= days_overdue)
    }
}

/// The most steps a policy may have.
pub const MAX_STEPS: usize = 10;

/// 1–40 lowercase ASCII letters, digits or `_`, and not `ok` (the state of a tenant in good
/// standing).
fn is_valid_name(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && name != "ok"
}

/// A filter on tenants' billing state: `overdue` (any state but `ok`) or one state's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BillingStateFilter {
    Overdue,
    Is(String),
}

impl BillingStateFilter {
    /// `overdue`, `ok`, or a state name (1–40 of `a-z`, `0-9`, `_`): names that are safe to
    /// compare in any query.
    pub fn parse(input: &str) -> Result<Self, DunningPolicyError> {
        match input {
            "overdue" => Ok(Self::Overdue),
            name if name == "ok" || is_valid_name(name) => Ok(Self::Is(name.to_owned())),
            _ => Err(DunningPolicyError::InvalidName(0)),
        }
    }
}

/// The latest a step may come: ten years after the due date.
pub const MAX_AFTER_DAYS: u32 = 3650;

/// Days after an invoice's due date on which automatic collection retries a card: 1, 3, 5, 7.
pub const COLLECTION_RETRY_DAYS: [i64; 4] = [1, 3, 5, 7];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn step(name: &str, after_days: u32, effect: DunningEffect) -> DunningStep {
        DunningStep {
            name: name.into(),
            after_days,
            effect,
        }
    }

    fn policy(steps: Vec<DunningStep>) -> DunningPolicy {
        DunningPolicy { steps }
    }

    fn state(policy: &DunningPolicy, days: i64) -> Option<&str> {
        policy.state_for(days).map(|s| s.name.as_str())
    }

    #[test]
    fn the_default_policy_is_valid() {
        assert_eq!(DunningPolicy::default().validate(), Ok(()));
    }

    #[test]
    fn the_default_policy_reminds_restricts_suspends_then_cancels() {
        let p = DunningPolicy::default();
        assert_eq!(state(&p, -3), None);
        assert_eq!(state(&p, 0), None);
        assert_eq!(state(&p, 1), Some("reminder"));
        assert_eq!(state(&p, 6), Some("reminder"));
        assert_eq!(state(&p, 7), Some("restricted"));
        assert_eq!(state(&p, 13), Some("restricted"));
        assert_eq!(state(&p, 14), Some("suspended"));
        assert_eq!(state(&p, 29), Some("suspended"));
        assert_eq!(state(&p, 30), Some("canceled"));
        assert_eq!(state(&p, 45), Some("canceled"));
        assert_eq!(
            p.state_for(7).map(|s| s.effect),
            Some(DunningEffect::Restrict)
        );
    }

    #[test]
    fn an_empty_policy_is_valid_and_never_reaches_a_state() {
        let p = policy(vec![]);
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(p.state_for(1000), None);
    }

    #[test]
    fn a_step_at_day_zero_is_reached_on_the_due_date() {
        let p = policy(vec![step("due", 0, DunningEffect::Reminder)]);
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(state(&p, 0), Some("due"));
        assert_eq!(state(&p, -1), None);
    }

    #[test]
    fn names_must_be_short_lowercase_words_and_not_ok() {
        use DunningEffect::Reminder;
        for bad in [
            "",
            "ok",
            "Reminder",
            "final notice",
            "final-notice",
            "ünpaid",
            &"a".repeat(41),
        ] {
            assert_eq!(
                policy(vec![step(bad, 1, Reminder)]).validate(),
                Err(DunningPolicyError::InvalidName(0)),
                "{bad:?}"
            );
        }
        for good in ["reminder", "final_notice", "day_3", "okay", &"a".repeat(40)] {
            assert_eq!(
                policy(vec![step(good, 1, Reminder)]).validate(),
                Ok(()),
                "{good:?}"
            );
        }
        // The position of the offending step is reported.
        let p = policy(vec![
            step("first", 1, Reminder),
            step("Second", 2, Reminder),
        ]);
        assert_eq!(p.validate(), Err(DunningPolicyError::InvalidName(1)));
    }

    #[test]
    fn a_name_used_by_an_earlier_step_is_refused() {
        let p = policy(vec![
            step("reminder", 1, DunningEffect::Reminder),
            step("restricted", 3, DunningEffect::Restrict),
            step("reminder", 5, DunningEffect::Restrict),
        ]);
        assert_eq!(p.validate(), Err(DunningPolicyError::DuplicateName(2)));
    }

    #[test]
    fn days_must_strictly_increase() {
        let same = policy(vec![
            step("a", 3, DunningEffect::Reminder),
            step("b", 3, DunningEffect::Reminder),
        ]);
        assert_eq!(same.validate(), Err(DunningPolicyError::NotIncreasing(1)));
        assert_eq!(
            BillingStateFilter::parse("overdue"),
            Ok(BillingStateFilter::Overdue)
        );
        assert_eq!(
            BillingStateFilter::parse("ok"),
            Ok(BillingStateFilter::Is("ok".into()))
        );
        assert_eq!(
            BillingStateFilter::parse("past_7"),
            Ok(BillingStateFilter::Is("past_7".into()))
        );
        for bad in ["", "Suspended", "a'b", "x y"] {
            assert!(BillingStateFilter::parse(bad).is_err(), "{bad:?}");
        }
        let late = policy(vec![step(
            "never",
            MAX_AFTER_DAYS + 1,
            DunningEffect::Reminder,
        )]);
        assert_eq!(late.validate(), Err(DunningPolicyError::TooLate(0)));
        let fewer = policy(vec![
            step("a", 3, DunningEffect::Reminder),
            step("b", 7, DunningEffect::Restrict),
            step("c", 5, DunningEffect::Suspend),
        ]);
        assert_eq!(fewer.validate(), Err(DunningPolicyError::NotIncreasing(2)));
    }

    #[test]
    fn an_effect_milder_than_the_one_before_is_refused_but_an_equal_one_is_not() {
        let milder = policy(vec![
            step("suspended", 3, DunningEffect::Suspend),
            step("reminder", 5, DunningEffect::Reminder),
        ]);
        assert_eq!(milder.validate(), Err(DunningPolicyError::MilderEffect(1)));
        let equal = policy(vec![
            step("first_reminder", 1, DunningEffect::Reminder),
            step("second_reminder", 5, DunningEffect::Reminder),
        ]);
        assert_eq!(equal.validate(), Ok(()));
    }

    #[test]
    fn at_most_ten_steps() {
        let steps = |n: u32| {
            (0..n)
                .map(|i| step(&format!("step_{i}"), i + 1, DunningEffect::Reminder))
                .collect::<Vec<_>>()
        };
        assert_eq!(policy(steps(10)).validate(), Ok(()));
        assert_eq!(
            policy(steps(11)).validate(),
            Err(DunningPolicyError::TooMany)
        );
    }

    #[test]
    fn each_effect_includes_the_milder_ones() {
        use DunningEffect::*;
        for (i, &a) in DunningEffect::ALL.iter().enumerate() {
            for (j, &b) in DunningEffect::ALL.iter().enumerate() {
                assert_eq!(a.includes(b), i >= j, "{a:?} includes {b:?}");
            }
        }
        assert!(Cancel.includes(Suspend));
        assert!(!Reminder.includes(Restrict));
    }

    #[test]
    fn collection_retries_are_within_the_first_week() {
        assert_eq!(COLLECTION_RETRY_DAYS, [1, 3, 5, 7]);
        assert!(COLLECTION_RETRY_DAYS.windows(2).all(|w| w[0] < w[1]));
    }

    proptest! {
        #[test]
        fn the_state_is_the_last_step_reached(
            days in proptest::collection::btree_set(0_u32..100, 0..=10),
            overdue in -5_i64..120,
        ) {
            let p = policy(days.iter().enumerate().map(|(i, &d)| step(&format!("s{i}"), d, DunningEffect::Reminder)).collect());
            prop_assert_eq!(p.validate(), Ok(()));
            let expected = days.iter().rev().find(|&&d| i64::from(d) <= overdue).copied();
            prop_assert_eq!(p.state_for(overdue).map(|s| s.after_days), expected);
        }

        #[test]
        fn a_later_day_never_reaches_an_earlier_state(a in -5_i64..60, b in -5_i64..60) {
            let p = DunningPolicy::default();
            let (earlier, later) = (a.min(b), a.max(b));
            let days_of = |d| p.state_for(d).map(|s| s.after_days);
            prop_assert!(days_of(earlier) <= days_of(later));
        }
    }
}
