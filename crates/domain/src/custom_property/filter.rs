//! The customer list's filter on a custom property: `property=key:value`. A tenant matches
//! when its value of the property, as one line of text and lowercased, equals the value
//! asked for, read as the property's type reads form input: `external_reference:ERP-7`
//! finds `erp-7`, and `seats:12.0` finds the number 12.

use super::{PropertyError, PropertyKey, PropertyType, value_text};
use serde_json::Value;

/// `key:value` as asked, before the library says the property's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyCondition {
    pub key: PropertyKey,
    /// The value as typed, after the first `:`.
    pub input: String,
}

/// Why a condition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConditionError {
    #[error("must be key:value, e.g. external_reference:ERP-7")]
    Malformed,
    #[error("names no value; write key:value")]
    NoValue,
    #[error("the key {0}")]
    Key(PropertyError),
    #[error("the value {0}")]
    Value(PropertyError),
}

impl PropertyCondition {
    pub fn parse(text: &str) -> Result<Self, ConditionError> {
        let (key, input) = text.split_once(':').ok_or(ConditionError::Malformed)?;
        let key = PropertyKey::parse(key.trim()).map_err(ConditionError::Key)?;
        Ok(Self {
            key,
            input: input.to_owned(),
        })
    }

    /// The folded text a tenant's value must equal, the value read as `property_type`.
    pub fn folded_value(&self, property_type: PropertyType) -> Result<String, ConditionError> {
        match property_type.parse_input(&self.input) {
            Ok(Some(value)) => Ok(folded(&value)),
            Ok(None) => Err(ConditionError::NoValue),
            Err(e) => Err(ConditionError::Value(e)),
        }
    }
}

/// A stored value as the filter compares it: its text, lowercased.
pub fn folded(value: &Value) -> String {
    value_text(value).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(text: &str) -> PropertyCondition {
        PropertyCondition::parse(text).unwrap()
    }

    #[test]
    fn the_value_is_everything_after_the_first_colon() {
        let c = condition("external_reference:urn:erp:7");
        assert_eq!(c.key.as_str(), "external_reference");
        assert_eq!(c.input, "urn:erp:7");
    }

    #[test]
    fn a_condition_needs_a_colon_a_key_and_a_value() {
        assert_eq!(
            PropertyCondition::parse("region"),
            Err(ConditionError::Malformed)
        );
        assert_eq!(
            PropertyCondition::parse("Region:eu"),
            Err(ConditionError::Key(PropertyError::InvalidKey))
        );
        assert_eq!(
            condition("region:  ").folded_value(PropertyType::Text),
            Err(ConditionError::NoValue)
        );
    }

    #[test]
    fn values_are_read_as_their_type_and_folded_as_stored_values_are() {
        assert_eq!(
            condition("ref: ERP-7 ").folded_value(PropertyType::Text),
            Ok("erp-7".to_owned())
        );
        assert_eq!(
            condition("seats:12.0").folded_value(PropertyType::Number),
            Ok(folded(&Value::from(12)))
        );
        assert_eq!(
            condition("vip:true").folded_value(PropertyType::Boolean),
            Ok(folded(&Value::Bool(true)))
        );
        assert_eq!(
            condition("seats:many").folded_value(PropertyType::Number),
            Err(ConditionError::Value(PropertyError::InvalidNumber))
        );
        assert_eq!(
            condition("since:2026-02-30").folded_value(PropertyType::Date),
            Err(ConditionError::Value(PropertyError::InvalidDate))
        );
    }
}
