use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::managed;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::{Database, tenants};
use serde_json::json;

/// Deletes a tenant with all its data and all its subtenants, in one transaction. Only the
/// management tenant deletes. The record goes to the parent's audit log, because the
/// tenant's own log goes with it.
pub fn delete(db: &Database, ctx: &Context, id: i64) -> OpResult<()> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsChange)?;
    ctx.transaction(db, |tx| {
        let row = managed(tx, caller, id)?;
        if !caller.is_management() {
            return Err(OpError::forbidden(
                ErrorCode::ManagementOnly,
                "only the management tenant may delete tenants",
            ));
        }
        let parent = row.parent_id.ok_or_else(|| {
            OpError::forbidden(
                ErrorCode::ManagementOnly,
                "the management tenant cannot be deleted",
            )
        })?;
        let before = row.to_view()?;
        let deleted = tenants::delete_subtree(tx, row.tenant_id(), &row.tenant_path())?;
        let object = serde_json::to_value(&before).map_err(|e| OpError::Internal(e.to_string()))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::TenantDeleted,
                row.tenant_id(),
                row.tenant_path(),
            )
            .logged_in(TenantId(parent))
            .target(AuditTarget::Tenant, id)
            .details(json!({ "before": before, "tenants_deleted": deleted }))
            .object(object),
        )?;
        Ok(())
    })
}
