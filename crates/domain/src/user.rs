//! Users of a tenant: their login name and account status.

use serde::{Deserialize, Serialize};

/// A login name, unique within its tenant: 1 to 64 characters of letters, digits and
/// `.`, `_`, `-`, `@`, `+` (so an email address works as a username).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Username(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most 64 characters long")]
    TooLong,
    #[error("may contain only letters a-z and A-Z, digits and . _ - @ + (found {0:?})")]
    InvalidCharacter(char),
}

impl Username {
    /// 1 to 64 ASCII letters, digits and `. _ - @ +`. ASCII only: a username is what people
    /// type to sign in and what the audit log shows, and look-alike letters from other
    /// scripts (Cyrillic `а` for Latin `a`) would let one user pass for another.
    pub fn parse(input: &str) -> Result<Self, UsernameError> {
        if input.is_empty() {
            return Err(UsernameError::Empty);
        }
        if input.chars().count() > 64 {
            return Err(UsernameError::TooLong);
        }
        if let Some(bad) = input
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || "._-@+".contains(*c)))
        {
            return Err(UsernameError::InvalidCharacter(bad));
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

impl<'de> Deserialize<'de> for Username {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

string_enum!(/// Whether a user may sign in.
    #[derive(Default)]
    UserStatus {
        #[default]
        Active => "active",
        Disabled => "disabled",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_allow_email_like_names_only() {
        assert!(Username::parse("ada.lovelace@example.com").is_ok());
        assert_eq!(Username::parse(""), Err(UsernameError::Empty));
        assert_eq!(
            Username::parse("a b"),
            Err(UsernameError::InvalidCharacter(' '))
        );
        assert_eq!(
            Username::parse("\u{430}dmin"),
            Err(UsernameError::InvalidCharacter('\u{430}'))
        );
        assert_eq!(
            Username::parse(&"u".repeat(65)),
            Err(UsernameError::TooLong)
        );
    }
}
