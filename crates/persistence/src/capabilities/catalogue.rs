//! The system-wide feature and quota catalogues, and what each plan includes of them.

use crate::schema::features::dsl as f;
use crate::schema::plan_features::dsl as pf;
use crate::schema::plan_quotas::dsl as pq;
use crate::schema::quota_definitions::dsl as q;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::features)]
pub struct FeatureRow {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub feature_group: Option<String>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::quota_definitions)]
pub struct QuotaDefinitionRow {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub kind: String,
    pub default_limit: i64,
    pub hard: bool,
    pub licence_cap: Option<i64>,
    pub quota_group: Option<String>,
    pub created_at: Timestamp,
    /// `80,100`: percent of a tenant's limit, ascending (empty: no alerts).
    pub alert_thresholds: String,
}

/// Adds a feature; a taken key is a `Conflict`.
pub fn insert_feature(conn: &mut AnyConnection, row: &FeatureRow) -> Result<(), StoreError> {
    diesel::insert_into(f::features).values(row).execute(conn)?;
    Ok(())
}

/// Every feature, by key.
pub fn features(conn: &mut AnyConnection) -> Result<Vec<FeatureRow>, StoreError> {
    Ok(f::features
        .order(f::key.asc())
        .select(FeatureRow::as_select())
        .load(conn)?)
}

pub fn find_feature(conn: &mut AnyConnection, key: &str) -> Result<Option<FeatureRow>, StoreError> {
    Ok(f::features
        .find(key)
        .select(FeatureRow::as_select())
        .first(conn)
        .optional()?)
}

/// Adds a quota definition; a taken key is a `Conflict`.
pub fn insert_quota(conn: &mut AnyConnection, row: &QuotaDefinitionRow) -> Result<(), StoreError> {
    diesel::insert_into(q::quota_definitions)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Every quota definition, by key.
pub fn quotas(conn: &mut AnyConnection) -> Result<Vec<QuotaDefinitionRow>, StoreError> {
    Ok(q::quota_definitions
        .order(q::key.asc())
        .select(QuotaDefinitionRow::as_select())
        .load(conn)?)
}

pub fn find_quota(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<QuotaDefinitionRow>, StoreError> {
    Ok(q::quota_definitions
        .find(key)
        .select(QuotaDefinitionRow::as_select())
        .first(conn)
        .optional()?)
}

/// The feature keys of each of `plans`.
pub fn plan_features(
    conn: &mut AnyConnection,
    plans: &[i64],
) -> Result<BTreeMap<i64, Vec<String>>, StoreError> {
    let rows: Vec<(i64, String)> = pf::plan_features
        .filter(pf::plan_id.eq_any(plans))
        .order((pf::plan_id, pf::feature_key))
        .select((pf::plan_id, pf::feature_key))
        .load(conn)?;
    let mut out: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (plan, key) in rows {
        out.entry(plan).or_default().push(key);
    }
    Ok(out)
}

/// The quota limits of each of `plans`.
pub fn plan_quotas(
    conn: &mut AnyConnection,
    plans: &[i64],
) -> Result<BTreeMap<i64, BTreeMap<String, i64>>, StoreError> {
    let rows: Vec<(i64, String, i64)> = pq::plan_quotas
        .filter(pq::plan_id.eq_any(plans))
        .select((pq::plan_id, pq::quota_key, pq::limit_value))
        .load(conn)?;
    let mut out: BTreeMap<i64, BTreeMap<String, i64>> = BTreeMap::new();
    for (plan, key, limit) in rows {
        out.entry(plan).or_default().insert(key, limit);
    }
    Ok(out)
}

/// Replaces a plan's features.
pub fn set_plan_features(
    conn: &mut AnyConnection,
    plan: i64,
    keys: &[String],
) -> Result<(), StoreError> {
    diesel::delete(pf::plan_features.filter(pf::plan_id.eq(plan))).execute(conn)?;
    // One row at a time: the multi-backend connection has no batch insert, and a plan
    // holds a handful.
    for key in keys {
        diesel::insert_into(pf::plan_features)
            .values((pf::plan_id.eq(plan), pf::feature_key.eq(key)))
            .execute(conn)?;
    }
    Ok(())
}

/// Replaces a plan's quota limits.
pub fn set_plan_quotas(
    conn: &mut AnyConnection,
    plan: i64,
    limits: &BTreeMap<String, i64>,
) -> Result<(), StoreError> {
    diesel::delete(pq::plan_quotas.filter(pq::plan_id.eq(plan))).execute(conn)?;
    for (key, limit) in limits {
        diesel::insert_into(pq::plan_quotas)
            .values((
                pq::plan_id.eq(plan),
                pq::quota_key.eq(key),
                pq::limit_value.eq(*limit),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// `(tenant, plan)` of the current (not canceled) subscriptions of `tenants`.
pub fn plans_of(conn: &mut AnyConnection, tenants: &[i64]) -> Result<Vec<(i64, i64)>, StoreError> {
    use crate::schema::subscriptions::dsl as s;
    Ok(s::subscriptions
        .filter(s::tenant_id.eq_any(tenants))
        .filter(s::status.ne("canceled"))
        .select((s::tenant_id, s::plan_id))
        .load(conn)?)
}

/// Sets a quota's alert thresholds (as stored: `80,100`); false if there is no such quota.
pub fn set_thresholds(conn: &mut AnyConnection, key: &str, text: &str) -> Result<bool, StoreError> {
    Ok(diesel::update(q::quota_definitions.find(key))
        .set(q::alert_thresholds.eq(text))
        .execute(conn)?
        == 1)
}
