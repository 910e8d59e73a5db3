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

/// One state of the policy: reached `after_days` whole days after the oldest unpaid invoice's
/// due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DunningStep {
    /// The state's name, shown as the tenant's `billing_state` (e.g. `reminder`, `restricted`).
    pub name: String,
    pub after_days: u32,
    pub effect: DunningEffect,
}

/// The steps in increasing `after_days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DunningPolicy {
    pub steps: Vec<DunningStep>,
}

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
        todo!()
    }

    /// The state reached `days_overdue` whole days after the oldest unpaid due date (the last step
    /// whose `after_days` ≤ `days_overdue`), or `None` (the tenant's billing state is `ok`).
    pub fn state_for(&self, days_overdue: i64) -> Option<&DunningStep> {
        let _ = days_overdue;
        todo!()
    }
}

/// Days after an invoice's due date on which automatic collection retries a card: 1, 3, 5, 7.
pub const COLLECTION_RETRY_DAYS: [i64; 4] = [1, 3, 5, 7];
