//! A tenant's flat tax rate (e.g. 19 % VAT), in hundredths of a percent.

use super::prorate;
use serde::{Deserialize, Serialize};

/// A percentage with at most two decimals, 0 to 100: stored as basis points (19 % is 1900).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRate(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxRateError {
    #[error("must be a percentage like 19 or 7.5, between 0 and 100, with at most two decimals")]
    Invalid,
}

impl TaxRate {
    /// Parses "19", "19.0", "7.75" (percent). Refuses negatives, more than two decimals, > 100.
    pub fn parse(input: &str) -> Result<Self, TaxRateError> {
        let (whole, fraction) = input.split_once('.').unwrap_or((input, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty()
            || !digits(whole)
            || !digits(fraction)
            || fraction.len() > 2
            || (input.contains('.') && fraction.is_empty())
        {
            return Err(TaxRateError::Invalid);
        }
        let whole: i64 = whole.parse().map_err(|_| TaxRateError::Invalid)?;
        let hundredths: i64 = format!("{fraction:0<2}")
            .parse()
            .map_err(|_| TaxRateError::Invalid)?;
        let bp = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(hundredths))
            .ok_or(TaxRateError::Invalid)?;
        Self::from_basis_points(bp)
    }

    pub fn from_basis_points(bp: i64) -> Result<Self, TaxRateError> {
        if (0..=10_000).contains(&bp) {
            Ok(Self(bp))
        } else {
            Err(TaxRateError::Invalid)
        }
    }

    pub fn basis_points(self) -> i64 {
        self.0
    }

    /// The tax on `amount` minor units, rounded half away from zero.
    pub fn of(self, amount: i64) -> i64 {
        prorate(amount, self.0, 10_000)
    }
}

impl std::fmt::Display for TaxRate {
    /// "19", "7.5", "7.75": the percentage without trailing zeros.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, hundredths) = (self.0 / 100, self.0 % 100);
        match hundredths {
            0 => write!(f, "{whole}"),
            h if h % 10 == 0 => write!(f, "{whole}.{}", h / 10),
            h => write!(f, "{whole}.{h:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bp(input: &str) -> Result<i64, TaxRateError> {
        TaxRate::parse(input).map(TaxRate::basis_points)
    }

    #[test]
    fn percentages_with_up_to_two_decimals_parse_to_basis_points() {
        assert_eq!(bp("19"), Ok(1900));
        assert_eq!(bp("19.0"), Ok(1900));
        assert_eq!(bp("19.00"), Ok(1900));
        assert_eq!(bp("7.5"), Ok(750));
        assert_eq!(bp("7.75"), Ok(775));
        assert_eq!(bp("0"), Ok(0));
        assert_eq!(bp("0.05"), Ok(5));
        assert_eq!(bp("100"), Ok(10_000));
        assert_eq!(bp("100.00"), Ok(10_000));
    }

    #[test]
    fn negatives_over_100_too_precise_and_non_numbers_are_refused() {
        for bad in [
            "-1",
            "100.01",
            "101",
            "1.234",
            "abc",
            "",
            "1.",
            ".5",
            "+5",
            " 19",
            "19 ",
            "19%",
            "1,5",
            "1e2",
            "1.2.3",
            "99999999999999999999",
        ] {
            assert_eq!(TaxRate::parse(bad), Err(TaxRateError::Invalid), "{bad:?}");
        }
    }

    #[test]
    fn rates_display_without_trailing_zeros() {
        let shown = |input: &str| TaxRate::parse(input).unwrap().to_string();
        assert_eq!(shown("19"), "19");
        assert_eq!(shown("19.00"), "19");
        assert_eq!(shown("7.5"), "7.5");
        assert_eq!(shown("7.50"), "7.5");
        assert_eq!(shown("7.75"), "7.75");
        assert_eq!(shown("0"), "0");
        assert_eq!(shown("0.05"), "0.05");
        assert_eq!(shown("100"), "100");
    }

    #[test]
    fn basis_points_outside_0_to_10000_are_refused() {
        assert!(TaxRate::from_basis_points(-1).is_err());
        assert!(TaxRate::from_basis_points(10_001).is_err());
        assert_eq!(
            TaxRate::from_basis_points(10_000).map(TaxRate::basis_points),
            Ok(10_000)
        );
    }

    #[test]
    fn tax_is_rounded_half_away_from_zero() {
        let rate = |input: &str| TaxRate::parse(input).unwrap();
        assert_eq!(rate("19").of(10_000), 1900);
        assert_eq!(rate("19").of(1), 0);
        assert_eq!(rate("7.5").of(1000), 75);
        assert_eq!(rate("7.75").of(1000), 78); // 77.5 rounds up
        assert_eq!(rate("7.75").of(-1000), -78);
        assert_eq!(rate("0").of(12_345), 0);
        assert_eq!(rate("100").of(12_345), 12_345);
    }

    proptest! {
        #[test]
        fn displaying_then_parsing_round_trips(bp in 0_i64..=10_000) {
            let rate = TaxRate::from_basis_points(bp).unwrap();
            prop_assert_eq!(TaxRate::parse(&rate.to_string()), Ok(rate));
        }

        #[test]
        fn tax_never_exceeds_the_amount(bp in 0_i64..=10_000, amount in 0_i64..1_000_000_000_000) {
            let tax = TaxRate::from_basis_points(bp).unwrap().of(amount);
            prop_assert!((0..=amount).contains(&tax));
        }

        #[test]
        fn parsing_never_panics_and_answers_a_rate_in_range(input in "\\PC{0,12}") {
            if let Ok(rate) = TaxRate::parse(&input) {
                prop_assert!((0..=10_000).contains(&rate.basis_points()));
            }
        }
    }
}
