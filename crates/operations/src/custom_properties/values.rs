//! A tenant's custom property values, checked against the library inside the transaction
//! that stores them (a property deleted a moment ago takes no new values).

use crate::error::{OpError, OpResult};
use landlord_domain::custom_property::{
    self, PropertyDefinition, PropertyType, ValueError, Values,
};
use landlord_domain::wire::FieldError;
use landlord_persistence::custom_properties as store;
use landlord_persistence::{AnyConnection, StoreError};

/// The library as far as checking values needs it.
pub fn definitions(conn: &mut AnyConnection) -> OpResult<Vec<PropertyDefinition>> {
    store::all(conn)?
        .into_iter()
        .map(|row| {
            let property_type = PropertyType::parse(&row.property_type).ok_or_else(|| {
                StoreError::Corrupt(format!("unknown property type {:?}", row.property_type))
            })?;
            let default = row
                .default_value
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| StoreError::Corrupt(format!("property default: {e}")))?;
            Ok(PropertyDefinition {
                key: row.key,
                property_type,
                default,
            })
        })
        .collect()
}

/// Each refused value as a field error under `custom_properties.<key>`.
fn refused(errors: Vec<ValueError>) -> OpError {
    OpError::Validation(
        errors
            .into_iter()
            .map(|e| {
                FieldError::new(
                    format!("custom_properties.{}", e.key),
                    e.error.code(),
                    e.error,
                )
            })
            .collect(),
    )
}

/// A new tenant's values: the given ones and the defaults of the rest.
pub fn initial(conn: &mut AnyConnection, given: &Values) -> OpResult<Values> {
    custom_property::initial_values(&definitions(conn)?, given).map_err(refused)
}

/// The tenant's values after `changes`.
pub fn changed(conn: &mut AnyConnection, current: &Values, changes: &Values) -> OpResult<Values> {
    custom_property::apply_values(&definitions(conn)?, current, changes).map_err(refused)
}
