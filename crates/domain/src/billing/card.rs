//! Payment cards as Landlord keeps them (brand, last four digits, expiry; never the number),
//! and the sandbox provider's rule for the outcome of a charge, like Stripe's test cards.

use serde::{Deserialize, Serialize};

string_enum!(/// A card's brand, from its number's prefix.
    CardBrand { Visa => "visa", Mastercard => "mastercard", Amex => "amex", Discover => "discover", Unknown => "unknown" }
);

/// What is kept of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub brand: CardBrand,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error("must be 12 to 19 digits (spaces and dashes allowed) that pass the Luhn check")]
    InvalidNumber,
    #[error("must be a month from 1 to 12")]
    InvalidMonth,
    #[error("the card has expired")]
    Expired,
}

/// The sandbox provider's answer to a charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectionOutcome {
    Succeeded,
    /// Refused, with the decline code (`card_declined`, `insufficient_funds`, `expired_card`).
    Declined(&'static str),
}

impl Card {
    /// Reads a card as given (`number` with optional spaces/dashes): Luhn-checked, brand from the
    /// prefix (4 Visa; 51–55 and 2221–2720 Mastercard; 34/37 Amex; 6011/65 Discover), expiry not
    /// before the month of `today_year`/`today_month`. Answers the card and the sandbox outcome
    /// its number decides (see `sandbox_outcome`), so the caller can keep only the card.
    pub fn parse(
        number: &str,
        exp_month: u32,
        exp_year: i32,
        today_year: i32,
        today_month: u32,
    ) -> Result<(Self, CollectionOutcome), CardError> {
        let _ = (number, exp_month, exp_year, today_year, today_month);
        todo!()
    }

    /// Whether the card has expired by the given month.
    pub fn expired_by(&self, year: i32, month: u32) -> bool {
        (self.exp_year, self.exp_month) < (year, month)
    }
}

/// The sandbox outcome for a card number (digits only): `4000000000000002` is declined
/// (`card_declined`), `4000000000009995` is declined (`insufficient_funds`), every other valid
/// number succeeds.
pub fn sandbox_outcome(digits: &str) -> CollectionOutcome {
    let _ = digits;
    todo!()
}
