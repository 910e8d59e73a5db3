//! Proration: a price scaled by a fraction of a period, exact to the second.

/// `amount × numerator / denominator`, rounded to the minor unit half away from zero, computed
/// in 128-bit integers so nothing overflows or drifts. `denominator` must be positive; a
/// numerator above it is allowed (it scales up).
///
/// Example: 1000 × 15/30 = 500; 1000 × 1/3 = 333; 1000 × 2/3 = 667; −1000 × 1/2 = −500;
/// 5 × 1/2 = 3 (2.5 rounds away from zero).
pub fn prorate(amount: i64, numerator: i64, denominator: i64) -> i64 {
    let _ = (amount, numerator, denominator);
    todo!()
}
