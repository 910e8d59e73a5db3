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
}

impl AuditAction {
    pub const ALL: [Self; 22] = [
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
}

impl AuditTarget {
    pub const ALL: [Self; 7] = [
        Self::Tenant,
        Self::User,
        Self::Session,
        Self::Order,
        Self::Invoice,
        Self::Ticket,
        Self::WebhookEndpoint,
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
        }
    }
}

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
mod range_tests {
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
