//! Monthly recurring revenue: what the active subscriptions bring in per month, each price
//! normalised to a month as a twelfth of its year, summed exactly and rounded once.

use super::BillingCycle;

/// Subscriptions counted per price and cycle: `(price in minor units, cycle, how many)`.
pub type RecurringGroup = (i64, BillingCycle, i64);

/// The monthly recurring revenue of `groups`, in minor units: the year's worth of every
/// group (`price × periods per year × count`), divided by 12 once, half away from zero, so
/// a yearly 100.00 and eleven more add up to 100.00 a month rather than drifting a cent per
/// subscription.
pub fn monthly_recurring(groups: impl IntoIterator<Item = RecurringGroup>) -> i64 {
    let yearly: i128 = groups
        .into_iter()
        .map(|(price, cycle, count)| {
            i128::from(price) * i128::from(cycle.periods_per_year()) * i128::from(count)
        })
        .sum();
    let sign = yearly.signum();
    let monthly = (yearly.abs() + 6) / 12 * sign;
    i64::try_from(monthly).unwrap_or(if sign < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use BillingCycle::{Monthly, Quarterly, Yearly};
    use proptest::prelude::*;

    #[test]
    fn each_cycle_counts_a_twelfth_of_its_year() {
        assert_eq!(monthly_recurring([(1_900, Monthly, 3)]), 5_700);
        assert_eq!(monthly_recurring([(5_400, Quarterly, 1)]), 1_800);
        assert_eq!(monthly_recurring([(19_000, Yearly, 1)]), 1_583); // 1583.33…
        assert_eq!(monthly_recurring([(10_000, Yearly, 12)]), 10_000);
        assert_eq!(monthly_recurring([]), 0);
    }

    #[test]
    fn rounding_happens_once_over_the_sum() {
        // Each yearly 1.00 is 8.33… cents a month; six of them are 50 cents, not 6 × 8.
        assert_eq!(monthly_recurring([(100, Yearly, 6)]), 50);
        assert_eq!(monthly_recurring([(100, Yearly, 1)]), 8);
        assert_eq!(
            monthly_recurring([(6, Yearly, 1)]),
            1,
            "half rounds away from zero"
        );
    }

    proptest! {
        #[test]
        fn monthly_groups_sum_exactly(
            groups in proptest::collection::vec((0_i64..10_000_000, 0_i64..10_000), 0..20)
        ) {
            let expected: i64 = groups.iter().map(|(p, n)| p * n).sum();
            let monthly = groups.iter().map(|&(p, n)| (p, Monthly, n));
            prop_assert_eq!(monthly_recurring(monthly), expected);
        }

        #[test]
        fn the_answer_is_within_half_a_unit_of_the_exact_twelfth(
            groups in proptest::collection::vec((0_i64..10_000_000, 0_usize..3, 0_i64..10_000), 0..20)
        ) {
            let groups: Vec<RecurringGroup> = groups
                .into_iter()
                .map(|(p, c, n)| (p, BillingCycle::ALL[c], n))
                .collect();
            let yearly: i128 = groups
                .iter()
                .map(|&(p, c, n)| i128::from(p) * i128::from(c.periods_per_year()) * i128::from(n))
                .sum();
            let monthly = i128::from(monthly_recurring(groups));
            prop_assert!((monthly * 12 - yearly).abs() <= 6);
        }
    }
}
