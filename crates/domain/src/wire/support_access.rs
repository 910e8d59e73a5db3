//! Support-user access, setup instructions' neighbours and host-named sign-in on the wire.

use crate::support_access::SupportAccessStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

/// Let the management tenant's support users sign in to this tenant until `expires_at`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"expires_at": "2026-12-24T12:00:00Z"})))]
pub struct GrantSupportAccessRequest {
    /// When the access ends (in the future); `null` for no limit; omitted: 24 hours from now.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub expires_at: Option<Option<DateTime<Utc>>>,
}

/// A field that is present (`Some`), possibly `null` (`Some(None)`), as opposed to omitted.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<DateTime<Utc>>>, D::Error> {
    Option::<DateTime<Utc>>::deserialize(d).map(Some)
}

/// A tenant's support-user access as the management tenant (and the tenant itself) sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportAccessView {
    /// `enabled` when support access is on at platform level and the tenant has an active
    /// grant; otherwise `disabled`.
    pub status: SupportAccessStatus,
    /// The tenant's grants that are neither revoked nor expired.
    pub active_requests: i64,
    /// When the last active grant ends; `null` for no limit (or when none is active).
    pub expires_at: Option<DateTime<Utc>>,
}

/// The platform-level switch of support-user access.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"enabled": true})))]
pub struct SupportAccessSettings {
    /// Off: no support user may sign in to any tenant, whatever the tenants granted.
    pub enabled: bool,
}

/// The tenant the request's host names (`<domain>.<base domain>`), for a sign-in page that
/// needs no tenant field.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInTenant {
    /// The tenant domain the host names, or `null` when it names none.
    pub tenant: Option<String>,
}
