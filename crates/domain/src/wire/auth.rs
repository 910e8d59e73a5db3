use super::{TenantView, UserView};
use crate::Permission;
use serde::{Deserialize, Serialize};

/// Sign in to a tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"tenant": "management", "username": "admin", "password": "correct horse 9"})))]
pub struct LoginRequest {
    /// The tenant's domain, e.g. `management` or `acme`. May be omitted when the request's
    /// host is `<domain>.<base domain>` (`LANDLORD_BASE_DOMAIN`): that tenant is meant.
    #[serde(default)]
    pub tenant: Option<String>,
    pub username: String,
    pub password: String,
    /// Sign in to `tenant` as a support user of the management tenant, with that user's
    /// username and password: allowed while the tenant grants support access and the
    /// platform allows it. Default `false`.
    #[serde(default)]
    pub support: bool,
}

/// A bearer token for the `Authorization` header.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: i64,
}

/// The signed-in user, their tenant and what they may do.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: UserView,
    pub tenant: TenantView,
    pub permissions: Vec<Permission>,
}

/// Set a new password with the token from a password-reset link.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"token": "kq3N0c2Vjc2VjcmV0LXRva2Vu", "password": "correct horse 9"})))]
pub struct PasswordResetRequest {
    pub token: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^(?:[\s\S]*[ -@\[-`{-~][\s\S]*[^ -@\[-`{-~\u0000-\u001f\u007f-\u009f]|[\s\S]*[^ -@\[-`{-~\u0000-\u001f\u007f-\u009f][\s\S]*[ -@\[-`{-~])[\s\S]*$",
            min_length = 8,
            max_length = 128
        )
    )]
    pub password: String,
}
