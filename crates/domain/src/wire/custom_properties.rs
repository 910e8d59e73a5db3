//! The custom property library (`/custom-properties`).

use super::common::{FieldErrors, check_label, optional_text};
use crate::custom_property::{PropertyKey, PropertyType};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A custom property value as the document describes it: a string (text, and dates as
/// `YYYY-MM-DD`), a number or a boolean, as the property's type says.
#[cfg(feature = "openapi")]
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum PropertyValue {
    Text(String),
    Number(f64),
    Boolean(bool),
}

/// A value to set, or `null` to remove it.
#[cfg(feature = "openapi")]
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum PropertyValueChange {
    Text(String),
    Number(f64),
    Boolean(bool),
    Remove,
}

/// A property of the library.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomPropertyView {
    /// Unique and immutable; the key of the tenant's `custom_properties` entry and, as
    /// `custom.<key>`, of the usage statistics' and the export's column.
    pub key: String,
    pub name: String,
    /// Immutable: what the values are.
    #[serde(rename = "type")]
    pub property_type: PropertyType,
    /// What a tenant created without a value starts with (of the property's type).
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub default: Option<Value>,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub description: Option<String>,
    /// How many tenants hold a value.
    pub tenants_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new property.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCustomPropertyRequest {
    /// A lowercase letter, then lowercase letters, digits or `_`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z][a-z0-9_]{0,63}$"))]
    pub key: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 100
        )
    )]
    pub name: String,
    #[serde(rename = "type")]
    pub property_type: PropertyType,
    /// Of the property's type: a string for text (at most 1,000 characters) and date
    /// (`YYYY-MM-DD`), a number, a boolean.
    #[serde(default)]
    pub default: Option<Value>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 500)
    )]
    pub description: Option<String>,
}

/// Changes to a property: its name, default and description (key and type are fixed).
/// Absent fields stay; `null` clears the default or the description.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateCustomPropertyRequest {
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 100
        )
    )]
    pub name: Option<String>,
    /// Of the property's type; `null` clears it.
    #[serde(default, deserialize_with = "super::common::double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Value>))]
    pub default: Option<Option<Value>>,
    #[serde(default, deserialize_with = "super::common::double_option")]
    #[cfg_attr(
        feature = "openapi",
        schema(
            value_type = Option<String>,
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$",
            max_length = 500
        )
    )]
    pub description: Option<Option<String>>,
}

/// A checked new property.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCustomProperty {
    pub key: PropertyKey,
    pub name: String,
    pub property_type: PropertyType,
    pub default: Option<Value>,
    pub description: Option<String>,
}

/// Checked changes to a property of `property_type`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomPropertyChanges {
    pub name: Option<String>,
    pub default: Option<Option<Value>>,
    pub description: Option<Option<String>>,
}

fn check_default(e: &mut FieldErrors, property_type: PropertyType, value: &Value) -> Option<Value> {
    match property_type.parse_value(value) {
        Ok(v) => v,
        Err(err) => {
            e.push("default", err.code(), err);
            None
        }
    }
}

impl CreateCustomPropertyRequest {
    pub fn parse(&self) -> Result<NewCustomProperty, FieldErrors> {
        let mut e = FieldErrors::default();
        let key = e.check(
            "key",
            |err: &crate::custom_property::PropertyError| err.code(),
            PropertyKey::parse(&self.key),
        );
        let name = check_label(&mut e, "name", "invalid_name", &self.name, 100);
        let default = self
            .default
            .as_ref()
            .and_then(|d| check_default(&mut e, self.property_type, d));
        let description = optional_text(&mut e, "description", self.description.as_deref(), 500);
        e.into_result()?;
        Ok(NewCustomProperty {
            key: key.ok_or_else(FieldErrors::default)?,
            name,
            property_type: self.property_type,
            default,
            description,
        })
    }
}

impl UpdateCustomPropertyRequest {
    /// Checks the changes against the property's (fixed) type.
    pub fn parse(&self, property_type: PropertyType) -> Result<CustomPropertyChanges, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = self
            .name
            .as_deref()
            .map(|n| check_label(&mut e, "name", "invalid_name", n, 100));
        let default = self.default.as_ref().map(|d| match d {
            Some(value) => check_default(&mut e, property_type, value),
            None => None,
        });
        let description = self
            .description
            .as_ref()
            .map(|d| optional_text(&mut e, "description", d.as_deref(), 500));
        e.into_result()?;
        Ok(CustomPropertyChanges {
            name,
            default,
            description,
        })
    }
}
