//! The password policy for new passwords.

/// A new password: 8 to 128 characters, not all alike, containing a letter and a non-letter.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("must be at least 8 characters long")]
    TooShort,
    #[error("must be at most 128 characters long")]
    TooLong,
    #[error("must contain a letter and a digit or symbol")]
    TooSimple,
}

impl NewPassword {
    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let chars = input.chars().count();
        if chars < 8 {
            return Err(PasswordError::TooShort);
        }
        if chars > 128 {
            return Err(PasswordError::TooLong);
        }
        let has_letter = input.chars().any(char::is_alphabetic);
        let has_other = input.chars().any(|c| !c.is_alphabetic());
        if !has_letter || !has_other {
            return Err(PasswordError::TooSimple);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(NewPassword::parse("short1"), Err(PasswordError::TooShort));
        assert_eq!(
            NewPassword::parse("onlyletters"),
            Err(PasswordError::TooSimple)
        );
        assert_eq!(
            NewPassword::parse("12345678"),
            Err(PasswordError::TooSimple)
        );
        assert!(NewPassword::parse("correct horse 9").is_ok());
        assert_eq!(
            format!("{:?}", NewPassword::parse("secret-99").unwrap()),
            "NewPassword(<redacted>)"
        );
    }
}
