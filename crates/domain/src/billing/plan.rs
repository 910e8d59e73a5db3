//! The package catalogue: a plan's code, its prices by cycle and whether it takes new
//! subscriptions. (Included features and quota values join the plan with the capabilities
//! issue; they are separate tables keyed by plan, so this type stays as it is.)

use super::BillingCycle;
use serde::{Deserialize, Serialize};

string_enum!(/// An archived plan takes no new subscriptions; existing ones continue on it.
    PlanStatus { Active => "active", Archived => "archived" }
);

/// A plan's stable identifier, used in URLs and by integrations: 1–40 characters of lowercase
/// ASCII letters, digits, `-` and `_`, starting with a letter or digit. Immutable once created.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlanCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanCodeError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most 40 characters")]
    TooLong,
    #[error(
        "may contain only lowercase letters, digits, '-' and '_', starting with a letter or digit"
    )]
    InvalidCharacter,
}

impl PlanCode {
    pub fn parse(input: &str) -> Result<Self, PlanCodeError> {
        let _ = input;
        todo!()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PlanCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A plan's prices in minor units of its currency, one per cycle it is offered on. At least one
/// is set (checked where a plan is parsed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Prices {
    pub monthly: Option<i64>,
    pub quarterly: Option<i64>,
    pub yearly: Option<i64>,
}

impl Prices {
    pub fn get(&self, cycle: BillingCycle) -> Option<i64> {
        let _ = cycle;
        todo!()
    }

    pub fn is_empty(&self) -> bool {
        self.monthly.is_none() && self.quarterly.is_none() && self.yearly.is_none()
    }

    /// The cycles this plan is offered on, in `BillingCycle::ALL` order.
    pub fn cycles(&self) -> Vec<BillingCycle> {
        todo!()
    }
}
