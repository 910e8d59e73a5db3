//! Custom properties (seed 003): the operator's library of extra tenant fields (an ERP
//! reference, a sales region, a contract date), each with a type its values are checked
//! against, and a tenant's values as one JSON object.
//!
//! A tenant's values live on the tenant as `{key: value}`; a value is stored in the JSON
//! type its property's type maps to (text and date as strings, numbers as numbers,
//! booleans as booleans), so every reader sees the same shape the API answers.

mod filter;
pub use filter::{ConditionError, PropertyCondition, folded};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A tenant's values, by property key.
pub type Values = BTreeMap<String, Value>;

string_enum!(/// What a property's values are.
    PropertyType {
        /// Free text of at most [`MAX_TEXT_CHARS`] characters, without control characters.
        Text => "text",
        /// A finite number.
        Number => "number",
        Boolean => "boolean",
        /// A calendar date, `YYYY-MM-DD`.
        Date => "date",
    }
);

/// The property every library starts with: the tenant's reference in the operator's own
/// systems (seed 003 lists it among the usage statistics' columns).
pub const EXTERNAL_REFERENCE: &str = "external_reference";

/// The longest text value.
pub const MAX_TEXT_CHARS: usize = 1000;
/// The longest key.
pub const MAX_KEY_CHARS: usize = 64;
/// The most properties a library holds: every one is a column of the usage statistics and
/// the export, so the library stays a list a person can read.
pub const MAX_PROPERTIES: usize = 100;

/// A property's key: a lowercase letter, then lowercase letters, digits and underscores,
/// at most [`MAX_KEY_CHARS`] characters; immutable once created.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PropertyKey(String);

/// Why a key or a value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PropertyError {
    #[error(
        "must start with a lowercase letter and hold only lowercase letters, digits and underscores (at most 64 characters)"
    )]
    InvalidKey,
    #[error("must be text of at most 1000 characters without control characters")]
    InvalidText,
    #[error("must be a number")]
    InvalidNumber,
    #[error("must be true or false")]
    InvalidBoolean,
    #[error("must be a date, YYYY-MM-DD")]
    InvalidDate,
    #[error("is not a property in the library")]
    UnknownProperty,
}

impl PropertyError {
    /// The error code a problem's field error carries.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidKey => "invalid_key",
            Self::InvalidText => "invalid_text",
            Self::InvalidNumber => "invalid_number",
            Self::InvalidBoolean => "invalid_boolean",
            Self::InvalidDate => "invalid_date",
            Self::UnknownProperty => "unknown_property",
        }
    }
}

impl PropertyKey {
    pub fn parse(key: &str) -> Result<Self, PropertyError> {
        let mut chars = key.chars();
        let starts_well = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if starts_well && rest_ok && key.len() <= MAX_KEY_CHARS {
            Ok(Self(key.to_owned()))
        } else {
            Err(PropertyError::InvalidKey)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PropertyType {
    /// `value` as this type stores it: text trimmed, a date as written, a number and a
    /// boolean as they are. Blank text is no value (`None`), as in the tenant's other
    /// optional text fields.
    pub fn parse_value(self, value: &Value) -> Result<Option<Value>, PropertyError> {
        match (self, value) {
            (_, Value::Null) => Ok(None),
            (Self::Text, Value::String(s)) => {
                if s.chars().count() > MAX_TEXT_CHARS || s.chars().any(char::is_control) {
                    return Err(PropertyError::InvalidText);
                }
                let trimmed = s.trim();
                Ok((!trimmed.is_empty()).then(|| Value::String(trimmed.to_owned())))
            }
            (Self::Text, _) => Err(PropertyError::InvalidText),
            (Self::Number, Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => {
                Ok(Some(value.clone()))
            }
            (Self::Number, _) => Err(PropertyError::InvalidNumber),
            (Self::Boolean, Value::Bool(_)) => Ok(Some(value.clone())),
            (Self::Boolean, _) => Err(PropertyError::InvalidBoolean),
            (Self::Date, Value::String(s)) => parse_date(s)
                .map(|d| Some(Value::String(d)))
                .ok_or(PropertyError::InvalidDate),
            (Self::Date, _) => Err(PropertyError::InvalidDate),
        }
    }
}

impl PropertyType {
    /// A value typed into a form field as text (what the admin app's inputs hold): empty
    /// is no value, a number is parsed, a boolean is `true` or `false`; then checked as
    /// [`Self::parse_value`] checks JSON.
    pub fn parse_input(self, text: &str) -> Result<Option<Value>, PropertyError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let value = match self {
            Self::Text | Self::Date => Value::String(text.to_owned()),
            Self::Number => text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(|n| match text.parse::<i64>() {
                    Ok(i) => Value::from(i),
                    Err(_) => Value::Number(n),
                })
                .ok_or(PropertyError::InvalidNumber)?,
            Self::Boolean => match text {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => return Err(PropertyError::InvalidBoolean),
            },
        };
        self.parse_value(&value)
    }
}

/// A `YYYY-MM-DD` date that exists, as written.
fn parse_date(s: &str) -> Option<String> {
    let well_formed = s.len() == 10
        && s.char_indices()
            .all(|(i, c)| matches!(i, 4 | 7) == (c == '-') && (c == '-' || c.is_ascii_digit()));
    (well_formed && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()).then(|| s.to_owned())
}

/// A property of the library, as far as checking a value needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyDefinition {
    pub key: String,
    pub property_type: PropertyType,
    /// What a tenant created without a value for it starts with.
    pub default: Option<Value>,
}

/// One refused entry of a tenant's values: the key it was given under and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    pub key: String,
    pub error: PropertyError,
}

/// A tenant's values after `changes`: each given key must be in `library` and its value of
/// the property's type; `null` (or blank text) removes the value. Every refused entry is
/// reported, in key order.
pub fn apply_values(
    library: &[PropertyDefinition],
    current: &Values,
    changes: &Values,
) -> Result<Values, Vec<ValueError>> {
    let mut values = current.clone();
    let mut errors = Vec::new();
    for (key, value) in changes {
        let Some(property) = library.iter().find(|p| &p.key == key) else {
            errors.push(ValueError {
                key: key.clone(),
                error: PropertyError::UnknownProperty,
            });
            continue;
        };
        match property.property_type.parse_value(value) {
            Ok(Some(stored)) => {
                values.insert(key.clone(), stored);
            }
            Ok(None) => {
                values.remove(key);
            }
            Err(error) => errors.push(ValueError {
                key: key.clone(),
                error,
            }),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// A new tenant's values: the given ones, checked, and each property's default where none
/// was given (a property created later, or a default changed later, leaves existing
/// tenants as they are, so nobody's values change behind their back).
pub fn initial_values(
    library: &[PropertyDefinition],
    given: &Values,
) -> Result<Values, Vec<ValueError>> {
    let defaults: Values = library
        .iter()
        .filter(|p| !given.contains_key(&p.key))
        .filter_map(|p| Some((p.key.clone(), p.default.clone()?)))
        .collect();
    apply_values(library, &defaults, given)
}

/// A value as one line of text, for a CSV cell and a text comparison: a string as it is,
/// a number without a needless `.0`, a boolean as `true`/`false`.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A tenant's stored values (the JSON text of its `custom_properties` column); anything
/// but an object reads as no values.
pub fn parse_stored(text: &str) -> Values {
    serde_json::from_str(text).unwrap_or_default()
}

#[cfg(test)]
mod tests;
