//! What the audit log records. Every change writes one of these in the same transaction.

use crate::event::EventType;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditAction {
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
    #[serde(rename = "user.password_reset")]
    UserPasswordReset,
    #[serde(rename = "auth.login_succeeded")]
    LoginSucceeded,
    #[serde(rename = "auth.login_failed")]
    LoginFailed,
    /// A sign-in refused without checking the password because its account or address
    /// failed too often (see `sign_in_throttle`).
    #[serde(rename = "auth.login_throttled")]
    LoginThrottled,
    #[serde(rename = "auth.logged_out")]
    LoggedOut,
    #[serde(rename = "order.created")]
    OrderCreated,
    #[serde(rename = "invoice.created")]
    InvoiceCreated,
    #[serde(rename = "ticket.created")]
    TicketCreated,
    #[serde(rename = "webhook_endpoint.created")]
    WebhookEndpointCreated,
    #[serde(rename = "webhook_endpoint.updated")]
    WebhookEndpointUpdated,
    #[serde(rename = "webhook_endpoint.deleted")]
    WebhookEndpointDeleted,
    #[serde(rename = "webhook_endpoint.secret_rotated")]
    WebhookEndpointSecretRotated,
    /// A `webhook.test` event was sent to an endpoint on request.
    #[serde(rename = "webhook_endpoint.test_sent")]
    WebhookEndpointTestSent,
    /// A delivery was queued again on request.
    #[serde(rename = "webhook_delivery.resent")]
    WebhookDeliveryResent,
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
    #[serde(rename = "payment.recorded")]
    PaymentRecorded,
    #[serde(rename = "billing.dunning_state_changed")]
    DunningStateChanged,
    #[serde(rename = "billing.dunning_policy_updated")]
    DunningPolicyUpdated,
}

impl AuditAction {
    pub const ALL: [Self; 41] = [
        Self::TenantCreated,
        Self::TenantUpdated,
        Self::TenantSuspended,
        Self::TenantActivated,
        Self::TenantDeactivated,
        Self::TenantDeleted,
        Self::UserCreated,
        Self::UserDeleted,
        Self::UserPasswordReset,
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::LoginThrottled,
        Self::LoggedOut,
        Self::OrderCreated,
        Self::InvoiceCreated,
        Self::TicketCreated,
        Self::WebhookEndpointCreated,
        Self::WebhookEndpointUpdated,
        Self::WebhookEndpointDeleted,
        Self::WebhookEndpointSecretRotated,
        Self::WebhookEndpointTestSent,
        Self::WebhookDeliveryResent,
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
        Self::PaymentRecorded,
        Self::DunningStateChanged,
        Self::DunningPolicyUpdated,
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
            Self::UserPasswordReset => "user.password_reset",
            Self::LoginSucceeded => "auth.login_succeeded",
            Self::LoginFailed => "auth.login_failed",
            Self::LoginThrottled => "auth.login_throttled",
            Self::LoggedOut => "auth.logged_out",
            Self::OrderCreated => "order.created",
            Self::InvoiceCreated => "invoice.created",
            Self::TicketCreated => "ticket.created",
            Self::WebhookEndpointCreated => "webhook_endpoint.created",
            Self::WebhookEndpointUpdated => "webhook_endpoint.updated",
            Self::WebhookEndpointDeleted => "webhook_endpoint.deleted",
            Self::WebhookEndpointSecretRotated => "webhook_endpoint.secret_rotated",
            Self::WebhookEndpointTestSent => "webhook_endpoint.test_sent",
            Self::WebhookDeliveryResent => "webhook_delivery.resent",
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
            Self::PaymentRecorded => "payment.recorded",
            Self::DunningStateChanged => "billing.dunning_state_changed",
            Self::DunningPolicyUpdated => "billing.dunning_policy_updated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

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
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
            assert_eq!(serde_json::to_value(action).unwrap(), action.as_str());
        }
    }
}

/// What an audit record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditTarget {
    Tenant,
    User,
    Session,
    Order,
    Invoice,
    Ticket,
    WebhookEndpoint,
    Plan,
    Subscription,
    Payment,
    DunningPolicy,
}

impl AuditTarget {
    pub const ALL: [Self; 11] = [
        Self::Tenant,
        Self::User,
        Self::Session,
        Self::Order,
        Self::Invoice,
        Self::Ticket,
        Self::WebhookEndpoint,
        Self::Plan,
        Self::Subscription,
        Self::Payment,
        Self::DunningPolicy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tenant => "tenant",
            Self::User => "user",
            Self::Session => "session",
            Self::Order => "order",
            Self::Invoice => "invoice",
            Self::Ticket => "ticket",
            Self::WebhookEndpoint => "webhook_endpoint",
            Self::Plan => "plan",
            Self::Subscription => "subscription",
            Self::Payment => "payment",
            Self::DunningPolicy => "dunning_policy",
        }
    }
}
