//! Tenants' own feature switches and quota limits, set regardless of their plan.

use crate::schema::tenant_features::dsl as tf;
use crate::schema::tenant_quotas::dsl as tq;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

/// `(tenant, feature, enabled)` for each override of `tenants`.
pub fn features_of(
    conn: &mut AnyConnection,
    tenants: &[i64],
) -> Result<Vec<(i64, String, bool)>, StoreError> {
    Ok(tf::tenant_features
        .filter(tf::tenant_id.eq_any(tenants))
        .select((tf::tenant_id, tf::feature_key, tf::enabled))
        .load(conn)?)
}

/// `(quota, limit)` for each override of `tenant`.
pub fn quotas_of(conn: &mut AnyConnection, tenant: i64) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(tq::tenant_quotas
        .filter(tq::tenant_id.eq(tenant))
        .select((tq::quota_key, tq::limit_value))
        .load(conn)?)
}

/// Sets or (with `None`) removes a feature override: delete, then insert, so one code path
/// serves both backends.
pub fn set_feature(
    conn: &mut AnyConnection,
    tenant: i64,
    key: &str,
    enabled: Option<bool>,
    now: Timestamp,
) -> Result<(), StoreError> {
    diesel::delete(
        tf::tenant_features
            .filter(tf::tenant_id.eq(tenant))
            .filter(tf::feature_key.eq(key)),
    )
    .execute(conn)?;
    if let Some(enabled) = enabled {
        diesel::insert_into(tf::tenant_features)
            .values((
                tf::tenant_id.eq(tenant),
                tf::feature_key.eq(key),
                tf::enabled.eq(enabled),
                tf::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Sets or (with `None`) removes a quota override.
pub fn set_quota(
    conn: &mut AnyConnection,
    tenant: i64,
    key: &str,
    limit: Option<i64>,
    now: Timestamp,
) -> Result<(), StoreError> {
    diesel::delete(
        tq::tenant_quotas
            .filter(tq::tenant_id.eq(tenant))
            .filter(tq::quota_key.eq(key)),
    )
    .execute(conn)?;
    if let Some(limit) = limit {
        diesel::insert_into(tq::tenant_quotas)
            .values((
                tq::tenant_id.eq(tenant),
                tq::quota_key.eq(key),
                tq::limit_value.eq(limit),
                tq::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
