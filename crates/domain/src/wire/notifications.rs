//! A tenant's notifications on the wire.

use crate::capability::NotificationKind;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Something a tenant is told: a quota's usage reached a threshold or its limit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: i64,
    pub kind: NotificationKind,
    pub quota: String,
    /// In percent of the limit; 100 is the limit itself.
    pub threshold: i64,
    pub used: i64,
    pub limit: i64,
    /// The usage period (a consumable quota's period start); `null` for quotas that never
    /// reset.
    pub period: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}
