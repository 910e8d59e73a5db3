//! What integrations hear about: the types of outbox events and the payload every webhook
//! carries. An event is written with the change's audit record, in its transaction
//! (`operations::record_change`), so it exists exactly for what was committed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The kinds of event a webhook endpoint can subscribe to. Later capabilities add theirs
/// (`subscription.*`, `invoice.*`, `quota.*`, `provisioning.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EventType {
    #[serde(rename = "tenant.created")]
    TenantCreated,
    #[serde(rename = "tenant.updated")]
    TenantUpdated,
    #[serde(rename = "tenant.suspended")]
    TenantSuspended,
    #[serde(rename = "tenant.activated")]
    TenantActivated,
    #[serde(rename = "tenant.deactivated")]
    TenantDeactivated,
    #[serde(rename = "tenant.deleted")]
    TenantDeleted,
    #[serde(rename = "user.created")]
    UserCreated,
    #[serde(rename = "user.deleted")]
    UserDeleted,
    /// Sent only to the endpoint it was asked for, by `POST /webhook-endpoints/{id}/test`.
    #[serde(rename = "webhook.test")]
    WebhookTest,
}

/// What an endpoint's `event_types` may hold besides the event names: every event.
pub const ALL_EVENTS: &str = "*";

impl EventType {
    pub const ALL: [Self; 9] = [
        Self::TenantCreated,
        Self::TenantUpdated,
        Self::TenantSuspended,
        Self::TenantActivated,
        Self::TenantDeactivated,
        Self::TenantDeleted,
        Self::UserCreated,
        Self::UserDeleted,
        Self::WebhookTest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TenantCreated => "tenant.created",
            Self::TenantUpdated => "tenant.updated",
            Self::TenantSuspended => "tenant.suspended",
            Self::TenantActivated => "tenant.activated",
            Self::TenantDeactivated => "tenant.deactivated",
            Self::TenantDeleted => "tenant.deleted",
            Self::UserCreated => "user.created",
            Self::UserDeleted => "user.deleted",
            Self::WebhookTest => "webhook.test",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The body of every webhook: `{id, type, created_at, tenant_id, data}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventPayload {
    /// `evt_...`; the same in every attempt and in the `webhook-id` header.
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub created_at: DateTime<Utc>,
    pub tenant_id: i64,
    pub data: EventData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventData {
    /// The resource as it is after the change (as it was, for a deletion).
    pub object: serde_json::Value,
    /// The changed fields' values before the change; `null` when not an update.
    pub previous_attributes: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
        }
        assert_eq!(EventType::parse(ALL_EVENTS), None);
    }
}
