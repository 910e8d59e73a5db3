//! The password policy for new passwords.

/// A new password: 8 to 128 characters, containing a digit, space or ASCII symbol and a
/// letter (any other character that is not a control character).
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
    #[error("must contain a letter and a digit, space or symbol")]
    TooSimple,
}

/// A digit, a space or an ASCII symbol: what every keyboard has besides letters.
fn is_digit_or_symbol(c: char) -> bool {
    c == ' ' || c.is_ascii_digit() || c.is_ascii_punctuation()
}

impl NewPassword {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let chars = input.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        let has_keyboard_other = input.chars().any(is_digit_or_symbol);
        let has_letter = input
            .chars()
            .any(|c| !is_digit_or_symbol(c) && !c.is_control());
        if !has_letter || !has_keyboard_other {
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
        assert!(NewPassword::parse("Пароль-2026").is_ok());
        assert_eq!(
            NewPassword::parse("\u{1}\u{1}\u{1}\u{1}1234"),
            Err(PasswordError::TooSimple)
        );
        assert_eq!(
            format!("{:?}", NewPassword::parse("secret-99").unwrap()),
            "NewPassword(<redacted>)"
        );
    }
}
