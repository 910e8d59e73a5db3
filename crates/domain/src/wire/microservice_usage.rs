//! A tenant's microservice resource usage on the wire.

use crate::application::UsageCause;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A day's resources of one microservice charged to the tenant, counted at the manifest's
/// limits per instance for the time subscribed: millicore-days and MB-days (12 hours of one
/// instance limited to 2000 millicores and 2048 MB is 1000 and 1024).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MicroserviceUsageRow {
    /// The day, in the tenant's time zone.
    pub date: NaiveDate,
    /// The microservice's key.
    pub application: String,
    pub cpu_millicores: f64,
    pub memory_mb: f64,
    /// Why the tenant is charged: it owns the microservice, or subscribed to it.
    pub cause: UsageCause,
}

/// A tenant's microservice usage from `from` to `to` (inclusive days in its time zone): one
/// row per day, microservice and cause where anything was used, by day then key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MicroserviceUsage {
    pub tenant_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<MicroserviceUsageRow>,
}
