use super::common::{FieldErrors, double_option};
use crate::webhook::{DeliveryStatus, EndpointUrl, Subscription};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a tenant receives its subtree's events.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpointView {
    pub id: i64,
    /// The tenant that registered the endpoint: it receives the events of this tenant and
    /// of its whole subtree.
    pub tenant_id: i64,
    pub url: String,
    pub description: Option<String>,
    /// Event type names (`tenant.created`, …), or `["*"]` for every event.
    pub event_types: Vec<String>,
    pub enabled: bool,
    /// Why the server disabled the endpoint (deliveries kept failing); `null` otherwise.
    pub disabled_reason: Option<String>,
    /// Until when the secret replaced by the latest rotation still signs deliveries too.
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new endpoint with its signing secret, which is shown only in this answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedWebhookEndpoint {
    #[serde(flatten)]
    pub endpoint: WebhookEndpointView,
    /// `whsec_` and the base64 of 32 random bytes. Keep it: it is never shown again.
    pub secret: String,
}

/// Register an endpoint for the caller's tenant and its subtree.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookEndpointRequest {
    /// An `http://` or `https://` URL.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub url: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Event type names, or `["*"]` for every event.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub event_types: Vec<String>,
    /// Defaults to `true`.
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// A checked [`CreateWebhookEndpointRequest`].
#[derive(Debug, Clone)]
pub struct NewWebhookEndpoint {
    pub url: EndpointUrl,
    pub description: Option<String>,
    pub subscription: Subscription,
    pub enabled: bool,
}

/// Change an endpoint; absent fields stay as they are, `null` clears the description.
/// Enabling an endpoint the server disabled clears its `disabled_reason`.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhookEndpointRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub url: Option<String>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub description: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub event_types: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// A checked [`UpdateWebhookEndpointRequest`]: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct WebhookEndpointChanges {
    pub url: Option<EndpointUrl>,
    pub description: Option<Option<String>>,
    pub subscription: Option<Subscription>,
    pub enabled: Option<bool>,
}

/// The most characters an endpoint's description may hold.
pub const DESCRIPTION_MAX_CHARS: usize = 500;

fn check_url(e: &mut FieldErrors, url: &str) -> Option<EndpointUrl> {
    e.check(
        "url",
        |err: &crate::webhook::EndpointUrlError| err.code(),
        EndpointUrl::parse(url),
    )
}

fn check_event_types(e: &mut FieldErrors, names: &[String]) -> Option<Subscription> {
    e.check(
        "event_types",
        |err: &crate::webhook::SubscriptionError| err.code(),
        Subscription::parse(names),
    )
}

/// A trimmed description, `None` when blank.
fn check_description(e: &mut FieldErrors, description: Option<&str>) -> Option<String> {
    let description = description.map(str::trim).filter(|d| !d.is_empty())?;
    if description.chars().count() > DESCRIPTION_MAX_CHARS {
        e.push(
            "description",
            "too_long",
            format!("must be at most {DESCRIPTION_MAX_CHARS} characters long"),
        );
        return None;
    }
    Some(description.to_owned())
}

impl CreateWebhookEndpointRequest {
    pub fn parse(&self) -> Result<NewWebhookEndpoint, FieldErrors> {
        let mut e = FieldErrors::default();
        let url = check_url(&mut e, &self.url);
        let description = check_description(&mut e, self.description.as_deref());
        let subscription = check_event_types(&mut e, &self.event_types);
        match (url, subscription) {
            (Some(url), Some(subscription)) if e.is_empty() => Ok(NewWebhookEndpoint {
                url,
                description,
                subscription,
                enabled: self.enabled.unwrap_or(true),
            }),
            _ => Err(e),
        }
    }
}

impl UpdateWebhookEndpointRequest {
    pub fn parse(&self) -> Result<WebhookEndpointChanges, FieldErrors> {
        let mut e = FieldErrors::default();
        let url = self.url.as_deref().map(|u| check_url(&mut e, u));
        let description = self
            .description
            .as_ref()
            .map(|d| check_description(&mut e, d.as_deref()));
        let subscription = self
            .event_types
            .as_deref()
            .map(|names| check_event_types(&mut e, names));
        e.into_result()?;
        Ok(WebhookEndpointChanges {
            url: url.flatten(),
            description,
            subscription: subscription.flatten(),
            enabled: self.enabled,
        })
    }
}

/// A rotated secret: the new one, shown only in this answer, and until when the old one
/// keeps signing deliveries alongside it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RotatedWebhookSecret {
    pub secret: String,
    pub previous_secret_expires_at: DateTime<Utc>,
}

/// One event on its way to one endpoint, with every attempt so far.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryView {
    pub id: i64,
    pub endpoint_id: i64,
    /// The event's id (`evt_…`), sent as `webhook-id`: the same in every attempt.
    pub event_id: String,
    pub event_type: String,
    /// The tenant the event is about.
    pub tenant_id: i64,
    pub status: DeliveryStatus,
    /// Oldest first.
    pub attempts: Vec<WebhookAttemptView>,
    /// When a pending delivery is next tried; `null` once it succeeded or failed.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One attempt to deliver.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookAttemptView {
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status; `null` when there was no answer.
    pub response_status: Option<u16>,
    pub latency_ms: i64,
    /// Why the attempt failed without an answer (timeout, refused connection, …), or which
    /// status counted as a failure.
    pub error: Option<String>,
    /// The first kilobyte of the receiver's answer.
    pub response_body: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: FieldErrors) -> Vec<String> {
        e.0.into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn a_new_endpoint_names_every_bad_field() {
        let request = CreateWebhookEndpointRequest {
            url: "ftp://example.com".into(),
            description: Some("x".repeat(501)),
            event_types: vec!["tenant.nope".into()],
            enabled: None,
        };
        assert_eq!(
            fields(request.parse().unwrap_err()),
            ["url", "description", "event_types"]
        );
    }

    #[test]
    fn a_new_endpoint_is_enabled_by_default_and_blank_descriptions_are_none() {
        let request = CreateWebhookEndpointRequest {
            url: "https://example.com/hook".into(),
            description: Some("  ".into()),
            event_types: vec!["*".into()],
            enabled: None,
        };
        let new = request.parse().unwrap();
        assert!(new.enabled);
        assert_eq!(new.description, None);
        assert_eq!(new.subscription, Subscription::All);
    }

    #[test]
    fn changes_leave_absent_fields_alone_and_null_clears_the_description() {
        let changes: UpdateWebhookEndpointRequest =
            serde_json::from_str(r#"{"description": null}"#).unwrap();
        let changes = changes.parse().unwrap();
        assert_eq!(changes.description, Some(None));
        assert!(changes.url.is_none() && changes.subscription.is_none());
        let bad: UpdateWebhookEndpointRequest =
            serde_json::from_str(r#"{"url": "nope", "event_types": []}"#).unwrap();
        assert_eq!(fields(bad.parse().unwrap_err()), ["url", "event_types"]);
    }
}
