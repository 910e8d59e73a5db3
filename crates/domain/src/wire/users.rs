use super::common::{FieldErrors, integer};
use crate::email::Email;
use crate::password::NewPassword;
use crate::permission::Role;
use crate::user::{UserStatus, Username};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A user of a tenant.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: i64,
    pub tenant_id: i64,
    /// The tenant's name, read with the user: a list names every user's customer as is.
    pub tenant_name: String,
    pub username: String,
    pub email: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub status: UserStatus,
    /// The tenant's first administrator, who cannot be deleted.
    pub is_first_admin: bool,
    pub created_at: DateTime<Utc>,
}

/// Create a user in the caller's tenant or one of its subtenants.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"username": "casey.jones", "email": "casey@acme.example", "display_name": "Casey Jones", "role": "manager"})))]
pub struct CreateUserRequest {
    /// Defaults to the caller's own tenant.
    #[serde(default, deserialize_with = "integer::optional")]
    pub tenant_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9._@+-]{1,64}$"))]
    pub username: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$",
            max_length = 254
        )
    )]
    pub email: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub display_name: Option<String>,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub status: UserStatus,
    /// Write-only. When absent, the user cannot sign in until a password is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^(?:[\s\S]*[ -@\[-`{-~][\s\S]*[^ -@\[-`{-~\u0000-\u001f\u007f-\u009f]|[\s\S]*[^ -@\[-`{-~\u0000-\u001f\u007f-\u009f][\s\S]*[ -@\[-`{-~])[\s\S]*$",
            min_length = 8,
            max_length = 128
        )
    )]
    pub password: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub email: Email,
    pub display_name: Option<String>,
    pub role: Role,
    pub status: UserStatus,
    pub password: Option<NewPassword>,
}

impl CreateUserRequest {
    pub fn parse(&self) -> Result<NewUser, FieldErrors> {
        let mut e = FieldErrors::default();
        let username = e.check(
            "username",
            |_| "invalid_username",
            Username::parse(&self.username),
        );
        let email = e.check("email", |_| "invalid_email", Email::parse(&self.email));
        // Counted as sent, as the OpenAPI document's `maxLength` counts; stored trimmed.
        let display_name = self
            .display_name
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned);
        if self
            .display_name
            .as_ref()
            .is_some_and(|d| d.chars().count() > 200)
        {
            e.push(
                "display_name",
                "too_long",
                "must be at most 200 characters long",
            );
        }
        let password = match &self.password {
            Some(p) => e
                .check("password", |_| "weak_password", NewPassword::parse(p))
                .map(Some),
            None => Some(None),
        };
        match (username, email, password) {
            (Some(username), Some(email), Some(password)) if e.is_empty() => Ok(NewUser {
                username,
                email,
                display_name,
                role: self.role,
                status: self.status,
                password,
            }),
            _ => Err(e),
        }
    }
}
