//! When a billing run may be dated.
//!
//! A run bills, as of its moment, every period that has begun by then. Dating it far ahead
//! would invoice customers for years that have not happened (and a run dated the year 7000
//! would spend minutes issuing them), so a run may look ahead at most `MAX_DAYS_AHEAD`: enough
//! to rehearse a renewal, a collection retry or a dunning step, never a decade.

use chrono::{Duration, NaiveDateTime};

/// How many days after now a billing run may be dated.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// Why a run's date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a billing run may be dated at most {MAX_DAYS_AHEAD} days after now")]
pub struct TooFarAhead;

/// Accepts `at` when it is no later than `MAX_DAYS_AHEAD` days after `now`.
pub fn check_run_date(at: NaiveDateTime, now: NaiveDateTime) -> Result<(), TooFarAhead> {
    match now.checked_add_signed(Duration::days(MAX_DAYS_AHEAD)) {
        Some(limit) if at > limit => Err(TooFarAhead),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    }

    #[test]
    fn past_present_and_the_coming_year_are_accepted() {
        let now = day(2026, 12, 2);
        assert_eq!(check_run_date(day(2020, 1, 1), now), Ok(()));
        assert_eq!(check_run_date(now, now), Ok(()));
        assert_eq!(
            check_run_date(now + Duration::days(MAX_DAYS_AHEAD), now),
            Ok(())
        );
    }

    #[test]
    fn a_run_dated_beyond_the_horizon_is_refused() {
        let now = day(2026, 12, 2);
        let beyond = now + Duration::days(MAX_DAYS_AHEAD) + Duration::seconds(1);
        assert_eq!(check_run_date(beyond, now), Err(TooFarAhead));
        assert_eq!(check_run_date(day(7310, 8, 2), now), Err(TooFarAhead));
    }
}
