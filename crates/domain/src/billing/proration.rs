//! Proration: a price scaled by a fraction of a period, exact to the second.

/// `amount × numerator / denominator`, rounded to the minor unit half away from zero, computed
/// in 128-bit integers so nothing overflows or drifts. `denominator` must be positive; a
/// numerator above it is allowed (it scales up). (Defensively, a zero denominator answers 0 and
/// a result beyond `i64` saturates, rather than panicking.)
///
/// Example: 1000 × 15/30 = 500; 1000 × 1/3 = 333; 1000 × 2/3 = 667; −1000 × 1/2 = −500;
/// 5 × 1/2 = 3 (2.5 rounds away from zero).
pub fn prorate(amount: i64, numerator: i64, denominator: i64) -> i64 {
    if denominator == 0 {
        return 0;
    }
    let mut product = i128::from(amount) * i128::from(numerator);
    let mut denominator = i128::from(denominator);
    if denominator < 0 {
        product = -product;
        denominator = -denominator;
    }
    let quotient = product / denominator;
    let remainder = product % denominator; // same sign as the product
    let rounded = if 2 * remainder.abs() >= denominator {
        quotient + product.signum()
    } else {
        quotient
    };
    i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_documented_examples_hold() {
        assert_eq!(prorate(1000, 15, 30), 500);
        assert_eq!(prorate(1000, 1, 3), 333);
        assert_eq!(prorate(1000, 2, 3), 667);
        assert_eq!(prorate(-1000, 1, 2), -500);
        assert_eq!(prorate(5, 1, 2), 3);
    }

    #[test]
    fn halves_round_away_from_zero_on_both_sides() {
        assert_eq!(prorate(5, 1, 2), 3);
        assert_eq!(prorate(-5, 1, 2), -3);
        assert_eq!(prorate(1, 1, 2), 1);
        assert_eq!(prorate(-1, 1, 2), -1);
        assert_eq!(prorate(15, 1, 10), 2);
        assert_eq!(prorate(-15, 1, 10), -2);
        assert_eq!(prorate(14, 1, 10), 1);
        assert_eq!(prorate(-14, 1, 10), -1);
    }

    #[test]
    fn unused_days_of_a_month_are_prorated_to_the_second() {
        let day = 86_400;
        // $10.00 with 16 of 31 days left: 5.1612… → 5.16.
        assert_eq!(prorate(1000, 16 * day, 31 * day), 516);
        // $20.00 and $30.00 with 15 of 30 days left.
        assert_eq!(prorate(2000, 15 * day, 30 * day), 1000);
        assert_eq!(prorate(3000, 15 * day, 30 * day), 1500);
    }

    #[test]
    fn a_numerator_above_the_denominator_scales_up() {
        assert_eq!(prorate(1000, 3, 2), 1500);
        assert_eq!(prorate(1000, 31, 30), 1033);
    }

    #[test]
    fn extremes_neither_overflow_nor_panic() {
        assert_eq!(prorate(i64::MAX, i64::MAX, i64::MAX), i64::MAX);
        assert_eq!(prorate(i64::MIN, 1, 1), i64::MIN);
        assert_eq!(prorate(i64::MAX, 2, 1), i64::MAX);
        assert_eq!(prorate(i64::MIN, 2, 1), i64::MIN);
        assert_eq!(prorate(i64::MAX, 1, 2), i64::MAX / 2 + 1);
        assert_eq!(prorate(1000, 1, 0), 0);
        assert_eq!(prorate(1000, 1, -2), -500);
    }

    proptest! {
        #[test]
        fn a_fraction_of_a_period_is_never_more_than_the_whole(
            amount in any::<i64>(),
            (numerator, denominator) in (1_i64..=i64::MAX).prop_flat_map(|d| (0..=d, Just(d))),
        ) {
            prop_assert!(prorate(amount, numerator, denominator).unsigned_abs() <= amount.unsigned_abs());
        }

        #[test]
        fn the_whole_period_is_the_amount_and_none_of_it_is_zero(
            amount in any::<i64>(),
            denominator in 1_i64..=i64::MAX,
        ) {
            prop_assert_eq!(prorate(amount, denominator, denominator), amount);
            prop_assert_eq!(prorate(amount, 0, denominator), 0);
        }

        #[test]
        fn a_credit_and_a_charge_of_the_same_price_cancel_out(
            amount in any::<i64>().prop_filter("negatable", |a| *a != i64::MIN),
            (numerator, denominator) in (1_i64..=10_000_000_000).prop_flat_map(|d| (0..=d, Just(d))),
        ) {
            prop_assert_eq!(
                prorate(-amount, numerator, denominator) + prorate(amount, numerator, denominator),
                0
            );
        }

        #[test]
        fn the_result_is_the_nearest_minor_unit(
            amount in -1_000_000_000_i64..1_000_000_000,
            (numerator, denominator) in (1_i64..=100_000_000).prop_flat_map(|d| (0..=2 * d, Just(d))),
        ) {
            let exact = i128::from(amount) * i128::from(numerator);
            let result = i128::from(prorate(amount, numerator, denominator));
            let d = i128::from(denominator);
            // |result × d − exact| ≤ d / 2: within half a minor unit of the exact value.
            prop_assert!(2 * (result * d - exact).abs() <= d);
        }
    }
}
