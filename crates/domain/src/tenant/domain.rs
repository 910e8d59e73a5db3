use serde::{Deserialize, Serialize};
use std::fmt;

/// A tenant's domain: a single DNS label, because it becomes the first part of the tenant's
/// URL (`acme.example.com`) and TLS wildcard certificates cover exactly one level.
///
/// Rules: 2 to 63 characters of lowercase ASCII letters, digits and hyphens; starts with a
/// letter; does not end with a hyphen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct TenantDomain(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("must be at least 2 characters long")]
    TooShort,
    #[error("must be at most 63 characters long")]
    TooLong,
    #[error("must start with a lowercase letter")]
    MustStartWithLetter,
    #[error("must not end with a hyphen")]
    TrailingHyphen,
    #[error("may contain only lowercase letters, digits and hyphens (found {0:?})")]
    InvalidCharacter(char),
}

impl DomainError {
    /// A stable machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooShort => "too_short",
            Self::TooLong => "too_long",
            Self::MustStartWithLetter => "must_start_with_letter",
            Self::TrailingHyphen => "trailing_hyphen",
            Self::InvalidCharacter(_) => "invalid_character",
        }
    }
}

impl TenantDomain {
    pub const MIN_LEN: usize = 2;
    pub const MAX_LEN: usize = 63;

    pub fn parse(input: &str) -> Result<Self, DomainError> {
        if let Some(bad) = input
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(DomainError::InvalidCharacter(bad));
        }
        // Only ASCII remains, so byte length equals character count.
        if input.len() < Self::MIN_LEN {
            return Err(DomainError::TooShort);
        }
        if input.len() > Self::MAX_LEN {
            return Err(DomainError::TooLong);
        }
        if !input.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err(DomainError::MustStartWithLetter);
        }
        if input.ends_with('-') {
            return Err(DomainError::TrailingHyphen);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for TenantDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TenantDomain {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_typical_labels() {
        for ok in ["acme", "a1", "acme-corp", "x-1-y", &"a".repeat(63)] {
            assert_eq!(
                TenantDomain::parse(ok).map(|d| d.into_inner()),
                Ok(ok.to_owned())
            );
        }
    }

    #[test]
    fn rejects_each_rule_with_its_own_error() {
        assert_eq!(TenantDomain::parse("a"), Err(DomainError::TooShort));
        assert_eq!(TenantDomain::parse(""), Err(DomainError::TooShort));
        assert_eq!(
            TenantDomain::parse(&"a".repeat(64)),
            Err(DomainError::TooLong)
        );
        assert_eq!(
            TenantDomain::parse("1acme"),
            Err(DomainError::MustStartWithLetter)
        );
        assert_eq!(
            TenantDomain::parse("-acme"),
            Err(DomainError::MustStartWithLetter)
        );
        assert_eq!(
            TenantDomain::parse("acme-"),
            Err(DomainError::TrailingHyphen)
        );
        assert_eq!(
            TenantDomain::parse("Acme"),
            Err(DomainError::InvalidCharacter('A'))
        );
        assert_eq!(
            TenantDomain::parse("ac.me"),
            Err(DomainError::InvalidCharacter('.'))
        );
        assert_eq!(
            TenantDomain::parse("acmé"),
            Err(DomainError::InvalidCharacter('é'))
        );
    }

    proptest! {
        #[test]
        fn every_valid_label_round_trips(label in "[a-z][a-z0-9-]{0,61}[a-z0-9]") {
            let parsed = TenantDomain::parse(&label).map(TenantDomain::into_inner);
            prop_assert_eq!(parsed, Ok(label));
        }

        #[test]
        fn anything_accepted_obeys_every_rule(input in "\\PC{0,70}") {
            if let Ok(domain) = TenantDomain::parse(&input) {
                let s = domain.as_str();
                prop_assert!((2..=63).contains(&s.len()));
                prop_assert!(s.starts_with(|c: char| c.is_ascii_lowercase()));
                prop_assert!(!s.ends_with('-'));
                prop_assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            }
        }
    }
}
