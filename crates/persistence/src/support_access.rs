//! Support-user access: the grants a tenant's users made (each with its own expiry, revoked
//! together) and the platform switch.

use crate::schema::support_access_grants::dsl as g;
use crate::schema::support_access_settings::dsl as s;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::support_access_grants)]
pub struct GrantRow {
    pub id: i64,
    pub tenant_id: i64,
    pub granted_by_user_id: Option<i64>,
    pub granted_by_username: String,
    pub granted_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::support_access_grants)]
pub struct NewGrantRow {
    pub tenant_id: i64,
    pub granted_by_user_id: Option<i64>,
    pub granted_by_username: String,
    pub granted_at: Timestamp,
    pub expires_at: Option<Timestamp>,
}

pub fn insert(conn: &mut AnyConnection, row: NewGrantRow) -> Result<GrantRow, StoreError> {
    Ok(diesel::insert_into(g::support_access_grants)
        .values(row)
        .returning(crate::schema::support_access_grants::all_columns)
        .get_result(conn)?)
}

/// The tenant's grants that are neither revoked nor expired at `now`.
pub fn active(
    conn: &mut AnyConnection,
    tenant: i64,
    now: Timestamp,
) -> Result<Vec<GrantRow>, StoreError> {
    Ok(g::support_access_grants
        .filter(g::tenant_id.eq(tenant))
        .filter(g::revoked_at.is_null())
        .filter(g::expires_at.is_null().or(g::expires_at.gt(now)))
        .order(g::id.asc())
        .select(GrantRow::as_select())
        .load(conn)?)
}

/// Revokes the tenant's active grants at `now`; returns how many there were.
pub fn revoke_active(
    conn: &mut AnyConnection,
    tenant: i64,
    now: Timestamp,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        g::support_access_grants
            .filter(g::tenant_id.eq(tenant))
            .filter(g::revoked_at.is_null())
            .filter(g::expires_at.is_null().or(g::expires_at.gt(now))),
    )
    .set(g::revoked_at.eq(now))
    .execute(conn)?)
}

/// Whether support access is switched on at platform level (the management tenant's
/// setting; on unless it was switched off).
pub fn platform_enabled(conn: &mut AnyConnection, management: i64) -> Result<bool, StoreError> {
    let enabled: Option<bool> = s::support_access_settings
        .find(management)
        .select(s::enabled)
        .first(conn)
        .optional()?;
    Ok(enabled.unwrap_or(true))
}

pub fn set_platform_enabled(
    conn: &mut AnyConnection,
    management: i64,
    enabled: bool,
    now: Timestamp,
) -> Result<(), StoreError> {
    let updated = diesel::update(s::support_access_settings.find(management))
        .set((s::enabled.eq(enabled), s::updated_at.eq(now)))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(s::support_access_settings)
            .values((
                s::tenant_id.eq(management),
                s::enabled.eq(enabled),
                s::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
