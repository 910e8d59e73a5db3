use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::visible_user;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::models::UserRow;
use landlord_persistence::{Database, tenants, users};
use serde_json::json;

/// Deletes a user. A tenant's first administrator cannot be deleted, so nobody locks
/// themselves out; nor can users delete themselves.
pub fn delete(db: &Database, ctx: &Context, id: i64) -> OpResult<()> {
    let caller = ctx.caller()?;
    caller.require(Permission::UsersManage)?;
    ctx.transaction(db, |tx| {
        let user = visible_user(tx, caller, id)?;
        let before = user.to_view(UserRow::to_view)?;
        let user = user.row;
        if user.is_first_admin {
            return Err(OpError::conflict(
                ErrorCode::FirstAdmin,
                "a tenant's first administrator cannot be deleted",
            ));
        }
        if user.id == caller.user_id.0 {
            return Err(OpError::conflict(
                ErrorCode::SelfDelete,
                "you cannot delete yourself",
            ));
        }
        let tenant =
            tenants::find(tx, TenantId(user.tenant_id))?.ok_or(OpError::NotFound("user"))?;
        users::delete(tx, &user, &tenant.tenant_path())?;
        let object = serde_json::to_value(&before).map_err(|e| OpError::Internal(e.to_string()))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::UserDeleted,
                tenant.tenant_id(),
                tenant.tenant_path(),
            )
            .target(AuditTarget::User, id)
            .details(json!({ "before": before }))
            .object(object),
        )?;
        Ok(())
    })
}
