//! Service tokens, kept as the hash of the token.

use crate::schema::service_tokens::dsl as st;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::service_tokens)]
pub struct ServiceTokenRow {
    pub id: i64,
    pub tenant_id: i64,
    pub name: String,
    pub scopes: String,
    pub token_hash: String,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::service_tokens)]
pub struct NewServiceTokenRow {
    pub tenant_id: i64,
    pub name: String,
    pub scopes: String,
    pub token_hash: String,
    pub created_at: Timestamp,
}

pub fn insert(
    conn: &mut AnyConnection,
    row: NewServiceTokenRow,
) -> Result<ServiceTokenRow, StoreError> {
    Ok(diesel::insert_into(st::service_tokens)
        .values(row)
        .returning(crate::schema::service_tokens::all_columns)
        .get_result(conn)?)
}

/// The tenant's tokens, newest first.
pub fn list(conn: &mut AnyConnection, tenant: i64) -> Result<Vec<ServiceTokenRow>, StoreError> {
    Ok(st::service_tokens
        .filter(st::tenant_id.eq(tenant))
        .order(st::id.desc())
        .select(ServiceTokenRow::as_select())
        .load(conn)?)
}

/// The tenant's token `id`.
pub fn find(
    conn: &mut AnyConnection,
    tenant: i64,
    id: i64,
) -> Result<Option<ServiceTokenRow>, StoreError> {
    Ok(st::service_tokens
        .filter(st::tenant_id.eq(tenant))
        .filter(st::id.eq(id))
        .select(ServiceTokenRow::as_select())
        .first(conn)
        .optional()?)
}

/// The token whose hash this is, revoked or not.
pub fn find_by_hash(
    conn: &mut AnyConnection,
    hash: &str,
) -> Result<Option<ServiceTokenRow>, StoreError> {
    Ok(st::service_tokens
        .filter(st::token_hash.eq(hash))
        .select(ServiceTokenRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn revoke(
    conn: &mut AnyConnection,
    id: i64,
    at: Timestamp,
) -> Result<ServiceTokenRow, StoreError> {
    Ok(diesel::update(st::service_tokens.find(id))
        .set(st::revoked_at.eq(Some(at)))
        .returning(crate::schema::service_tokens::all_columns)
        .get_result(conn)?)
}
