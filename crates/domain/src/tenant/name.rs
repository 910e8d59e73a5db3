use serde::{Deserialize, Serialize};

/// A tenant's display name, e.g. the customer's company name: at most 200 characters as
/// sent, not blank, no control characters; stored trimmed. The rules read the input as sent,
/// so the OpenAPI document states them exactly ([`crate::wire::patterns::NAME`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct TenantName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("must not be blank")]
    Blank,
    #[error("must be at most 200 characters long")]
    TooLong,
    #[error("must not contain control characters")]
    ControlCharacter,
}

impl TenantName {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(input: &str) -> Result<Self, NameError> {
        if input.chars().count() > Self::MAX_CHARS {
            return Err(NameError::TooLong);
        }
        if input.chars().any(char::is_control) {
            return Err(NameError::ControlCharacter);
        }
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(NameError::Blank);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl<'de> Deserialize<'de> for TenantName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_accepts_unicode() {
        assert_eq!(
            TenantName::parse("  Müller GmbH ").map(TenantName::into_inner),
            Ok("Müller GmbH".into())
        );
    }

    #[test]
    fn rejects_blank_long_and_control() {
        assert_eq!(TenantName::parse("   "), Err(NameError::Blank));
        assert_eq!(TenantName::parse(&"x".repeat(201)), Err(NameError::TooLong));
        assert_eq!(
            TenantName::parse("a\u{0}b"),
            Err(NameError::ControlCharacter)
        );
        // As sent: a trailing newline is a control character, padding counts toward the length.
        assert_eq!(
            TenantName::parse("Acme\n"),
            Err(NameError::ControlCharacter)
        );
        assert_eq!(
            TenantName::parse(&format!(" {}", "x".repeat(200))),
            Err(NameError::TooLong)
        );
    }
}
