//! Payment cards as Landlord keeps them (brand, last four digits, expiry; never the number),
//! and the sandbox provider's rule for the outcome of a charge, like Stripe's test cards.

use serde::{Deserialize, Serialize};

string_enum!(/// A card's brand, from its number's prefix.
    CardBrand { Visa => "visa", Mastercard => "mastercard", Amex => "amex", Discover => "discover", Unknown => "unknown" }
);

impl CardBrand {
    /// The brand a card number's prefix names (digits only): 4 Visa; 51–55 and 2221–2720
    /// Mastercard; 34/37 Amex; 6011/65 Discover; anything else unknown.
    pub fn from_digits(digits: &str) -> Self {
        let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
        if digits.starts_with('4') {
            Self::Visa
        } else if prefix(2).is_some_and(|p| (51..=55).contains(&p))
            || prefix(4).is_some_and(|p| (2221..=2720).contains(&p))
        {
            Self::Mastercard
        } else if matches!(prefix(2), Some(34 | 37)) {
            Self::Amex
        } else if prefix(4) == Some(6011) || prefix(2) == Some(65) {
            Self::Discover
        } else {
            Self::Unknown
        }
    }
}

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
        let digits: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if !(12..=19).contains(&digits.len()) || !luhn_valid(&digits) {
            return Err(CardError::InvalidNumber);
        }
        if !(1..=12).contains(&exp_month) {
            return Err(CardError::InvalidMonth);
        }
        let card = Self {
            brand: CardBrand::from_digits(&digits),
            last4: digits[digits.len() - 4..].to_owned(),
            exp_month,
            exp_year,
        };
        if card.expired_by(today_year, today_month) {
            return Err(CardError::Expired);
        }
        let outcome = sandbox_outcome(&digits);
        Ok((card, outcome))
    }

    /// Whether the card has expired by the given month: a card is valid through the end of its
    /// expiry month, so it has expired only once that month is past.
    pub fn expired_by(&self, year: i32, month: u32) -> bool {
        (self.exp_year, self.exp_month) < (year, month)
    }
}

/// The sandbox outcome for a card number (digits only): `4000000000000002` is declined
/// (`card_declined`), `4000000000009995` is declined (`insufficient_funds`), every other valid
/// number succeeds.
pub fn sandbox_outcome(digits: &str) -> CollectionOutcome {
    match digits {
        "4000000000000002" => CollectionOutcome::Declined("card_declined"),
        "4000000000009995" => CollectionOutcome::Declined("insufficient_funds"),
        _ => CollectionOutcome::Succeeded,
    }
}

/// Whether `digits` (ASCII digits only, at least one) pass the Luhn check: from the right,
/// every second digit doubled (less 9 above 9), the sum a multiple of 10.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .map(|b| u32::from(b - b'0'))
        .enumerate()
        .map(|(i, d)| match (i % 2 == 1, d * 2) {
            (true, doubled) if doubled > 9 => doubled - 9,
            (true, doubled) => doubled,
            (false, _) => d,
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Parses with "today" in May 2026 and an expiry well ahead.
    fn parse(number: &str) -> Result<(Card, CollectionOutcome), CardError> {
        Card::parse(number, 12, 2030, 2026, 5)
    }

    /// `body` with the Luhn check digit appended.
    fn with_check_digit(body: &str) -> String {
        (0..10)
            .map(|d| format!("{body}{d}"))
            .find(|n| luhn_valid(n))
            .unwrap()
    }

    #[test]
    fn the_visa_test_card_succeeds_and_keeps_only_brand_last4_and_expiry() {
        let (card, outcome) = parse("4242 4242 4242 4242").unwrap();
        assert_eq!(
            card,
            Card {
                brand: CardBrand::Visa,
                last4: "4242".into(),
                exp_month: 12,
                exp_year: 2030
            }
        );
        assert_eq!(outcome, CollectionOutcome::Succeeded);
        assert_eq!(parse("4242-4242-4242-4242").unwrap().0, card);
        assert_eq!(parse("4242424242424242").unwrap().0, card);
    }

    #[test]
    fn the_decline_test_cards_are_declined_with_their_codes() {
        assert_eq!(
            parse("4000 0000 0000 0002").unwrap().1,
            CollectionOutcome::Declined("card_declined")
        );
        assert_eq!(
            parse("4000000000009995").unwrap().1,
            CollectionOutcome::Declined("insufficient_funds")
        );
        assert_eq!(
            sandbox_outcome("4000000000000002"),
            CollectionOutcome::Declined("card_declined")
        );
        assert_eq!(
            sandbox_outcome("5555555555554444"),
            CollectionOutcome::Succeeded
        );
    }

    #[test]
    fn brands_come_from_the_prefix() {
        let brand = |number: &str| parse(number).unwrap().0.brand;
        assert_eq!(brand("4242424242424242"), CardBrand::Visa);
        assert_eq!(brand("4111 1111 1111 1111"), CardBrand::Visa);
        assert_eq!(brand("5555555555554444"), CardBrand::Mastercard);
        assert_eq!(brand("5105105105105100"), CardBrand::Mastercard);
        assert_eq!(brand("2223003122003222"), CardBrand::Mastercard);
        assert_eq!(brand("378282246310005"), CardBrand::Amex);
        assert_eq!(brand("371449635398431"), CardBrand::Amex);
        assert_eq!(brand("6011111111111117"), CardBrand::Discover);
        assert_eq!(
            brand(&with_check_digit("650000000000000")),
            CardBrand::Discover
        );
        assert_eq!(brand("3566002020360505"), CardBrand::Unknown); // JCB
        assert_eq!(brand("36227206271667"), CardBrand::Unknown); // Diners

        // The Mastercard 2-series range is 2221–2720 inclusive.
        assert_eq!(
            CardBrand::from_digits("2221000000000009"),
            CardBrand::Mastercard
        );
        assert_eq!(
            CardBrand::from_digits("2720990000000000"),
            CardBrand::Mastercard
        );
        assert_eq!(
            CardBrand::from_digits("2220990000000000"),
            CardBrand::Unknown
        );
        assert_eq!(
            CardBrand::from_digits("2721000000000000"),
            CardBrand::Unknown
        );
        assert_eq!(
            CardBrand::from_digits("5000000000000000"),
            CardBrand::Unknown
        );
        assert_eq!(
            CardBrand::from_digits("5600000000000000"),
            CardBrand::Unknown
        );
        assert_eq!(
            CardBrand::from_digits("6012000000000000"),
            CardBrand::Unknown
        );
        assert_eq!(CardBrand::from_digits(""), CardBrand::Unknown);
    }

    #[test]
    fn numbers_failing_luhn_or_of_the_wrong_length_or_characters_are_refused() {
        for bad in [
            "4242 4242 4242 4241",
            "4242424242424243",
            "",
            "42424242424",          // 11 digits
            "42424242424242424242", // 20 digits
            "4242 4242 4242 424a",
            "4242.4242.4242.4242",
            "４２４２４２４２４２４２４２４２",
            "+4242424242424242",
        ] {
            assert_eq!(parse(bad), Err(CardError::InvalidNumber), "{bad:?}");
        }
        // 12 and 19 digits are the bounds.
        assert!(parse(&with_check_digit("42424242424")).is_ok());
        assert!(parse(&with_check_digit("424242424242424242")).is_ok());
    }

    #[test]
    fn luhn_is_checked_from_the_right() {
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert!(luhn_valid("0"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("4242 4242 4242 4242"));
    }

    #[test]
    fn a_card_is_valid_through_the_end_of_its_expiry_month() {
        let number = "4242424242424242";
        // Today is May 2026.
        assert!(Card::parse(number, 5, 2026, 2026, 5).is_ok());
        assert!(Card::parse(number, 6, 2026, 2026, 5).is_ok());
        assert!(Card::parse(number, 1, 2027, 2026, 5).is_ok());
        assert_eq!(
            Card::parse(number, 4, 2026, 2026, 5),
            Err(CardError::Expired)
        );
        assert_eq!(
            Card::parse(number, 12, 2025, 2026, 5),
            Err(CardError::Expired)
        );
        let (card, _) = Card::parse(number, 5, 2026, 2026, 5).unwrap();
        assert!(!card.expired_by(2026, 5));
        assert!(card.expired_by(2026, 6));
        assert!(card.expired_by(2027, 1));
    }

    #[test]
    fn expiry_months_outside_1_to_12_are_refused() {
        assert_eq!(
            Card::parse("4242424242424242", 0, 2030, 2026, 5),
            Err(CardError::InvalidMonth)
        );
        assert_eq!(
            Card::parse("4242424242424242", 13, 2030, 2026, 5),
            Err(CardError::InvalidMonth)
        );
        assert!(Card::parse("4242424242424242", 1, 2030, 2026, 5).is_ok());
        assert!(Card::parse("4242424242424242", 12, 2030, 2026, 5).is_ok());
    }

    #[test]
    fn the_number_is_checked_before_the_month_and_the_month_before_expiry() {
        assert_eq!(
            Card::parse("1234", 13, 2000, 2026, 5),
            Err(CardError::InvalidNumber)
        );
        assert_eq!(
            Card::parse("4242424242424242", 13, 2000, 2026, 5),
            Err(CardError::InvalidMonth)
        );
    }

    #[test]
    fn brands_parse_from_their_wire_names() {
        for brand in CardBrand::ALL {
            assert_eq!(CardBrand::parse(brand.as_str()), Some(brand));
        }
    }

    proptest! {
        #[test]
        fn a_number_with_its_check_digit_parses_and_keeps_its_last_four(body in "[0-9]{11,18}") {
            let number = with_check_digit(&body);
            let (card, _) = parse(&number).unwrap();
            prop_assert_eq!(card.last4, &number[number.len() - 4..]);
            prop_assert_eq!(card.brand, CardBrand::from_digits(&number));
        }

        #[test]
        fn changing_any_one_digit_breaks_the_luhn_check(
            body in "[0-9]{11,18}",
            position in any::<prop::sample::Index>(),
            delta in 1_u8..10,
        ) {
            let number = with_check_digit(&body);
            let mut bytes = number.into_bytes();
            let i = position.index(bytes.len());
            bytes[i] = b'0' + (bytes[i] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(!luhn_valid(&changed));
        }

        #[test]
        fn parsing_any_input_never_panics(
            number in "\\PC{0,25}",
            month in 0_u32..20,
            year in 1990_i32..2100,
        ) {
            let _ = Card::parse(&number, month, year, 2026, 5);
        }

        #[test]
        fn spaces_and_dashes_do_not_change_the_card(body in "[0-9]{15}") {
            let number = with_check_digit(&body);
            let spaced: String = number
                .chars()
                .enumerate()
                .flat_map(|(i, c)| (i > 0 && i % 4 == 0).then_some(if i % 8 == 0 { '-' } else { ' ' }).into_iter().chain([c]))
                .collect();
            prop_assert_eq!(parse(&spaced), parse(&number));
        }
    }
}
