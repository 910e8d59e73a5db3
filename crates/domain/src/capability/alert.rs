//! Threshold alerts: a quota's usage reaching a percentage of its limit. Each threshold
//! fires once per period (the store keeps the key); this says which are reached.

use serde::{Deserialize, Serialize};

/// The thresholds of a quota that was given none, in percent of the limit: 100 is the limit
/// itself.
pub const DEFAULT_THRESHOLDS: [i64; 2] = [80, 100];

/// The most thresholds one quota has.
pub const MAX_THRESHOLDS: usize = 10;

/// The highest threshold: ten times the limit (a soft limit's overage can be watched too).
pub const MAX_THRESHOLD: i64 = 1000;

/// Why a quota's thresholds were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThresholdsError {
    #[error("at most {MAX_THRESHOLDS} thresholds")]
    TooMany,
    #[error("each threshold is a percentage of the limit from 1 to {MAX_THRESHOLD}")]
    OutOfRange,
    #[error("a threshold is given twice")]
    Repeated,
}

/// A quota's thresholds as given: ascending once checked. None at all switches its alerts
/// off.
pub fn check_thresholds(given: &[i64]) -> Result<Vec<i64>, ThresholdsError> {
    if given.len() > MAX_THRESHOLDS {
        return Err(ThresholdsError::TooMany);
    }
    if given.iter().any(|t| !(1..=MAX_THRESHOLD).contains(t)) {
        return Err(ThresholdsError::OutOfRange);
    }
    let mut sorted = given.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != given.len() {
        return Err(ThresholdsError::Repeated);
    }
    Ok(sorted)
}

/// Thresholds as stored: `80,100` (empty: none).
pub fn thresholds_text(thresholds: &[i64]) -> String {
    thresholds
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Stored thresholds read back; `None` if the text is not what [`thresholds_text`] writes.
pub fn parse_thresholds_text(text: &str) -> Option<Vec<i64>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    let values = text
        .split(',')
        .map(|t| t.parse().ok())
        .collect::<Option<Vec<i64>>>()?;
    check_thresholds(&values).ok()
}

string_enum!(/// What a tenant is notified of.
    NotificationKind {
        /// Usage reached a threshold below the limit.
        QuotaThresholdReached => "quota.threshold_reached",
        /// Usage reached the limit (a soft limit's overage begins beyond it).
        QuotaExceeded => "quota.exceeded",
    }
);

impl NotificationKind {
    pub fn of_threshold(threshold: i64) -> Self {
        if threshold >= 100 {
            Self::QuotaExceeded
        } else {
            Self::QuotaThresholdReached
        }
    }
}

/// The thresholds `used` has reached under `limit`: none when unlimited or when nothing is
/// used; with a limit of 0 any usage reaches them all.
pub fn reached(thresholds: &[i64], used: i64, limit: i64) -> Vec<i64> {
    if limit < 0 || used <= 0 {
        return Vec::new();
    }
    thresholds
        .iter()
        .copied()
        .filter(|t| i128::from(used) * 100 >= i128::from(*t) * i128::from(limit))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_reached_at_their_share_of_the_limit() {
        assert_eq!(reached(&DEFAULT_THRESHOLDS, 7, 10), Vec::<i64>::new());
        assert_eq!(reached(&DEFAULT_THRESHOLDS, 8, 10), [80]);
        assert_eq!(reached(&DEFAULT_THRESHOLDS, 10, 10), [80, 100]);
        assert_eq!(reached(&DEFAULT_THRESHOLDS, 12, 10), [80, 100]);
        assert_eq!(reached(&DEFAULT_THRESHOLDS, 5, -1), Vec::<i64>::new());
        assert_eq!(reached(&DEFAULT_THRESHOLDS, 1, 0), [80, 100]);
        assert_eq!(reached(&DEFAULT_THRESHOLDS, 0, 0), Vec::<i64>::new());
        assert_eq!(
            NotificationKind::of_threshold(100),
            NotificationKind::QuotaExceeded
        );
        // Beyond the limit: a soft quota's overage.
        assert_eq!(reached(&[50, 150], 15, 10), [50, 150]);
        assert_eq!(
            NotificationKind::of_threshold(150),
            NotificationKind::QuotaExceeded
        );
    }

    #[test]
    fn thresholds_are_distinct_percentages_kept_ascending() {
        assert_eq!(check_thresholds(&[100, 50, 90]), Ok(vec![50, 90, 100]));
        assert_eq!(check_thresholds(&[]), Ok(vec![]));
        assert_eq!(check_thresholds(&[0]), Err(ThresholdsError::OutOfRange));
        assert_eq!(check_thresholds(&[1001]), Err(ThresholdsError::OutOfRange));
        assert_eq!(check_thresholds(&[80, 80]), Err(ThresholdsError::Repeated));
        assert_eq!(
            check_thresholds(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
            Err(ThresholdsError::TooMany)
        );
    }

    #[test]
    fn stored_thresholds_read_back_as_written() {
        for thresholds in [vec![], vec![80, 100], vec![25, 50, 75, 100, 150]] {
            let text = thresholds_text(&thresholds);
            assert_eq!(parse_thresholds_text(&text), Some(thresholds));
        }
        assert_eq!(parse_thresholds_text("80,x"), None);
        assert_eq!(parse_thresholds_text("100,80"), Some(vec![80, 100]));
    }
}
