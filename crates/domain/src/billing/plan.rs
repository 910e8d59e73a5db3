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
        if input.is_empty() {
            return Err(PlanCodeError::Empty);
        }
        if input.chars().count() > 40 {
            return Err(PlanCodeError::TooLong);
        }
        let allowed =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
        let starts_well = input
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !starts_well || !input.chars().all(allowed) {
            return Err(PlanCodeError::InvalidCharacter);
        }
        Ok(Self(input.to_owned()))
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
        match cycle {
            BillingCycle::Monthly => self.monthly,
            BillingCycle::Quarterly => self.quarterly,
            BillingCycle::Yearly => self.yearly,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.monthly.is_none() && self.quarterly.is_none() && self.yearly.is_none()
    }

    /// The cycles this plan is offered on, in `BillingCycle::ALL` order.
    pub fn cycles(&self) -> Vec<BillingCycle> {
        BillingCycle::ALL
            .iter()
            .copied()
            .filter(|&cycle| self.get(cycle).is_some())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plan_codes_of_lowercase_letters_digits_dashes_and_underscores_parse() {
        for good in [
            "starter",
            "pro",
            "pro-2026",
            "team_plus",
            "9lives",
            "a",
            "x-_-y",
        ] {
            assert_eq!(
                PlanCode::parse(good).map(|c| c.to_string()),
                Ok(good.to_owned())
            );
        }
        let forty = "a".repeat(40);
        assert_eq!(PlanCode::parse(&forty).unwrap().as_str(), forty);
    }

    #[test]
    fn plan_codes_that_are_empty_too_long_or_oddly_written_are_refused() {
        assert_eq!(PlanCode::parse(""), Err(PlanCodeError::Empty));
        assert_eq!(
            PlanCode::parse(&"a".repeat(41)),
            Err(PlanCodeError::TooLong)
        );
        for bad in [
            "Pro", "pro plan", "-pro", "_pro", "pro.v2", "pro/2", "prö", " pro", "pro\n", "PRO",
        ] {
            assert_eq!(
                PlanCode::parse(bad),
                Err(PlanCodeError::InvalidCharacter),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn plan_statuses_parse_from_their_wire_names() {
        assert_eq!(PlanStatus::parse("active"), Some(PlanStatus::Active));
        assert_eq!(PlanStatus::parse("archived"), Some(PlanStatus::Archived));
        assert_eq!(PlanStatus::parse("deleted"), None);
    }

    #[test]
    fn prices_answer_per_cycle_and_list_the_cycles_offered_in_order() {
        let prices = Prices {
            monthly: Some(1000),
            quarterly: None,
            yearly: Some(10_000),
        };
        assert_eq!(prices.get(BillingCycle::Monthly), Some(1000));
        assert_eq!(prices.get(BillingCycle::Quarterly), None);
        assert_eq!(prices.get(BillingCycle::Yearly), Some(10_000));
        assert_eq!(
            prices.cycles(),
            vec![BillingCycle::Monthly, BillingCycle::Yearly]
        );
        assert!(!prices.is_empty());
        assert!(Prices::default().is_empty());
        assert!(Prices::default().cycles().is_empty());
    }

    proptest! {
        #[test]
        fn every_well_formed_code_parses_and_round_trips(code in "[a-z0-9][a-z0-9_-]{0,39}") {
            prop_assert_eq!(PlanCode::parse(&code).map(|c| c.as_str().to_owned()), Ok(code));
        }

        #[test]
        fn a_parsed_code_is_always_well_formed(input in "\\PC{0,45}") {
            if let Ok(code) = PlanCode::parse(&input) {
                let s = code.as_str();
                prop_assert!((1..=40).contains(&s.len()));
                prop_assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'));
                prop_assert!(!s.starts_with(['-', '_']));
            }
        }

        #[test]
        fn cycles_are_exactly_the_set_prices(
            monthly in proptest::option::of(0_i64..1_000_000),
            quarterly in proptest::option::of(0_i64..1_000_000),
            yearly in proptest::option::of(0_i64..1_000_000),
        ) {
            let prices = Prices { monthly, quarterly, yearly };
            let cycles = prices.cycles();
            for cycle in BillingCycle::ALL {
                prop_assert_eq!(cycles.contains(&cycle), prices.get(cycle).is_some());
            }
            prop_assert_eq!(cycles.is_empty(), prices.is_empty());
        }
    }
}
