//! A tenant's notification mails on the wire.

use crate::mail::{MailKind, MailStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A notification mail sent (or to be sent) to one of a tenant's people, as the outbox
/// holds it. Bodies are not shown: they may carry a one-time link or a password.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailView {
    pub id: i64,
    pub tenant_id: i64,
    pub kind: MailKind,
    pub status: MailStatus,
    pub recipient: String,
    pub subject: String,
    /// The template language: `en` or `de`.
    pub language: String,
    /// Attempts made so far.
    pub attempts: i32,
    /// Why the latest attempt failed; `null` if none did.
    pub last_error: Option<String>,
    /// When a queued mail is tried next; `null` once sent or failed.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Ask for a password-reset link by mail: the user's tenant (domain) and username.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"tenant": "acme", "username": "ada"})))]
pub struct PasswordResetLinkRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 63))]
    pub tenant: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub username: String,
}
