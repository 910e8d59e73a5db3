//! What licence and hierarchy caps read and lock: the limits a parent's direct subtenants
//! hold, a subtree's usage, and the rows that serialise changes to limits and consumption
//! within a subtree. Each lock is a plain `UPDATE` of the row to itself, which takes the row
//! lock on PostgreSQL (a second transaction waits there, then reads what the first committed)
//! and is harmless on SQLite, whose writers are serialised anyway: no dialect branch needed.

use super::usage::CounterKey;
use crate::schema::quota_definitions::dsl as q;
use crate::schema::quota_usage::dsl as u;
use crate::schema::tenant_quotas::dsl as tq;
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use diesel::prelude::*;
use landlord_domain::tenant::TenantPath;

/// Locks every quota definition's row, so that changes to limits run one at a time: the
/// sums they check cannot move under them.
pub fn lock_definitions(conn: &mut AnyConnection) -> Result<(), StoreError> {
    diesel::update(q::quota_definitions)
        .set(q::licence_cap.eq(q::licence_cap))
        .execute(conn)?;
    Ok(())
}

/// Sets a quota's licence number; `false` when there is no such quota.
pub fn set_licence_cap(
    conn: &mut AnyConnection,
    key: &str,
    cap: Option<i64>,
) -> Result<bool, StoreError> {
    Ok(diesel::update(q::quota_definitions.find(key))
        .set(q::licence_cap.eq(cap))
        .execute(conn)?
        == 1)
}

/// The ids of `parent`'s direct subtenants.
pub fn children(conn: &mut AnyConnection, parent: i64) -> Result<Vec<i64>, StoreError> {
    Ok(t::tenants
        .filter(t::parent_id.eq(parent))
        .select(t::id)
        .load(conn)?)
}

/// `(tenant, quota, limit)` of every override of `tenants`.
pub fn overrides_of(
    conn: &mut AnyConnection,
    tenants: &[i64],
) -> Result<Vec<(i64, String, i64)>, StoreError> {
    Ok(tq::tenant_quotas
        .filter(tq::tenant_id.eq_any(tenants))
        .select((tq::tenant_id, tq::quota_key, tq::limit_value))
        .load(conn)?)
}

/// The tenants on a current (not canceled) subscription to `plan`.
pub fn subscribers(conn: &mut AnyConnection, plan: i64) -> Result<Vec<i64>, StoreError> {
    use crate::schema::subscriptions::dsl as s;
    Ok(s::subscriptions
        .filter(s::plan_id.eq(plan))
        .filter(s::status.ne("canceled"))
        .select(s::tenant_id)
        .load(conn)?)
}

/// `(quota, used)` of every counter in `period` of the tenants under `path` (the tenant
/// itself included), summed per quota; only `quota`'s when given.
pub fn subtree_used(
    conn: &mut AnyConnection,
    path: &TenantPath,
    period: &str,
    quota: Option<&str>,
) -> Result<Vec<(String, i64)>, StoreError> {
    let subtree = t::tenants
        .filter(t::path.like(path.subtree_pattern()))
        .select(t::id);
    let mut query = u::quota_usage
        .filter(u::tenant_id.eq_any(subtree))
        .filter(u::period_key.eq(period))
        .select((u::quota_key, u::used))
        .into_boxed();
    if let Some(quota) = quota {
        query = query.filter(u::quota_key.eq(quota));
    }
    let rows: Vec<(String, i64)> = query.load(conn)?;
    let mut sums: std::collections::BTreeMap<String, i64> = Default::default();
    for (quota, used) in rows {
        *sums.entry(quota).or_default() += used;
    }
    Ok(sums.into_iter().collect())
}

/// Locks a counter's row (creating it at 0 if need be), so that consumption under one
/// ancestor's limit runs one at a time.
pub fn lock_counter(
    conn: &mut AnyConnection,
    key: CounterKey<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    dialect::insert_usage_unless_present(conn, key.tenant, key.quota, key.period, now)?;
    diesel::update(
        u::quota_usage
            .filter(u::tenant_id.eq(key.tenant))
            .filter(u::quota_key.eq(key.quota))
            .filter(u::period_key.eq(key.period)),
    )
    .set(u::used.eq(u::used))
    .execute(conn)?;
    Ok(())
}
