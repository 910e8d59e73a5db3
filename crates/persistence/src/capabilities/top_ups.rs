//! Top-ups: one-off extra amounts on a tenant's quota, active until they expire or are
//! revoked. What a top-up has left is not stored: it follows from the usage counter (see
//! `landlord_domain::capability::draw_top_ups`).

use crate::schema::quota_top_ups::dsl as t;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::quota_top_ups)]
pub struct TopUpRow {
    pub id: i64,
    pub tenant_id: i64,
    pub quota_key: String,
    pub period_key: String,
    pub amount: i64,
    pub expires_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::quota_top_ups)]
pub struct NewTopUpRow<'a> {
    pub tenant_id: i64,
    pub quota_key: &'a str,
    pub period_key: &'a str,
    pub amount: i64,
    pub expires_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

pub fn insert(conn: &mut AnyConnection, row: NewTopUpRow<'_>) -> Result<TopUpRow, StoreError> {
    Ok(diesel::insert_into(t::quota_top_ups)
        .values(row)
        .returning(crate::schema::quota_top_ups::all_columns)
        .get_result(conn)?)
}

/// The tenant's top-ups that count at `now` (not revoked, not expired), in the order they
/// are drawn on: the earliest expiry first, those that never expire last, then oldest first.
pub fn active(
    conn: &mut AnyConnection,
    tenant: i64,
    now: Timestamp,
) -> Result<Vec<TopUpRow>, StoreError> {
    let mut rows: Vec<TopUpRow> = t::quota_top_ups
        .filter(t::tenant_id.eq(tenant))
        .filter(t::revoked_at.is_null())
        .filter(t::expires_at.is_null().or(t::expires_at.gt(now)))
        .select(TopUpRow::as_select())
        .load(conn)?;
    rows.sort_by_key(|r| (r.expires_at.is_none(), r.expires_at, r.id));
    Ok(rows)
}

/// Every top-up of the tenant's quota, newest first, revoked and expired ones included.
pub fn of_quota(
    conn: &mut AnyConnection,
    tenant: i64,
    quota: &str,
) -> Result<Vec<TopUpRow>, StoreError> {
    Ok(t::quota_top_ups
        .filter(t::tenant_id.eq(tenant))
        .filter(t::quota_key.eq(quota))
        .order(t::id.desc())
        .select(TopUpRow::as_select())
        .load(conn)?)
}

/// Revokes a top-up that is not yet revoked; answers the row, or `None` if there is none.
pub fn revoke(
    conn: &mut AnyConnection,
    tenant: i64,
    quota: &str,
    id: i64,
    now: Timestamp,
) -> Result<Option<TopUpRow>, StoreError> {
    Ok(diesel::update(
        t::quota_top_ups
            .filter(t::id.eq(id))
            .filter(t::tenant_id.eq(tenant))
            .filter(t::quota_key.eq(quota))
            .filter(t::revoked_at.is_null()),
    )
    .set(t::revoked_at.eq(now))
    .returning(crate::schema::quota_top_ups::all_columns)
    .get_result(conn)
    .optional()?)
}
