//! Tenant options, retention rules, tenant policies and which policy a tenant has
//! (migration 000019). Values are stored as given: a credential's value arrives here already
//! encrypted (`operations::options::cipher`).

mod catalogue;
mod purge;
pub use catalogue::*;
pub use purge::*;

use crate::schema::tenant_options::dsl as o;
use crate::schema::tenant_retention_rules::dsl as r;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

/// One option of a tenant.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::tenant_options)]
pub struct OptionRow {
    pub tenant_id: i64,
    pub category: String,
    pub option_key: String,
    pub value: String,
    pub encrypted: bool,
    pub locked: bool,
    pub updated_at: Timestamp,
}

/// One retention rule (of a tenant or a policy: `owner` is the tenant's or policy's id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub data_type: String,
    pub filter: Option<String>,
    pub max_age_days: i64,
}

/// The tenant's options, by category and key.
pub fn options_of(conn: &mut AnyConnection, tenant: i64) -> Result<Vec<OptionRow>, StoreError> {
    Ok(o::tenant_options
        .filter(o::tenant_id.eq(tenant))
        .order((o::category, o::option_key))
        .select(OptionRow::as_select())
        .load(conn)?)
}

pub fn find_option(
    conn: &mut AnyConnection,
    tenant: i64,
    category: &str,
    key: &str,
) -> Result<Option<OptionRow>, StoreError> {
    Ok(o::tenant_options
        .filter(o::tenant_id.eq(tenant))
        .filter(o::category.eq(category))
        .filter(o::option_key.eq(key))
        .select(OptionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Sets (creates or replaces) one option.
pub fn put_option(conn: &mut AnyConnection, row: &OptionRow) -> Result<(), StoreError> {
    crate::dialect::upsert_tenant_option(conn, row)?;
    Ok(())
}

pub fn delete_option(
    conn: &mut AnyConnection,
    tenant: i64,
    category: &str,
    key: &str,
) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        o::tenant_options
            .filter(o::tenant_id.eq(tenant))
            .filter(o::category.eq(category))
            .filter(o::option_key.eq(key)),
    )
    .execute(conn)?)
}

/// The tenant's retention rules, in the order given.
pub fn rules_of(conn: &mut AnyConnection, tenant: i64) -> Result<Vec<RuleRow>, StoreError> {
    let rows: Vec<(String, Option<String>, i64)> = r::tenant_retention_rules
        .filter(r::tenant_id.eq(tenant))
        .order(r::id)
        .select((r::data_type, r::filter, r::max_age_days))
        .load(conn)?;
    Ok(rows.into_iter().map(RuleRow::from).collect())
}

/// Replaces the tenant's retention rules.
pub fn set_rules(
    conn: &mut AnyConnection,
    tenant: i64,
    rules: &[RuleRow],
) -> Result<(), StoreError> {
    diesel::delete(r::tenant_retention_rules.filter(r::tenant_id.eq(tenant))).execute(conn)?;
    for rule in rules {
        diesel::insert_into(r::tenant_retention_rules)
            .values((
                r::tenant_id.eq(tenant),
                r::data_type.eq(&rule.data_type),
                r::filter.eq(&rule.filter),
                r::max_age_days.eq(rule.max_age_days),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Every tenant's retention rules: (tenant, rule), for the purge.
pub fn all_rules(conn: &mut AnyConnection) -> Result<Vec<(i64, RuleRow)>, StoreError> {
    let rows: Vec<(i64, String, Option<String>, i64)> = r::tenant_retention_rules
        .order((r::tenant_id, r::id))
        .select((r::tenant_id, r::data_type, r::filter, r::max_age_days))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(t, d, f, m)| (t, RuleRow::from((d, f, m))))
        .collect())
}

impl From<(String, Option<String>, i64)> for RuleRow {
    fn from((data_type, filter, max_age_days): (String, Option<String>, i64)) -> Self {
        Self {
            data_type,
            filter,
            max_age_days,
        }
    }
}
