//! Support-user access (seed 003): a tenant's users let the management tenant's support
//! users sign in to it for a while, and the platform can switch the whole thing off.
//!
//! The status the management tenant sees per subtenant is *Enabled* only when support
//! access is on at platform level **and** at least one of the tenant's grants is active
//! (neither revoked nor expired); otherwise *Disabled*.

use crate::wire::SupportAccessView;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long a grant lasts when the request names no expiry.
pub const DEFAULT_GRANT_HOURS: i64 = 24;

string_enum!(/// Whether support users may currently sign in to a tenant.
    SupportAccessStatus { Enabled => "enabled", Disabled => "disabled" }
);

/// When a grant made at `now` ends: `requested` when the request named one (`Some(None)` is
/// "no limit"), else [`DEFAULT_GRANT_HOURS`] from now.
pub fn grant_expiry(
    requested: Option<Option<DateTime<Utc>>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match requested {
        Some(expiry) => expiry,
        None => Some(now + Duration::hours(DEFAULT_GRANT_HOURS)),
    }
}

/// The support-access view of a tenant whose active grants expire at `expiries` (`None`:
/// no limit), with support access switched `platform_enabled`. The expiry shown is the
/// latest one (no limit if any grant has none).
pub fn view(platform_enabled: bool, expiries: &[Option<DateTime<Utc>>]) -> SupportAccessView {
    let status = if platform_enabled && !expiries.is_empty() {
        SupportAccessStatus::Enabled
    } else {
        SupportAccessStatus::Disabled
    };
    let expires_at = if expiries.iter().any(Option::is_none) {
        None
    } else {
        expiries.iter().flatten().max().copied()
    };
    SupportAccessView {
        status,
        active_requests: expiries.len() as i64,
        expires_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, h, 0, 0).unwrap()
    }

    #[test]
    fn a_grant_lasts_a_day_unless_told_otherwise() {
        assert_eq!(grant_expiry(None, at(1)), Some(at(1) + Duration::hours(24)));
        assert_eq!(grant_expiry(Some(None), at(1)), None);
        assert_eq!(grant_expiry(Some(Some(at(5))), at(1)), Some(at(5)));
    }

    #[test]
    fn enabled_needs_the_platform_switch_and_an_active_grant() {
        assert_eq!(
            view(true, &[Some(at(3))]).status,
            SupportAccessStatus::Enabled
        );
        assert_eq!(
            view(false, &[Some(at(3))]).status,
            SupportAccessStatus::Disabled
        );
        assert_eq!(view(true, &[]).status, SupportAccessStatus::Disabled);
    }

    #[test]
    fn the_latest_expiry_shows_and_no_limit_wins() {
        let v = view(true, &[Some(at(3)), Some(at(7))]);
        assert_eq!((v.active_requests, v.expires_at), (2, Some(at(7))));
        assert_eq!(view(true, &[Some(at(3)), None]).expires_at, None);
        assert_eq!(view(true, &[]).expires_at, None);
    }
}
