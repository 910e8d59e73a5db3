use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One audit-log record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryView {
    pub id: i64,
    /// The tenant whose log holds this record.
    pub tenant_id: i64,
    pub occurred_at: DateTime<Utc>,
    /// e.g. `tenant.suspended`, `auth.login_failed`.
    pub action: String,
    /// `success` or `failure`.
    pub outcome: String,
    pub actor_user_id: Option<i64>,
    pub actor_username: Option<String>,
    pub actor_tenant_id: Option<i64>,
    /// What was acted on: `tenant`, `user` or `session`.
    pub target_type: String,
    pub target_id: Option<String>,
    pub request_id: Option<String>,
    /// Action-specific details, e.g. `{"before": {...}, "after": {...}}` for updates.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub details: serde_json::Value,
}
