//! Webhook endpoints: each belongs to one tenant.

use super::{EndpointRow, NewEndpointRow};
use crate::schema::tenants::dsl as t;
use crate::schema::webhook_endpoints::dsl as w;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::listing::PageRequest;

pub fn insert(conn: &mut AnyConnection, row: NewEndpointRow) -> Result<EndpointRow, StoreError> {
    Ok(diesel::insert_into(w::webhook_endpoints)
        .values(row)
        .returning(crate::schema::webhook_endpoints::all_columns)
        .get_result(conn)?)
}

/// The endpoint `id` if `owner` registered it.
pub fn find_owned(
    conn: &mut AnyConnection,
    owner: TenantId,
    id: i64,
) -> Result<Option<EndpointRow>, StoreError> {
    Ok(w::webhook_endpoints
        .filter(w::id.eq(id))
        .filter(w::tenant_id.eq(owner.0))
        .select(EndpointRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<EndpointRow>, StoreError> {
    Ok(w::webhook_endpoints
        .filter(w::id.eq(id))
        .select(EndpointRow::as_select())
        .first(conn)
        .optional()?)
}

/// One page of `owner`'s endpoints, oldest first, with their total.
pub fn list(
    conn: &mut AnyConnection,
    owner: TenantId,
    page: PageRequest,
) -> Result<(Vec<EndpointRow>, i64), StoreError> {
    let total = w::webhook_endpoints
        .filter(w::tenant_id.eq(owner.0))
        .count()
        .get_result(conn)?;
    let rows = w::webhook_endpoints
        .filter(w::tenant_id.eq(owner.0))
        .order(w::id.asc())
        .offset(page.offset())
        .limit(i64::from(page.per_page))
        .select(EndpointRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Every enabled endpoint with its owner's materialized path, for fanning events out.
pub fn enabled_with_owner_paths(
    conn: &mut AnyConnection,
) -> Result<Vec<(EndpointRow, String)>, StoreError> {
    Ok(w::webhook_endpoints
        .inner_join(t::tenants)
        .filter(w::enabled.eq(true))
        .order(w::id.asc())
        .select((EndpointRow::as_select(), t::path))
        .load(conn)?)
}

/// What an update writes.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = crate::schema::webhook_endpoints, treat_none_as_null = true)]
pub struct EndpointSettings {
    pub url: String,
    pub description: Option<String>,
    pub event_types: String,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub failing_since: Option<Timestamp>,
    pub updated_at: Timestamp,
}

pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    settings: &EndpointSettings,
) -> Result<EndpointRow, StoreError> {
    diesel::update(w::webhook_endpoints.filter(w::id.eq(id)))
        .set(settings)
        .execute(conn)?;
    find(conn, id)?.ok_or(StoreError::NotFound)
}

/// Replaces the secret; the old one signs too until `previous_until`.
pub fn rotate_secret(
    conn: &mut AnyConnection,
    id: i64,
    secret: &str,
    previous: &str,
    previous_until: Timestamp,
    now: Timestamp,
) -> Result<EndpointRow, StoreError> {
    diesel::update(w::webhook_endpoints.filter(w::id.eq(id)))
        .set((
            w::secret.eq(secret),
            w::previous_secret.eq(Some(previous)),
            w::previous_secret_expires_at.eq(Some(previous_until)),
            w::updated_at.eq(now),
        ))
        .execute(conn)?;
    find(conn, id)?.ok_or(StoreError::NotFound)
}

/// Deletes the endpoint with its deliveries and their attempts (the foreign keys cascade).
pub fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    diesel::delete(w::webhook_endpoints.filter(w::id.eq(id))).execute(conn)?;
    Ok(())
}

/// After a successful attempt: the endpoint is no longer failing.
pub fn mark_healthy(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    diesel::update(
        w::webhook_endpoints
            .filter(w::id.eq(id))
            .filter(w::failing_since.is_not_null()),
    )
    .set(w::failing_since.eq(None::<Timestamp>))
    .execute(conn)?;
    Ok(())
}

/// After a failed attempt: remembers when the failures began, if they just did.
pub fn mark_failing(conn: &mut AnyConnection, id: i64, at: Timestamp) -> Result<(), StoreError> {
    diesel::update(
        w::webhook_endpoints
            .filter(w::id.eq(id))
            .filter(w::failing_since.is_null()),
    )
    .set(w::failing_since.eq(Some(at)))
    .execute(conn)?;
    Ok(())
}

/// Disables the endpoint, saying why.
pub fn disable(
    conn: &mut AnyConnection,
    id: i64,
    reason: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    diesel::update(w::webhook_endpoints.filter(w::id.eq(id)))
        .set((
            w::enabled.eq(false),
            w::disabled_reason.eq(Some(reason)),
            w::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
