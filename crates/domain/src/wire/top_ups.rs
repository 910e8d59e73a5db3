//! Quota top-ups and leases on the wire.

use super::common::FieldErrors;
use crate::capability::{DEFAULT_LEASE_TTL, MAX_AMOUNT, MAX_LEASE_TTL};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Grant a one-off extra amount on a tenant's quota, optionally expiring.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"amount": 500, "expires_at": "2027-01-01T00:00:00Z"})))]
pub struct CreateTopUpRequest {
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 1, maximum = 1_000_000_000_000_000_i64)
    )]
    pub amount: i64,
    /// RFC 3339; must be in the future. Without it the top-up never expires.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

impl CreateTopUpRequest {
    /// The amount, checked (the expiry is checked against the server's clock).
    pub fn parse(&self) -> Result<(i64, Option<DateTime<Utc>>), FieldErrors> {
        let mut e = FieldErrors::default();
        if !(1..=MAX_AMOUNT).contains(&self.amount) {
            e.push(
                "amount",
                "out_of_range",
                format!("must be from 1 to {MAX_AMOUNT}"),
            );
        }
        e.into_result()?;
        Ok((self.amount, self.expires_at))
    }
}

/// A top-up of a tenant's quota.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopUpView {
    pub id: i64,
    pub amount: i64,
    /// What is left of it: usage draws on the plan amount first, then on the top-ups, the
    /// earliest expiry first. `null` once it no longer counts (expired, revoked, or granted
    /// in an earlier period of a consumable quota).
    pub remaining: Option<i64>,
    /// `null`: never expires.
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Acquire a lease on a concurrent quota.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcquireLeaseRequest {
    /// Default 1.
    #[serde(default, deserialize_with = "super::common::integer::optional")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 1, maximum = 1_000_000_000_000_000_i64)
    )]
    pub amount: Option<i64>,
    /// How long the lease holds unless renewed; default 60, at most 3600.
    #[serde(default, deserialize_with = "super::common::integer::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 3600))]
    pub ttl_seconds: Option<i64>,
}

fn check_ttl(e: &mut FieldErrors, ttl: Option<i64>) -> i64 {
    let ttl = ttl.unwrap_or(DEFAULT_LEASE_TTL);
    if !(1..=MAX_LEASE_TTL).contains(&ttl) {
        e.push(
            "ttl_seconds",
            "out_of_range",
            format!("must be from 1 to {MAX_LEASE_TTL}"),
        );
    }
    ttl
}

impl AcquireLeaseRequest {
    /// The amount and the time to live in seconds, with their defaults.
    pub fn parse(&self) -> Result<(i64, i64), FieldErrors> {
        let mut e = FieldErrors::default();
        let amount = self.amount.unwrap_or(1);
        if !(1..=MAX_AMOUNT).contains(&amount) {
            e.push(
                "amount",
                "out_of_range",
                format!("must be from 1 to {MAX_AMOUNT}"),
            );
        }
        let ttl = check_ttl(&mut e, self.ttl_seconds);
        e.into_result()?;
        Ok((amount, ttl))
    }
}

/// Extend a lease from now.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RenewLeaseRequest {
    /// Default 60, at most 3600.
    #[serde(default, deserialize_with = "super::common::integer::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 3600))]
    pub ttl_seconds: Option<i64>,
}

impl RenewLeaseRequest {
    pub fn parse(&self) -> Result<i64, FieldErrors> {
        let mut e = FieldErrors::default();
        let ttl = check_ttl(&mut e, self.ttl_seconds);
        e.into_result()?;
        Ok(ttl)
    }
}

/// A lease on a concurrent quota, and the quota's usage with it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaseView {
    pub id: i64,
    pub amount: i64,
    pub expires_at: DateTime<Utc>,
    /// The sum of the quota's live leases.
    pub used: i64,
    /// `-1` is unlimited.
    pub limit: i64,
    /// `null` when unlimited.
    pub remaining: Option<i64>,
}
