//! Which tenants a caller may see and manage: their own tenant and its descendants are
//! visible; only strict descendants are managed. Anything else is "not found", never
//! "forbidden", so the existence of other tenants does not leak.

use crate::context::Caller;
use crate::error::{OpError, OpResult};
use landlord_domain::{ErrorCode, TenantId, UserId};
use landlord_persistence::models::{TenantRow, UserRow, WithTenantName};
use landlord_persistence::{AnyConnection, tenants, users};

/// The tenant `id` if the caller may see it.
pub fn visible(conn: &mut AnyConnection, caller: &Caller, id: i64) -> OpResult<TenantRow> {
    tenants::find_within(conn, &caller.tenant_path, TenantId(id))?
        .ok_or(OpError::NotFound("tenant"))
}

/// The tenant `id` if the caller may manage it: a strict descendant of their own tenant.
pub fn managed(conn: &mut AnyConnection, caller: &Caller, id: i64) -> OpResult<TenantRow> {
    let row = visible(conn, caller, id)?;
    if row.id == caller.tenant_id.0 {
        return Err(OpError::forbidden(
            ErrorCode::OwnTenant,
            "a tenant cannot manage itself; its parent manages it",
        ));
    }
    Ok(row)
}

/// The user `id`, with their tenant's name, if their tenant is visible to the caller.
pub fn visible_user(
    conn: &mut AnyConnection,
    caller: &Caller,
    id: i64,
) -> OpResult<WithTenantName<UserRow>> {
    let user = users::find_with_tenant_name(conn, UserId(id))?.ok_or(OpError::NotFound("user"))?;
    tenants::find_within(conn, &caller.tenant_path, TenantId(user.row.tenant_id))?
        .ok_or(OpError::NotFound("user"))?;
    Ok(user)
}

/// A row's tenant, if the caller may see it; otherwise the row (`what`) is "not found".
pub fn owner(
    conn: &mut AnyConnection,
    caller: &Caller,
    tenant_id: i64,
    what: &'static str,
) -> OpResult<TenantRow> {
    visible(conn, caller, tenant_id).map_err(|_| OpError::NotFound(what))
}
