//! The stable, machine-readable `code` of every problem the API answers. The SPA and
//! integrations match on these, never on `detail` text; renaming one is a breaking change.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ErrorCode {
    // Requests the server cannot read.
    MalformedBody,
    ValidationFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    NotAcceptable,
    MethodNotAllowed,
    // Who is asking.
    Unauthorized,
    TooManyAttempts,
    InvalidToken,
    // What they may do.
    MissingPermission,
    ManagementOnly,
    SubtenantsNotAllowed,
    OwnTenant,
    NotFound,
    // Conflicts with stored state.
    Conflict,
    DomainTaken,
    UsernameTaken,
    NumberTaken,
    InvalidTransition,
    FirstAdmin,
    SelfDelete,
    PasswordMismatch,
    EndpointDisabled,
    // Idempotency-Key.
    IdempotencyKeyReused,
    IdempotencyKeyInUse,
    // The server's side.
    Unavailable,
    InternalError,
    CodeTaken,
    PlanArchived,
    CycleNotOffered,
    BillingRestricted,
    NoSubscription,
    CurrencyMismatch,
    AmountExceedsDue,
    InvoiceNotOpen,
}

impl ErrorCode {
    pub const ALL: [Self; 35] = [
        Self::MalformedBody,
        Self::ValidationFailed,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::NotAcceptable,
        Self::MethodNotAllowed,
        Self::Unauthorized,
        Self::TooManyAttempts,
        Self::InvalidToken,
        Self::MissingPermission,
        Self::ManagementOnly,
        Self::SubtenantsNotAllowed,
        Self::OwnTenant,
        Self::NotFound,
        Self::Conflict,
        Self::DomainTaken,
        Self::UsernameTaken,
        Self::NumberTaken,
        Self::InvalidTransition,
        Self::FirstAdmin,
        Self::SelfDelete,
        Self::PasswordMismatch,
        Self::EndpointDisabled,
        Self::IdempotencyKeyReused,
        Self::IdempotencyKeyInUse,
        Self::Unavailable,
        Self::InternalError,
        Self::CodeTaken,
        Self::PlanArchived,
        Self::CycleNotOffered,
        Self::BillingRestricted,
        Self::NoSubscription,
        Self::CurrencyMismatch,
        Self::AmountExceedsDue,
        Self::InvoiceNotOpen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MalformedBody => "malformed_body",
            Self::ValidationFailed => "validation_failed",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::NotAcceptable => "not_acceptable",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Unauthorized => "unauthorized",
            Self::TooManyAttempts => "too_many_attempts",
            Self::InvalidToken => "invalid_token",
            Self::MissingPermission => "missing_permission",
            Self::ManagementOnly => "management_only",
            Self::SubtenantsNotAllowed => "subtenants_not_allowed",
            Self::OwnTenant => "own_tenant",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::DomainTaken => "domain_taken",
            Self::UsernameTaken => "username_taken",
            Self::NumberTaken => "number_taken",
            Self::InvalidTransition => "invalid_transition",
            Self::FirstAdmin => "first_admin",
            Self::SelfDelete => "self_delete",
            Self::PasswordMismatch => "password_mismatch",
            Self::EndpointDisabled => "endpoint_disabled",
            Self::IdempotencyKeyReused => "idempotency_key_reused",
            Self::IdempotencyKeyInUse => "idempotency_key_in_use",
            Self::Unavailable => "unavailable",
            Self::InternalError => "internal_error",
            Self::CodeTaken => "code_taken",
            Self::PlanArchived => "plan_archived",
            Self::CycleNotOffered => "cycle_not_offered",
            Self::BillingRestricted => "billing_restricted",
            Self::NoSubscription => "no_subscription",
            Self::CurrencyMismatch => "currency_mismatch",
            Self::AmountExceedsDue => "amount_exceeds_due",
            Self::InvoiceNotOpen => "invoice_not_open",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
