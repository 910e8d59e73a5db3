//! What the user screens read: the users of the caller's subtree, and one of them.

use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::{visible, visible_user};
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::user::UserStatus;
use landlord_domain::wire::{Page, UserView};
use landlord_domain::{Permission, TenantId};
use landlord_persistence::Database;
use landlord_persistence::models::UserRow;
use landlord_persistence::users::{self as store, UserSortField};

/// What the users list filters and sorts by.
#[derive(Debug, Clone, Default)]
pub struct UserQuery {
    /// Only users of this tenant (the customer filter), which must be visible.
    pub tenant: Option<i64>,
    pub status: Option<UserStatus>,
    /// `created_at` or `username`, `-` first for descending; newest first when absent.
    pub sort: Option<String>,
}

/// One page of the users of the caller's tenant and its subtenants, each named by tenant.
pub fn list(
    db: &Database,
    ctx: &Context,
    query: UserQuery,
    page: PageRequest,
) -> OpResult<Page<UserView>> {
    let caller = ctx.caller()?;
    caller.require(Permission::UsersRead)?;
    let sort = match query.sort.as_deref() {
        Some(s) => Sort::parse(s, &UserSortField::NAMES)
            .map_err(|e| OpError::field("sort", "invalid_sort", e))?,
        None => Sort {
            field: UserSortField::CreatedAt,
            descending: true,
        },
    };
    let (rows, total) = db.read(|conn| {
        if let Some(tenant) = query.tenant {
            visible(conn, caller, tenant)?;
        }
        OpResult::Ok(store::list(
            conn,
            &caller.tenant_path,
            query.tenant.map(TenantId),
            query.status,
            sort,
            page,
        )?)
    })?;
    let items = rows
        .iter()
        .map(|row| row.to_view(UserRow::to_view))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::exact(items, total, page))
}

/// The user `id`, if their tenant is within the caller's subtree.
pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<UserView> {
    let caller = ctx.caller()?;
    caller.require(Permission::UsersRead)?;
    let user = db.read(|conn| visible_user(conn, caller, id))?;
    Ok(user.to_view(UserRow::to_view)?)
}
