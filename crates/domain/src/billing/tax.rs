//! A tenant's flat tax rate (e.g. 19 % VAT), in hundredths of a percent.

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
        let _ = input;
        todo!()
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
        let _ = amount;
        todo!()
    }
}

impl std::fmt::Display for TaxRate {
    /// "19", "7.5", "7.75": the percentage without trailing zeros.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let _ = f;
        todo!()
    }
}
