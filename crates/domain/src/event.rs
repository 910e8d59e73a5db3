//! What integrations hear about: the types of outbox events and the payload every webhook
//! carries. An event is written with the change's audit record, in its transaction
//! (`operations::record_change`), so it exists exactly for what was committed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

string_enum!(/// The kinds of event a webhook endpoint can subscribe to. Later capabilities add theirs
    /// (`subscription.*`, `invoice.*`, `quota.*`, `provisioning.*`).
    EventType {
        TenantCreated => "tenant.created",
        TenantUpdated => "tenant.updated",
        TenantSuspended => "tenant.suspended",
        TenantActivated => "tenant.activated",
        TenantDeactivated => "tenant.deactivated",
        TenantDeleted => "tenant.deleted",
        UserCreated => "user.created",
        UserDeleted => "user.deleted",
        /// Sent only to the endpoint it was asked for, by `POST /webhook-endpoints/{id}/test`.
        WebhookTest => "webhook.test",
        // Billing: the catalogue, subscriptions, invoices and dunning.
        PlanCreated => "plan.created",
        PlanUpdated => "plan.updated",
        PlanArchived => "plan.archived",
        SubscriptionCreated => "subscription.created",
        SubscriptionUpdated => "subscription.updated",
        SubscriptionChangeScheduled => "subscription.change_scheduled",
        SubscriptionRenewed => "subscription.renewed",
        SubscriptionCanceled => "subscription.canceled",
        SubscriptionPaused => "subscription.paused",
        SubscriptionResumed => "subscription.resumed",
        SubscriptionPastDue => "subscription.past_due",
        InvoiceFinalized => "invoice.finalized",
        InvoicePaid => "invoice.paid",
        InvoiceVoided => "invoice.voided",
        InvoiceMarkedUncollectible => "invoice.marked_uncollectible",
        InvoicePaymentFailed => "invoice.payment_failed",
        DunningStateChanged => "billing.dunning_state_changed",
        // Capabilities: the catalogues and tenants' overrides.
        FeatureCreated => "feature.created",
        QuotaDefinitionCreated => "quota_definition.created",
        QuotaDefinitionUpdated => "quota_definition.updated",
        TenantFeatureChanged => "tenant.feature_changed",
        TenantQuotaChanged => "tenant.quota_changed",
        // Quotas: top-ups and alerts (`data.object` is the top-up, or the alert's
        // `{quota, threshold, used, limit, period}`).
        QuotaToppedUp => "quota.topped_up",
        QuotaTopUpRevoked => "quota.top_up_revoked",
        QuotaThresholdReached => "quota.threshold_reached",
        QuotaExceeded => "quota.exceeded",
        // Provisioning (`data.object` is the tenant's pipeline, `{tenant_id, status, steps}`).
        ProvisioningStepFailed => "provisioning.step_failed",
        ProvisioningCompleted => "provisioning.completed",
        // Applications (`data.object` is `{tenant_id, application, subscribed_at}`).
        ApplicationSubscribed => "application.subscribed",
        ApplicationUnsubscribed => "application.unsubscribed",
    }
);

/// What an endpoint's `event_types` may hold besides the event names: every event.
pub const ALL_EVENTS: &str = "*";

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
    fn the_wildcard_is_no_event_name() {
        assert_eq!(EventType::parse(ALL_EVENTS), None);
        assert_eq!(EventType::TenantCreated.as_str(), "tenant.created");
    }
}
