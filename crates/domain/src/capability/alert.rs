//! Threshold alerts: a quota's usage reaching a percentage of its limit. Each threshold
//! fires once per period (the store keeps the key); this says which are reached.

use serde::{Deserialize, Serialize};

/// The thresholds of every quota, in percent of the limit: 100 is the limit itself.
pub const DEFAULT_THRESHOLDS: [i64; 2] = [80, 100];

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
    }
}
