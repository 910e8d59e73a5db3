//! Exact money: integer minor units in an ISO 4217 currency, written on the wire as a decimal
//! string ("19.90") so no client ever sees a floating-point amount.

use serde::{Deserialize, Serialize};
use std::fmt;

string_enum!(/// A supported ISO 4217 currency and the number of digits after its decimal point.
    #[derive(PartialOrd, Ord)]
    Currency {
        AUD => "AUD",
        CAD => "CAD",
        CHF => "CHF",
        DKK => "DKK",
        EUR => "EUR",
        GBP => "GBP",
        JPY => "JPY",
        NOK => "NOK",
        SEK => "SEK",
        USD => "USD",
    }
);

impl Currency {
    /// The ISO 4217 code, as on the wire.
    pub fn code(self) -> &'static str {
        self.as_str()
    }

    /// Digits after the decimal point (the yen has none).
    pub fn exponent(self) -> u32 {
        match self {
            Self::JPY => 0,
            _ => 2,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("must be a decimal amount like 19.90")]
    NotDecimal,
    #[error("must not be negative")]
    Negative,
    #[error("has more decimal places than the currency allows ({0})")]
    TooPrecise(u32),
    #[error("must have at most {MAX_WHOLE_DIGITS} digits before the decimal point")]
    TooLarge,
}

/// Amounts go up to 999,999,999,999,999 in major units: far beyond any invoice, and in minor
/// units of every currency still inside `i64`.
pub const MAX_WHOLE_DIGITS: usize = 15;

/// Parses a non-negative decimal string, as sent (`wire::patterns::AMOUNT`), into minor units
/// of `currency`.
pub fn parse_amount(input: &str, currency: Currency) -> Result<i64, MoneyError> {
    if input.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    let (whole, fraction) = input.split_once('.').unwrap_or((input, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || (input.contains('.') && fraction.is_empty())
    {
        return Err(MoneyError::NotDecimal);
    }
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(MoneyError::TooLarge);
    }
    let exponent = currency.exponent();
    if fraction.len() as u32 > exponent {
        return Err(MoneyError::TooPrecise(exponent));
    }
    let scale = 10_i64.pow(exponent);
    let whole: i64 = whole.parse().map_err(|_| MoneyError::TooLarge)?;
    let padded = format!("{fraction:0<width$}", width = exponent as usize);
    let fraction: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().map_err(|_| MoneyError::NotDecimal)?
    };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .ok_or(MoneyError::TooLarge)
}

/// Formats minor units as a decimal string with exactly the currency's decimal places.
pub fn format_amount(minor: i64, currency: Currency) -> String {
    let exponent = currency.exponent();
    if exponent == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(exponent);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale as u64,
        abs % scale as u64,
        width = exponent as usize
    )
}

/// The most digits a unit price (per CPU-day, per GB-day) has before its decimal point.
pub const MAX_UNIT_PRICE_WHOLE_DIGITS: usize = 9;
/// The most digits a unit price has after its decimal point (millionths).
pub const UNIT_PRICE_DECIMALS: u32 = 6;

/// Parses a non-negative unit price with up to six decimal places ("0.0125"), finer than any
/// currency's minor unit, into millionths of the major unit.
pub fn parse_unit_price(input: &str) -> Result<i64, MoneyError> {
    if input.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    let (whole, fraction) = input.split_once('.').unwrap_or((input, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || (input.contains('.') && fraction.is_empty())
    {
        return Err(MoneyError::NotDecimal);
    }
    if whole.len() > MAX_UNIT_PRICE_WHOLE_DIGITS {
        return Err(MoneyError::TooLarge);
    }
    if fraction.len() as u32 > UNIT_PRICE_DECIMALS {
        return Err(MoneyError::TooPrecise(UNIT_PRICE_DECIMALS));
    }
    let whole: i64 = whole.parse().map_err(|_| MoneyError::TooLarge)?;
    let padded = format!("{fraction:0<6}");
    let fraction: i64 = padded.parse().map_err(|_| MoneyError::NotDecimal)?;
    Ok(whole * 1_000_000 + fraction)
}

/// Formats a unit price in millionths with at least two decimal places and no trailing
/// zeros beyond them ("0.0125", "0.40", "3.00").
pub fn format_unit_price(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    let fraction = format!("{:06}", abs % 1_000_000);
    let trimmed = fraction.trim_end_matches('0');
    let shown = if trimmed.len() < 2 {
        &fraction[..2]
    } else {
        trimmed
    };
    format!("{sign}{}.{shown}", abs / 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_formats_exactly() {
        assert_eq!(parse_amount("19.90", Currency::EUR), Ok(1990));
        assert_eq!(parse_amount("19.9", Currency::EUR), Ok(1990));
        assert_eq!(parse_amount("19", Currency::EUR), Ok(1900));
        assert_eq!(parse_amount("0.01", Currency::USD), Ok(1));
        assert_eq!(parse_amount("1500", Currency::JPY), Ok(1500));
        assert_eq!(format_amount(1990, Currency::EUR), "19.90");
        assert_eq!(format_amount(5, Currency::EUR), "0.05");
        assert_eq!(format_amount(1500, Currency::JPY), "1500");
        assert_eq!(format_amount(-250, Currency::GBP), "-2.50");
    }

    #[test]
    fn rejects_what_is_not_an_exact_amount() {
        assert_eq!(
            parse_amount("1.999", Currency::EUR),
            Err(MoneyError::TooPrecise(2))
        );
        assert_eq!(
            parse_amount("1.5", Currency::JPY),
            Err(MoneyError::TooPrecise(0))
        );
        assert_eq!(parse_amount("-1", Currency::EUR), Err(MoneyError::Negative));
        for bad in [
            "", "abc", "1,00", "1.", ".5", "1e3", "1.2.3", " ", " 1", "1 ",
        ] {
            assert_eq!(
                parse_amount(bad, Currency::EUR),
                Err(MoneyError::NotDecimal),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_amount("99999999999999999999", Currency::EUR),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            parse_amount("1000000000000000", Currency::JPY),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            parse_amount("999999999999999.99", Currency::EUR),
            Ok(99_999_999_999_999_999)
        );
    }

    proptest! {
        #[test]
        fn formatting_then_parsing_round_trips(minor in 0_i64..=999_999_999_999_999, currency in proptest::sample::select(Currency::ALL.to_vec())) {
            prop_assert_eq!(parse_amount(&format_amount(minor, currency), currency), Ok(minor));
        }
    }

    #[test]
    fn unit_prices_are_exact_to_a_millionth() {
        assert_eq!(parse_unit_price("0.0125"), Ok(12_500));
        assert_eq!(parse_unit_price("3"), Ok(3_000_000));
        assert_eq!(parse_unit_price("0.000001"), Ok(1));
        assert_eq!(
            parse_unit_price("0.0000001"),
            Err(MoneyError::TooPrecise(6))
        );
        assert_eq!(parse_unit_price("-1"), Err(MoneyError::Negative));
        assert_eq!(parse_unit_price("1."), Err(MoneyError::NotDecimal));
        assert_eq!(parse_unit_price("1234567890"), Err(MoneyError::TooLarge));
        assert_eq!(format_unit_price(12_500), "0.0125");
        assert_eq!(format_unit_price(400_000), "0.40");
        assert_eq!(format_unit_price(3_000_000), "3.00");
        for p in ["0.0125", "0.40", "3.00", "999999999.999999"] {
            assert_eq!(format_unit_price(parse_unit_price(p).unwrap()), p);
        }
    }
}
