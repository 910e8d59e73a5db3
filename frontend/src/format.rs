//! How dates and other values read on screen.

use chrono::{DateTime, NaiveDate, Utc};

/// `2025-03-07`
pub fn date(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// `2025-03-07 14:05 UTC`
pub fn date_time(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `2025-03-07 14:05:09`
pub fn timestamp(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The start of a `YYYY-MM-DD` day (UTC) as RFC 3339.
pub fn day_start(day: &str) -> Option<String> {
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().to_rfc3339())
}

/// The start of the day after a `YYYY-MM-DD` day (UTC), so the day itself is included.
pub fn day_end(day: &str) -> Option<String> {
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()?
        .succ_opt()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().to_rfc3339())
}

/// "1 customer", "3 customers"
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
