//! Service tokens on the wire.

use super::common::FieldErrors;
use crate::service_token::ServiceScope;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Create a service token for the caller's tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "cx-backend", "scopes": ["quotas:consume", "entitlements:read"]})))]
pub struct CreateServiceTokenRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 100
        )
    )]
    pub name: String,
    /// At least one.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub scopes: Vec<ServiceScope>,
}

impl CreateServiceTokenRequest {
    /// The trimmed name and the scopes without repeats.
    pub fn parse(&self) -> Result<(String, Vec<ServiceScope>), FieldErrors> {
        let mut e = FieldErrors::default();
        let name = super::common::check_label(&mut e, "name", "invalid_name", &self.name, 100);
        let scopes: Vec<ServiceScope> = ServiceScope::ALL
            .into_iter()
            .filter(|s| self.scopes.contains(s))
            .collect();
        if scopes.is_empty() {
            e.push("scopes", "required", "give at least one scope");
        }
        e.into_result()?;
        Ok((name.to_owned(), scopes))
    }
}

/// A service token as listed (never the token itself).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceTokenView {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<ServiceScope>,
    pub tenant_id: i64,
    pub created_at: DateTime<Utc>,
    /// Set once revoked; a revoked token is refused at once.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new service token: the only answer that carries `token`. Keep it; it cannot be shown
/// again.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedServiceToken {
    /// `llst_...`: send it as `Authorization: Bearer <token>`.
    pub token: String,
    #[serde(flatten)]
    pub service_token: ServiceTokenView,
}
