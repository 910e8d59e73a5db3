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
    #[serde(rename = "plan.created")]
    PlanCreated,
    #[serde(rename = "plan.updated")]
    PlanUpdated,
    #[serde(rename = "plan.archived")]
    PlanArchived,
    #[serde(rename = "subscription.created")]
    SubscriptionCreated,
    #[serde(rename = "subscription.updated")]
    SubscriptionUpdated,
    #[serde(rename = "subscription.change_scheduled")]
    SubscriptionChangeScheduled,
    #[serde(rename = "subscription.renewed")]
    SubscriptionRenewed,
    #[serde(rename = "subscription.canceled")]
    SubscriptionCanceled,
    #[serde(rename = "subscription.paused")]
    SubscriptionPaused,
    #[serde(rename = "subscription.resumed")]
    SubscriptionResumed,
    #[serde(rename = "subscription.past_due")]
    SubscriptionPastDue,
    #[serde(rename = "invoice.finalized")]
    InvoiceFinalized,
    #[serde(rename = "invoice.paid")]
    InvoicePaid,
    #[serde(rename = "invoice.voided")]
    InvoiceVoided,
    #[serde(rename = "invoice.marked_uncollectible")]
    InvoiceMarkedUncollectible,
    #[serde(rename = "invoice.payment_failed")]
    InvoicePaymentFailed,
    #[serde(rename = "billing.dunning_state_changed")]
    DunningStateChanged,
}

/// What an endpoint's `event_types` may hold besides the event names: every event.
pub const ALL_EVENTS: &str = "*";

impl EventType {
    pub const ALL: [Self; 26] = [
        Self::TenantCreated,
        Self::TenantUpdated,
        Self::TenantSuspended,
        Self::TenantActivated,
        Self::TenantDeactivated,
        Self::TenantDeleted,
        Self::UserCreated,
        Self::UserDeleted,
        Self::WebhookTest,
        Self::PlanCreated,
        Self::PlanUpdated,
        Self::PlanArchived,
        Self::SubscriptionCreated,
        Self::SubscriptionUpdated,
        Self::SubscriptionChangeScheduled,
        Self::SubscriptionRenewed,
        Self::SubscriptionCanceled,
        Self::SubscriptionPaused,
        Self::SubscriptionResumed,
        Self::SubscriptionPastDue,
        Self::InvoiceFinalized,
        Self::InvoicePaid,
        Self::InvoiceVoided,
        Self::InvoiceMarkedUncollectible,
        Self::InvoicePaymentFailed,
        Self::DunningStateChanged,
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
            Self::PlanCreated => "plan.created",
            Self::PlanUpdated => "plan.updated",
            Self::PlanArchived => "plan.archived",
            Self::SubscriptionCreated => "subscription.created",
            Self::SubscriptionUpdated => "subscription.updated",
            Self::SubscriptionChangeScheduled => "subscription.change_scheduled",
            Self::SubscriptionRenewed => "subscription.renewed",
            Self::SubscriptionCanceled => "subscription.canceled",
            Self::SubscriptionPaused => "subscription.paused",
            Self::SubscriptionResumed => "subscription.resumed",
            Self::SubscriptionPastDue => "subscription.past_due",
            Self::InvoiceFinalized => "invoice.finalized",
            Self::InvoicePaid => "invoice.paid",
            Self::InvoiceVoided => "invoice.voided",
            Self::InvoiceMarkedUncollectible => "invoice.marked_uncollectible",
            Self::InvoicePaymentFailed => "invoice.payment_failed",
            Self::DunningStateChanged => "billing.dunning_state_changed",
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
