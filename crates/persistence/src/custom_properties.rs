//! Custom properties' storage: the library, and a tenant's values, written to the tenant's
//! `custom_properties` column (what every reader of the tenant sees) and, folded to
//! lowercase text, to `tenant_property_values` (what the list's filter finds by index) in
//! one call, so the two never disagree.

use crate::schema::custom_properties::dsl as p;
use crate::schema::tenant_property_values::dsl as v;
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::custom_property::{Values, folded};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::custom_properties)]
pub struct PropertyRow {
    pub key: String,
    pub name: String,
    pub property_type: String,
    /// JSON of the property's type.
    pub default_value: Option<String>,
    pub description: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The editable parts of a property (its key and type never change).
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = crate::schema::custom_properties, treat_none_as_null = true)]
pub struct PropertyChanges {
    pub name: String,
    pub default_value: Option<String>,
    pub description: Option<String>,
    pub updated_at: Timestamp,
}

/// The library, by key.
pub fn all(conn: &mut AnyConnection) -> Result<Vec<PropertyRow>, StoreError> {
    Ok(p::custom_properties
        .order(p::key.asc())
        .select(PropertyRow::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut AnyConnection, key: &str) -> Result<Option<PropertyRow>, StoreError> {
    Ok(p::custom_properties
        .find(key)
        .select(PropertyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Adds a property; a taken key is a `Conflict`.
pub fn insert(conn: &mut AnyConnection, row: &PropertyRow) -> Result<(), StoreError> {
    diesel::insert_into(p::custom_properties)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn update(
    conn: &mut AnyConnection,
    key: &str,
    changes: &PropertyChanges,
) -> Result<PropertyRow, StoreError> {
    diesel::update(p::custom_properties.find(key))
        .set(changes)
        .execute(conn)?;
    find(conn, key)?.ok_or(StoreError::NotFound)
}

/// How many tenants hold a value of the property.
pub fn holders_count(conn: &mut AnyConnection, key: &str) -> Result<i64, StoreError> {
    Ok(v::tenant_property_values
        .filter(v::property_key.eq(key))
        .count()
        .get_result(conn)?)
}

/// Per property key, how many tenants hold a value of it.
pub fn holder_counts(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(v::tenant_property_values
        .group_by(v::property_key)
        .select((v::property_key, diesel::dsl::count_star()))
        .load(conn)?)
}

/// Deletes the property and every tenant's value of it; returns the tenants whose values
/// changed.
pub fn delete(conn: &mut AnyConnection, key: &str) -> Result<Vec<TenantId>, StoreError> {
    let holders: Vec<i64> = v::tenant_property_values
        .filter(v::property_key.eq(key))
        .select(v::tenant_id)
        .load(conn)?;
    for id in &holders {
        let stored: String = t::tenants
            .find(id)
            .select(t::custom_properties)
            .first(conn)?;
        let mut values = landlord_domain::custom_property::parse_stored(&stored);
        values.remove(key);
        write_values(conn, TenantId(*id), &values)?;
    }
    diesel::delete(p::custom_properties.find(key)).execute(conn)?;
    Ok(holders.into_iter().map(TenantId).collect())
}

/// Replaces the tenant's values with `values`.
pub fn set_tenant_values(
    conn: &mut AnyConnection,
    tenant: TenantId,
    values: &Values,
) -> Result<(), StoreError> {
    diesel::delete(v::tenant_property_values.filter(v::tenant_id.eq(tenant.0))).execute(conn)?;
    // One statement per value: a batch insert has no portable form over both backends,
    // and a tenant holds at most the library's 100 properties.
    for (key, value) in values {
        diesel::insert_into(v::tenant_property_values)
            .values((
                v::tenant_id.eq(tenant.0),
                v::property_key.eq(key.as_str()),
                v::folded_text.eq(folded(value)),
            ))
            .execute(conn)?;
    }
    write_values(conn, tenant, values)
}

fn write_values(
    conn: &mut AnyConnection,
    tenant: TenantId,
    values: &Values,
) -> Result<(), StoreError> {
    let text = serde_json::to_string(values).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    diesel::update(t::tenants.find(tenant.0))
        .set(t::custom_properties.eq(text))
        .execute(conn)?;
    Ok(())
}
