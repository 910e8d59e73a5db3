//! Tenant options, retention rules and tenant policies (seed 003): the pure rules. Which
//! option keys are credentials (stored encrypted, never answered in clear), who may change a
//! locked option, what a retention rule may say, and where a tenant differs from its policy
//! ([`drift`]). The cipher itself is no domain matter: `operations::options::cipher`.

mod drift;
pub use drift::{DriftStatus, OptionDrift, OptionEntry, RuleDrift, option_drift, rule_drift};

use serde::{Deserialize, Serialize};

/// Keys starting with this are credentials: stored encrypted, never returned in clear.
pub const CREDENTIALS_PREFIX: &str = "credentials.";

/// The longest option value accepted.
pub const MAX_VALUE_CHARS: usize = 10_000;

/// The longest retention a rule may give (100 years).
pub const MAX_AGE_DAYS: i64 = 36_500;

/// The longest category or key.
pub const MAX_NAME_CHARS: usize = 100;

string_enum!(/// What a retention rule purges.
    RetentionDataType {
        /// Audit log entries (the filter, if any, is an action prefix such as `auth.`).
        Audit => "audit",
        /// Usage events (the filter, if any, is a meter key).
        UsageEvents => "usage_events",
        /// Quota notifications (the filter, if any, is a notification kind).
        Notifications => "notifications",
        /// All of the above (no filter).
        All => "*",
    }
);

impl RetentionDataType {
    /// Whether a rule of this type covers `kind`.
    pub fn covers(self, kind: RetentionDataType) -> bool {
        self == kind || self == Self::All
    }
}

/// A policy chosen at a tenant's creation: copied into the tenant, and with `linked` kept
/// in step with the policy's later edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyChoice {
    pub policy: i64,
    pub linked: bool,
}

/// Whether `key` names a credential.
pub fn is_credential(key: &str) -> bool {
    key.starts_with(CREDENTIALS_PREFIX)
}

/// An option's category or key: 1 to 100 of `a-z 0-9 _ . -`, starting with a letter or digit.
pub fn parse_name(value: &str) -> Result<&str, &'static str> {
    let ok = !value.is_empty()
        && value.len() <= MAX_NAME_CHARS
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
        && value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if ok {
        Ok(value)
    } else {
        Err("must be 1 to 100 of a-z, 0-9, '_', '.', '-', starting with a letter or digit")
    }
}

/// Whether a change to an option (set, unlock, delete) is allowed: a locked option is
/// changed by the management tenant only.
pub fn may_change(locked: bool, caller_is_management: bool) -> bool {
    !locked || caller_is_management
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_lowercase_words_with_dots() {
        assert!(parse_name("credentials.smtp-password").is_ok());
        assert!(parse_name("access.control_2").is_ok());
        assert!(parse_name("").is_err());
        assert!(parse_name(".hidden").is_err());
        assert!(parse_name("Upper").is_err());
        assert!(parse_name("with space").is_err());
        assert!(parse_name(&"a".repeat(101)).is_err());
    }

    #[test]
    fn credentials_are_the_prefixed_keys() {
        assert!(is_credential("credentials.api_key"));
        assert!(!is_credential("credentials"));
        assert!(!is_credential("mail.credentials.x"));
    }

    #[test]
    fn a_locked_option_is_changed_by_the_management_tenant_only() {
        assert!(may_change(false, false));
        assert!(may_change(true, true));
        assert!(!may_change(true, false));
    }

    #[test]
    fn the_wildcard_covers_every_type() {
        assert!(RetentionDataType::All.covers(RetentionDataType::Audit));
        assert!(RetentionDataType::Audit.covers(RetentionDataType::Audit));
        assert!(!RetentionDataType::Audit.covers(RetentionDataType::UsageEvents));
    }
}
