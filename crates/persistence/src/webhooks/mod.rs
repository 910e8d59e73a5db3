//! Webhook endpoints, their deliveries and every attempt, as rows. The rules (who may see an
//! endpoint, when to retry) live in the operations layer; these are plain functions over a
//! connection so a use case composes them in one transaction.

pub mod deliveries;
pub mod endpoints;
pub mod retention;

use crate::models::corrupt;
use crate::schema::{webhook_attempts, webhook_deliveries, webhook_endpoints};
use crate::{StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::webhook::{DeliveryStatus, Subscription, WebhookSecret};
use landlord_domain::wire::{WebhookAttemptView, WebhookDeliveryView, WebhookEndpointView};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints)]
pub struct EndpointRow {
    pub id: i64,
    pub tenant_id: i64,
    pub url: String,
    pub description: Option<String>,
    pub event_types: String,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_expires_at: Option<Timestamp>,
    pub failing_since: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl EndpointRow {
    pub fn subscription(&self) -> Result<Subscription, StoreError> {
        Subscription::from_stored(&self.event_types)
            .ok_or_else(|| corrupt("webhook event types", &self.event_types))
    }

    /// The secrets that sign a delivery at `now`: the current one, and the one it replaced
    /// while that is still valid.
    pub fn signing_secrets(&self, now: Timestamp) -> Result<Vec<WebhookSecret>, StoreError> {
        let parse = |s: &str| {
            WebhookSecret::parse(s).map_err(|e| StoreError::Corrupt(format!("webhook secret: {e}")))
        };
        let mut secrets = vec![parse(&self.secret)?];
        if let (Some(previous), Some(until)) =
            (&self.previous_secret, self.previous_secret_expires_at)
            && until > now
        {
            secrets.push(parse(previous)?);
        }
        Ok(secrets)
    }

    pub fn to_view(&self) -> Result<WebhookEndpointView, StoreError> {
        Ok(WebhookEndpointView {
            id: self.id,
            tenant_id: self.tenant_id,
            url: self.url.clone(),
            description: self.description.clone(),
            event_types: self.subscription()?.names(),
            enabled: self.enabled,
            disabled_reason: self.disabled_reason.clone(),
            previous_secret_expires_at: self.previous_secret_expires_at.map(|t| t.and_utc()),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = webhook_endpoints)]
pub struct NewEndpointRow {
    pub tenant_id: i64,
    pub url: String,
    pub description: Option<String>,
    pub event_types: String,
    pub enabled: bool,
    pub secret: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: i64,
    pub endpoint_id: i64,
    pub event_id: i64,
    pub tenant_id: i64,
    pub event_type: String,
    pub status: String,
    pub failures: i32,
    pub next_attempt_at: Option<Timestamp>,
    pub locked_until: Option<Timestamp>,
    pub lease: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl DeliveryRow {
    pub fn status(&self) -> Result<DeliveryStatus, StoreError> {
        DeliveryStatus::parse(&self.status).ok_or_else(|| corrupt("delivery status", &self.status))
    }

    /// The delivery as the API shows it, with its event's public id and its attempts.
    pub fn to_view(
        &self,
        event_public_id: &str,
        attempts: &[AttemptRow],
    ) -> Result<WebhookDeliveryView, StoreError> {
        Ok(WebhookDeliveryView {
            id: self.id,
            endpoint_id: self.endpoint_id,
            event_id: event_public_id.to_owned(),
            event_type: self.event_type.clone(),
            tenant_id: self.tenant_id,
            status: self.status()?,
            attempts: attempts.iter().map(AttemptRow::to_view).collect(),
            next_attempt_at: self.next_attempt_at.map(|t| t.and_utc()),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct NewDeliveryRow {
    pub endpoint_id: i64,
    pub event_id: i64,
    pub tenant_id: i64,
    pub event_type: String,
    pub status: String,
    pub next_attempt_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl NewDeliveryRow {
    /// A delivery due at once.
    pub fn due(endpoint_id: i64, event: &crate::events::EventRow, now: Timestamp) -> Self {
        Self {
            endpoint_id,
            event_id: event.id,
            tenant_id: event.tenant_id,
            event_type: event.event_type.clone(),
            status: DeliveryStatus::Pending.as_str().to_owned(),
            next_attempt_at: Some(now),
            created_at: now,
            updated_at: now,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_attempts)]
pub struct AttemptRow {
    pub id: i64,
    pub delivery_id: i64,
    pub attempted_at: Timestamp,
    pub response_status: Option<i32>,
    pub latency_ms: i64,
    pub error: Option<String>,
    pub response_body: Option<String>,
}

impl AttemptRow {
    pub fn to_view(&self) -> WebhookAttemptView {
        WebhookAttemptView {
            at: self.attempted_at.and_utc(),
            response_status: self.response_status.and_then(|s| u16::try_from(s).ok()),
            latency_ms: self.latency_ms,
            error: self.error.clone(),
            response_body: self.response_body.clone(),
        }
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = webhook_attempts)]
pub struct NewAttemptRow {
    pub delivery_id: i64,
    pub attempted_at: Timestamp,
    pub response_status: Option<i32>,
    pub latency_ms: i64,
    pub error: Option<String>,
    pub response_body: Option<String>,
}
