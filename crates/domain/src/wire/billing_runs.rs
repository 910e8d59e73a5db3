//! Billing runs and dunning policies on the wire.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Run billing, collection retries and dunning as of `at` (default now).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BillingRunRequest {
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
}

/// What one billing run did.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillingRunView {
    pub id: i64,
    /// The moment billed as of.
    pub at: DateTime<Utc>,
    /// `schedule`, `api` or `cli`.
    pub triggered_by: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Periods renewed, trials ended, scheduled changes and cancellations applied.
    pub periods_billed: i64,
    pub invoices_created: i64,
    pub collections_attempted: i64,
    pub dunning_transitions: i64,
}
