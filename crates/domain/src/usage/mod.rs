//! Usage metering: meters (what is measured and how a day's events combine), the bounds an
//! event must keep to, and the day an event counts for in its tenant's time zone.

mod quota_link;
mod rollup;
pub mod table;

pub use chrono_tz::Tz;
pub use quota_link::*;
pub use rollup::*;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

string_enum!(/// How a day's events combine into the meter's value for that day.
    Aggregation {
        /// The events' values added up.
        Sum => "sum",
        /// How many events there were (their values are ignored).
        Count => "count",
        /// The highest value.
        Max => "max",
        /// How many distinct values of the meter's `property` the events carried.
        UniqueCount => "unique_count",
        /// The value of the latest event by timestamp.
        Latest => "latest",
    }
);

impl Aggregation {
    /// Whether an event must carry a `value`.
    pub fn needs_value(self) -> bool {
        matches!(self, Self::Sum | Self::Max | Self::Latest)
    }
}

string_enum!(/// How a meter's days combine over a range.
    MeterKind {
        /// Summed over a range (API requests).
        Counter => "counter",
        /// The last day's value over a range, with the range's peak (storage, devices).
        Gauge => "gauge",
    }
);

string_enum!(/// Why an event was refused.
    RejectReason {
        /// Not an event object, or a field of the wrong type.
        InvalidEvent => "invalid_event",
        /// `id` is empty or longer than 200 characters.
        InvalidId => "invalid_id",
        /// No tenant with that id or domain within the caller's reach.
        UnknownTenant => "unknown_tenant",
        UnknownMeter => "unknown_meter",
        /// The meter's aggregation needs a `value`.
        MissingValue => "missing_value",
        /// `value` is not a finite number.
        InvalidValue => "invalid_value",
        /// A unique_count meter's property is missing from `properties`.
        MissingProperty => "missing_property",
        /// More than 35 days old.
        TooOld => "too_old",
        /// More than 5 minutes ahead of the server's clock.
        InTheFuture => "in_the_future",
        /// The meter is computed by Landlord itself from its own history (microservice
        /// usage) and takes no events.
        ComputedMeter => "computed_meter",
    }
);

/// The built-in meters Landlord computes from its own history rather than from events:
/// microservice CPU (millicore-days) and memory (MB-days), recomputed per day.
pub const COMPUTED_METERS: [&str; 2] = ["microservice_cpu", "microservice_memory"];

/// How long event ids are kept as idempotency keys, and how old an event may be.
pub const RETENTION_DAYS: i64 = 35;
/// How far ahead of the server's clock an event's timestamp may be.
pub const FUTURE_TOLERANCE_MINUTES: i64 = 5;
/// The most events one batch may hold.
pub const MAX_BATCH: usize = 1000;
/// The longest event id.
pub const MAX_ID_CHARS: usize = 200;
/// The longest range of days the statistics answer at once.
pub const MAX_RANGE_DAYS: i64 = 366;
/// The range the statistics answer when none is given: the last 30 days.
pub const DEFAULT_RANGE_DAYS: i64 = 30;

/// Whether an event at `at` may still be counted at `now`.
pub fn check_timestamp(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), RejectReason> {
    if at < now - Duration::days(RETENTION_DAYS) {
        Err(RejectReason::TooOld)
    } else if at > now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
        Err(RejectReason::InTheFuture)
    } else {
        Ok(())
    }
}

/// The tenant's time zone, UTC when it has none (or an unknown one).
pub fn zone(name: Option<&str>) -> chrono_tz::Tz {
    name.and_then(|n| n.parse().ok()).unwrap_or(chrono_tz::UTC)
}

/// The calendar day `at` falls on in `zone`: a tenant's days are its own, not the server's.
pub fn day_in(zone: chrono_tz::Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_same_instant_is_a_different_day_in_berlin_and_new_york() {
        let at = Utc.with_ymd_and_hms(2026, 3, 10, 23, 30, 0).unwrap();
        let berlin = zone(Some("Europe/Berlin"));
        let new_york = zone(Some("America/New_York"));
        assert_eq!(day_in(berlin, at).to_string(), "2026-03-11");
        assert_eq!(day_in(new_york, at).to_string(), "2026-03-10");
        assert_eq!(day_in(zone(None), at).to_string(), "2026-03-10");
    }

    #[test]
    fn events_keep_within_35_days_back_and_5_minutes_ahead() {
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap();
        assert_eq!(check_timestamp(now - Duration::days(35), now), Ok(()));
        assert_eq!(
            check_timestamp(now - Duration::days(35) - Duration::seconds(1), now),
            Err(RejectReason::TooOld)
        );
        assert_eq!(check_timestamp(now + Duration::minutes(5), now), Ok(()));
        assert_eq!(
            check_timestamp(now + Duration::minutes(5) + Duration::seconds(1), now),
            Err(RejectReason::InTheFuture)
        );
    }
}
