//! The stable, machine-readable `code` of every problem the API answers. The SPA and
//! integrations match on these, never on `detail` text; renaming one is a breaking change.

use serde::{Deserialize, Serialize};

string_enum!(
    ErrorCode {
        // Requests the server cannot read.
        MalformedBody => "malformed_body",
        ValidationFailed => "validation_failed",
        PayloadTooLarge => "payload_too_large",
        UnsupportedMediaType => "unsupported_media_type",
        NotAcceptable => "not_acceptable",
        MethodNotAllowed => "method_not_allowed",
        // Who is asking.
        Unauthorized => "unauthorized",
        TooManyAttempts => "too_many_attempts",
        /// Beyond the tenant's request-rate limit and its queue.
        RateLimited => "rate_limited",
        InvalidToken => "invalid_token",
        // What they may do.
        MissingPermission => "missing_permission",
        ManagementOnly => "management_only",
        SubtenantsNotAllowed => "subtenants_not_allowed",
        OwnTenant => "own_tenant",
        /// Only the tenant's own users may do this (grant support access).
        OwnTenantOnly => "own_tenant_only",
        /// A support session may not do this (grant itself more access).
        SupportSession => "support_session",
        /// Support access is off at platform level, or the tenant granted none.
        SupportAccessDenied => "support_access_denied",
        NotFound => "not_found",
        // Conflicts with stored state.
        Conflict => "conflict",
        DomainTaken => "domain_taken",
        UsernameTaken => "username_taken",
        NumberTaken => "number_taken",
        InvalidTransition => "invalid_transition",
        FirstAdmin => "first_admin",
        SelfDelete => "self_delete",
        PasswordMismatch => "password_mismatch",
        EndpointDisabled => "endpoint_disabled",
        // Idempotency-Key.
        IdempotencyKeyReused => "idempotency_key_reused",
        IdempotencyKeyInUse => "idempotency_key_in_use",
        // The server's side.
        Unavailable => "unavailable",
        InternalError => "internal_error",
        // Billing.
        CodeTaken => "code_taken",
        PlanArchived => "plan_archived",
        CycleNotOffered => "cycle_not_offered",
        BillingRestricted => "billing_restricted",
        NoSubscription => "no_subscription",
        CurrencyMismatch => "currency_mismatch",
        AmountExceedsDue => "amount_exceeds_due",
        InvoiceNotOpen => "invoice_not_open",
        // Capabilities.
        KeyTaken => "key_taken",
        /// The custom property library is full.
        LibraryFull => "library_full",
        QuotaExceeded => "quota_exceeded",
        FeatureNotHeld => "feature_not_held",
        LicenceCapExceeded => "licence_cap_exceeded",
        ParentQuotaExceeded => "parent_quota_exceeded",
        /// A top-up asked of an unlimited quota.
        QuotaUnlimited => "quota_unlimited",
        /// A lease asked of a quota that is not `concurrent`.
        QuotaNotConcurrent => "quota_not_concurrent",
        // Tenant options and policies.
        /// An option the management tenant locked, changed by anyone else.
        OptionLocked => "option_locked",
        // Provisioning.
        /// Another external provisioning step has this name.
        StepNameTaken => "step_name_taken",
        /// Retry and mark-active need a pipeline that failed.
        ProvisioningNotFailed => "provisioning_not_failed",
        // Applications.
        /// Only a microservice has instances to report.
        NotAMicroservice => "not_a_microservice",
        /// Only the application's owner (an administrator or a service token of it) reports
        /// its instances.
        NotOwner => "not_owner",
    }
);

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
