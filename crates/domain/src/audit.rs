//! What the audit log records. Every change writes one of these in the same transaction.

use crate::event::EventType;
use serde::{Deserialize, Serialize};

string_enum!(
    AuditAction {
        TenantCreated => "tenant.created",
        TenantUpdated => "tenant.updated",
        TenantSuspended => "tenant.suspended",
        TenantActivated => "tenant.activated",
        TenantDeactivated => "tenant.deactivated",
        TenantDeleted => "tenant.deleted",
        UserCreated => "user.created",
        UserDeleted => "user.deleted",
        UserPasswordReset => "user.password_reset",
        /// A password-reset link was mailed on request.
        UserPasswordResetRequested => "user.password_reset_requested",
        LoginSucceeded => "auth.login_succeeded",
        LoginFailed => "auth.login_failed",
        /// A sign-in refused without checking the password because its account or address
        /// failed too often (see `sign_in_throttle`).
        LoginThrottled => "auth.login_throttled",
        LoggedOut => "auth.logged_out",
        OrderCreated => "order.created",
        InvoiceCreated => "invoice.created",
        TicketCreated => "ticket.created",
        WebhookEndpointCreated => "webhook_endpoint.created",
        WebhookEndpointUpdated => "webhook_endpoint.updated",
        WebhookEndpointDeleted => "webhook_endpoint.deleted",
        WebhookEndpointSecretRotated => "webhook_endpoint.secret_rotated",
        /// A `webhook.test` event was sent to an endpoint on request.
        WebhookEndpointTestSent => "webhook_endpoint.test_sent",
        /// A delivery was queued again on request.
        WebhookDeliveryResent => "webhook_delivery.resent",
        // Billing.
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
        PaymentRecorded => "payment.recorded",
        DunningStateChanged => "billing.dunning_state_changed",
        DunningPolicyUpdated => "billing.dunning_policy_updated",
        // Capabilities.
        FeatureCreated => "feature.created",
        QuotaDefinitionCreated => "quota_definition.created",
        QuotaDefinitionUpdated => "quota_definition.updated",
        TenantFeatureChanged => "tenant.feature_changed",
        TenantQuotaChanged => "tenant.quota_changed",
        /// Usage taken from a quota (audited, not published: it is metering, not a change of
        /// configuration).
        QuotaConsumed => "quota.consumed",
        QuotaReleased => "quota.released",
        /// An operator granted a one-off extra amount on a tenant's quota.
        QuotaToppedUp => "quota.topped_up",
        QuotaTopUpRevoked => "quota.top_up_revoked",
        /// Usage reached a threshold below the limit (once per period and threshold).
        QuotaThresholdReached => "quota.threshold_reached",
        /// Usage reached the limit (once per period).
        QuotaLimitReached => "quota.exceeded",
        /// A lease on a concurrent quota (audited, not published, like consumption).
        QuotaLeaseAcquired => "quota.lease_acquired",
        QuotaLeaseRenewed => "quota.lease_renewed",
        QuotaLeaseReleased => "quota.lease_released",
        NotificationRead => "notification.read",
        ServiceTokenCreated => "service_token.created",
        ServiceTokenRevoked => "service_token.revoked",
        /// Usage metering (events themselves are not audited: there are too many).
        MeterCreated => "meter.created",
        // Tenant options and policies.
        TenantOptionSet => "tenant.option_set",
        TenantOptionDeleted => "tenant.option_deleted",
        TenantRetentionRulesSet => "tenant.retention_rules_set",
        /// A policy's options and rules written into a tenant (at creation, on re-apply, or
        /// when a linked policy changed).
        TenantPolicyApplied => "tenant.policy_applied",
        TenantPolicyCreated => "tenant_policy.created",
        TenantPolicyUpdated => "tenant_policy.updated",
        TenantPolicyDeleted => "tenant_policy.deleted",
        /// The daily retention purge deleted a tenant's old entries.
        RetentionPurged => "retention.purged",
        // Provisioning.
        ProvisioningStepCreated => "provisioning_step.created",
        ProvisioningStepUpdated => "provisioning_step.updated",
        ProvisioningStepDeleted => "provisioning_step.deleted",
        /// One external step of a tenant's pipeline succeeded.
        ProvisioningStepSucceeded => "provisioning.step_succeeded",
        /// One external step failed for good; the tenant became inactive.
        ProvisioningStepFailed => "provisioning.step_failed",
        /// One attempt at an external step failed; the next is scheduled.
        ProvisioningStepRetryScheduled => "provisioning.step_retry_scheduled",
        /// Every step is done; the tenant became active.
        ProvisioningCompleted => "provisioning.completed",
        ProvisioningRetried => "provisioning.retried",
        /// Activated without running the unfinished steps, which were skipped.
        ProvisioningMarkedActive => "provisioning.marked_active",
        /// Support-user access (seed 003).
        SupportAccessGranted => "support_access.granted",
        SupportAccessRevoked => "support_access.revoked",
        SupportAccessSettingsUpdated => "support_access.settings_updated",
        // Applications (seed 003).
        ApplicationCreated => "application.created",
        ApplicationSubscribed => "application.subscribed",
        ApplicationUnsubscribed => "application.unsubscribed",
        /// A runtime's report changed the number of a microservice's instances (audited,
        /// not published).
        ApplicationInstancesChanged => "application.instances_changed",
        // The custom property library (seed 003).
        CustomPropertyCreated => "custom_property.created",
        CustomPropertyUpdated => "custom_property.updated",
        /// A property left the library, and every tenant's value of it with it.
        CustomPropertyDeleted => "custom_property.deleted",
    }
);

impl AuditAction {
    /// The outbox event this action publishes to webhooks, if any. Sign-ins and the
    /// customers' activity rows are audited but not (yet) published, nor are changes to
    /// webhook endpoints themselves.
    pub fn event_type(self) -> Option<EventType> {
        Some(match self {
            Self::TenantCreated => EventType::TenantCreated,
            Self::TenantUpdated => EventType::TenantUpdated,
            Self::TenantSuspended => EventType::TenantSuspended,
            Self::TenantActivated => EventType::TenantActivated,
            Self::TenantDeactivated => EventType::TenantDeactivated,
            Self::TenantDeleted => EventType::TenantDeleted,
            Self::UserCreated => EventType::UserCreated,
            Self::UserDeleted => EventType::UserDeleted,
            Self::PlanCreated => EventType::PlanCreated,
            Self::PlanUpdated => EventType::PlanUpdated,
            Self::PlanArchived => EventType::PlanArchived,
            Self::SubscriptionCreated => EventType::SubscriptionCreated,
            Self::SubscriptionUpdated => EventType::SubscriptionUpdated,
            Self::SubscriptionChangeScheduled => EventType::SubscriptionChangeScheduled,
            Self::SubscriptionRenewed => EventType::SubscriptionRenewed,
            Self::SubscriptionCanceled => EventType::SubscriptionCanceled,
            Self::SubscriptionPaused => EventType::SubscriptionPaused,
            Self::SubscriptionResumed => EventType::SubscriptionResumed,
            Self::SubscriptionPastDue => EventType::SubscriptionPastDue,
            Self::InvoiceFinalized => EventType::InvoiceFinalized,
            Self::InvoicePaid => EventType::InvoicePaid,
            Self::InvoiceVoided => EventType::InvoiceVoided,
            Self::InvoiceMarkedUncollectible => EventType::InvoiceMarkedUncollectible,
            Self::InvoicePaymentFailed => EventType::InvoicePaymentFailed,
            Self::DunningStateChanged => EventType::DunningStateChanged,
            Self::FeatureCreated => EventType::FeatureCreated,
            Self::QuotaDefinitionCreated => EventType::QuotaDefinitionCreated,
            Self::QuotaDefinitionUpdated => EventType::QuotaDefinitionUpdated,
            Self::TenantFeatureChanged => EventType::TenantFeatureChanged,
            Self::TenantQuotaChanged => EventType::TenantQuotaChanged,
            Self::QuotaToppedUp => EventType::QuotaToppedUp,
            Self::QuotaTopUpRevoked => EventType::QuotaTopUpRevoked,
            Self::QuotaThresholdReached => EventType::QuotaThresholdReached,
            Self::QuotaLimitReached => EventType::QuotaExceeded,
            Self::ProvisioningStepFailed => EventType::ProvisioningStepFailed,
            Self::ProvisioningCompleted => EventType::ProvisioningCompleted,
            Self::ApplicationSubscribed => EventType::ApplicationSubscribed,
            Self::ApplicationUnsubscribed => EventType::ApplicationUnsubscribed,
            _ => return None,
        })
    }
}

string_enum!(/// What an audit record is about.
    AuditTarget {
        Tenant => "tenant",
        User => "user",
        Session => "session",
        Order => "order",
        Invoice => "invoice",
        Ticket => "ticket",
        WebhookEndpoint => "webhook_endpoint",
        Plan => "plan",
        Subscription => "subscription",
        Payment => "payment",
        DunningPolicy => "dunning_policy",
        Feature => "feature",
        QuotaDefinition => "quota_definition",
        ServiceToken => "service_token",
        QuotaTopUp => "quota_top_up",
        QuotaLease => "quota_lease",
        Notification => "notification",
        Meter => "meter",
        TenantOption => "tenant_option",
        TenantPolicy => "tenant_policy",
        ProvisioningStep => "provisioning_step",
        SupportAccess => "support_access",
        Application => "application",
        CustomProperty => "custom_property",
    }
);

/// The time range of an audit-log read: events at or after `from` and before `to`, either
/// end open when absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditRange {
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    pub to: Option<chrono::DateTime<chrono::Utc>>,
}

/// A range whose `to` comes before its `from`: it could hold nothing, so it is a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must not be before `from`")]
pub struct RangeReversed;

impl AuditRange {
    pub fn new(
        from: Option<chrono::DateTime<chrono::Utc>>,
        to: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Self, RangeReversed> {
        match (from, to) {
            (Some(from), Some(to)) if from > to => Err(RangeReversed),
            _ => Ok(Self { from, to }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_range_may_be_open_or_empty_but_not_reversed() {
        let at = |h| chrono::Utc.with_ymd_and_hms(2026, 1, 1, h, 0, 0).unwrap();
        assert!(AuditRange::new(None, None).is_ok());
        assert!(AuditRange::new(Some(at(3)), None).is_ok());
        assert!(AuditRange::new(None, Some(at(3))).is_ok());
        assert!(AuditRange::new(Some(at(3)), Some(at(3))).is_ok());
        assert_eq!(
            AuditRange::new(Some(at(4)), Some(at(3))),
            Err(RangeReversed)
        );
    }
}
