//! Leases on concurrent quotas: each holds an amount of the usage counter until it expires
//! or is released. Expired leases are swept inside the transaction that acquires, renews
//! or releases, which gives their amount back to the counter (a DELETE ... RETURNING, so
//! two concurrent sweeps never both give back the same lease: on PostgreSQL the second
//! waits for the first's row locks and then finds the rows gone).

use crate::schema::quota_leases::dsl as l;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::quota_leases)]
pub struct LeaseRow {
    pub id: i64,
    pub tenant_id: i64,
    pub quota_key: String,
    pub amount: i64,
    pub expires_at: Timestamp,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::quota_leases)]
pub struct NewLeaseRow<'a> {
    pub tenant_id: i64,
    pub quota_key: &'a str,
    pub amount: i64,
    pub expires_at: Timestamp,
    pub created_at: Timestamp,
}

pub fn insert(conn: &mut AnyConnection, row: NewLeaseRow<'_>) -> Result<LeaseRow, StoreError> {
    Ok(diesel::insert_into(l::quota_leases)
        .values(row)
        .returning(crate::schema::quota_leases::all_columns)
        .get_result(conn)?)
}

/// Deletes the quota's leases expired at `now`; answers the amount they held.
pub fn sweep(
    conn: &mut AnyConnection,
    tenant: i64,
    quota: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let amounts: Vec<i64> = diesel::delete(
        l::quota_leases
            .filter(l::tenant_id.eq(tenant))
            .filter(l::quota_key.eq(quota))
            .filter(l::expires_at.le(now)),
    )
    .returning(l::amount)
    .get_results(conn)?;
    Ok(amounts.iter().sum())
}

/// What the tenant's expired but not yet swept leases hold, per quota: a read subtracts it
/// from the counter without writing.
pub fn expired_of_tenant(
    conn: &mut AnyConnection,
    tenant: i64,
    now: Timestamp,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(l::quota_leases
        .filter(l::tenant_id.eq(tenant))
        .filter(l::expires_at.le(now))
        .select((l::quota_key, l::amount))
        .load(conn)?)
}

/// Moves a live lease's expiry; `None` when there is no such live lease.
pub fn renew(
    conn: &mut AnyConnection,
    tenant: i64,
    quota: &str,
    id: i64,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<Option<LeaseRow>, StoreError> {
    Ok(diesel::update(
        l::quota_leases
            .filter(l::id.eq(id))
            .filter(l::tenant_id.eq(tenant))
            .filter(l::quota_key.eq(quota))
            .filter(l::expires_at.gt(now)),
    )
    .set(l::expires_at.eq(expires_at))
    .returning(crate::schema::quota_leases::all_columns)
    .get_result(conn)
    .optional()?)
}

/// Deletes a lease; answers it, or `None` when there is none.
pub fn delete(
    conn: &mut AnyConnection,
    tenant: i64,
    quota: &str,
    id: i64,
) -> Result<Option<LeaseRow>, StoreError> {
    Ok(diesel::delete(
        l::quota_leases
            .filter(l::id.eq(id))
            .filter(l::tenant_id.eq(tenant))
            .filter(l::quota_key.eq(quota)),
    )
    .returning(crate::schema::quota_leases::all_columns)
    .get_result(conn)
    .optional()?)
}
