//! Top-ups: one-off extra amounts on a quota's limit. Usage draws on the plan amount (the
//! base limit) first, then on the top-ups in the order given (the earliest expiry first).

use super::UNLIMITED;

/// The limit with the top-ups on it; an unlimited base stays unlimited.
pub fn topped_up_limit(base: i64, top_ups: impl IntoIterator<Item = i64>) -> i64 {
    if base == UNLIMITED {
        UNLIMITED
    } else {
        top_ups
            .into_iter()
            .fold(base, |limit, amount| limit.saturating_add(amount))
    }
}

/// What each top-up has left once `used` is drawn on `base` first and then on the top-ups
/// in order (amounts as given). Usage above the base limit that is beyond every top-up (a
/// soft limit's overage) leaves each at 0.
pub fn top_ups_remaining(base: i64, used: i64, amounts: &[i64]) -> Vec<i64> {
    let mut beyond = (used - base.max(0)).max(0);
    amounts
        .iter()
        .map(|&amount| {
            let drawn = beyond.min(amount);
            beyond -= drawn;
            amount - drawn
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_draws_on_the_plan_amount_then_each_top_up_in_order() {
        assert_eq!(topped_up_limit(10, [5, 3]), 18);
        assert_eq!(topped_up_limit(UNLIMITED, [5]), UNLIMITED);
        assert_eq!(top_ups_remaining(10, 4, &[5, 3]), [5, 3]);
        assert_eq!(top_ups_remaining(10, 12, &[5, 3]), [3, 3]);
        assert_eq!(top_ups_remaining(10, 16, &[5, 3]), [0, 2]);
        assert_eq!(top_ups_remaining(10, 30, &[5, 3]), [0, 0]);
    }
}
