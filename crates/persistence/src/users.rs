//! User storage: sign-in lookups, password changes and the list.

use crate::models::{NewUserRow, TenantRow, UserRow, WithTenantName};
use crate::schema::tenants::dsl as t;
use crate::schema::users::dsl as u;
use crate::{AnyConnection, StoreError, Timestamp, rollups};
use diesel::prelude::*;
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::tenant::TenantPath;
use landlord_domain::user::UserStatus;
use landlord_domain::{TenantId, UserId};

pub fn find(conn: &mut AnyConnection, id: UserId) -> Result<Option<UserRow>, StoreError> {
    Ok(u::users
        .find(id.0)
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// The user `id` with their tenant's name, in one query.
pub fn find_with_tenant_name(
    conn: &mut AnyConnection,
    id: UserId,
) -> Result<Option<WithTenantName<UserRow>>, StoreError> {
    Ok(u::users
        .inner_join(t::tenants)
        .filter(u::id.eq(id.0))
        .select((UserRow::as_select(), t::name))
        .first::<(UserRow, String)>(conn)
        .optional()?
        .map(WithTenantName::from))
}

/// The user `id` with their tenant, in one query: what every authenticated request checks.
pub fn find_with_tenant(
    conn: &mut AnyConnection,
    id: UserId,
) -> Result<Option<(UserRow, TenantRow)>, StoreError> {
    Ok(u::users
        .inner_join(t::tenants)
        .filter(u::id.eq(id.0))
        .select((UserRow::as_select(), TenantRow::as_select()))
        .first(conn)
        .optional()?)
}

pub fn find_by_username(
    conn: &mut AnyConnection,
    tenant: TenantId,
    username: &str,
) -> Result<Option<UserRow>, StoreError> {
    Ok(u::users
        .filter(u::tenant_id.eq(tenant.0))
        .filter(u::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_reset_token(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> Result<Option<UserRow>, StoreError> {
    Ok(u::users
        .filter(u::password_reset_token_hash.eq(token_hash))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// Inserts a user into the tenant at `path`, counting it.
pub fn insert(
    conn: &mut AnyConnection,
    path: &TenantPath,
    row: &NewUserRow,
) -> Result<UserRow, StoreError> {
    let id: i64 = diesel::insert_into(u::users)
        .values(row)
        .returning(u::id)
        .get_result(conn)?;
    rollups::users_changed(conn, TenantId(row.tenant_id), path, 1)?;
    find(conn, UserId(id))?.ok_or(StoreError::NotFound)
}

/// Sets a new password hash and consumes any pending reset token.
pub fn set_password(
    conn: &mut AnyConnection,
    id: UserId,
    hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    diesel::update(u::users.find(id.0))
        .set((
            u::password_hash.eq(Some(hash)),
            u::password_reset_token_hash.eq(None::<String>),
            u::password_reset_expires_at.eq(None::<Timestamp>),
            u::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stores a password-reset token's digest and expiry (replacing any earlier one).
pub fn set_reset_token(
    conn: &mut AnyConnection,
    id: UserId,
    token_hash: &str,
    expires_at: Timestamp,
    now: Timestamp,
) -> Result<(), StoreError> {
    diesel::update(u::users.find(id.0))
        .set((
            u::password_reset_token_hash.eq(Some(token_hash)),
            u::password_reset_expires_at.eq(Some(expires_at)),
            u::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Revokes every token issued to the user so far.
pub fn revoke_tokens(conn: &mut AnyConnection, id: UserId) -> Result<(), StoreError> {
    diesel::update(u::users.find(id.0))
        .set(u::session_generation.eq(u::session_generation + 1))
        .execute(conn)?;
    Ok(())
}

/// Deletes a user of the tenant at `path`, uncounting it.
pub fn delete(
    conn: &mut AnyConnection,
    user: &UserRow,
    path: &TenantPath,
) -> Result<(), StoreError> {
    diesel::delete(u::users.find(user.id)).execute(conn)?;
    rollups::users_changed(conn, TenantId(user.tenant_id), path, -1)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserSortField {
    CreatedAt,
    Username,
}

impl UserSortField {
    pub const NAMES: [(&'static str, Self); 2] = [
        ("created_at", Self::CreatedAt),
        ("username", Self::Username),
    ];
}

/// Users within `scope` (a subtree), optionally of one tenant and status, each with their
/// tenant's name.
pub fn list(
    conn: &mut AnyConnection,
    scope: &TenantPath,
    tenant: Option<TenantId>,
    status: Option<UserStatus>,
    sort: Sort<UserSortField>,
    page: PageRequest,
) -> Result<(Vec<WithTenantName<UserRow>>, i64), StoreError> {
    let filtered = || {
        let mut query = u::users
            .inner_join(t::tenants)
            .filter(t::path.like(scope.subtree_pattern()))
            .into_boxed();
        if let Some(tenant) = tenant {
            query = query.filter(u::tenant_id.eq(tenant.0));
        }
        if let Some(status) = status {
            query = query.filter(u::status.eq(status.as_str()));
        }
        query
    };
    let total = filtered().count().get_result::<i64>(conn)?;
    let query = match (sort.field, sort.descending) {
        (UserSortField::CreatedAt, true) => filtered().order((u::created_at.desc(), u::id.desc())),
        (UserSortField::CreatedAt, false) => filtered().order((u::created_at.asc(), u::id.asc())),
        (UserSortField::Username, true) => filtered().order((u::username.desc(), u::id.desc())),
        (UserSortField::Username, false) => filtered().order((u::username.asc(), u::id.asc())),
    };
    let rows = query
        .offset(page.offset())
        .limit(page.limit())
        .select((UserRow::as_select(), t::name))
        .load::<(UserRow, String)>(conn)?;
    Ok((rows.into_iter().map(WithTenantName::from).collect(), total))
}
