use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::password;
use crate::scope::managed;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::mail::MailKind;
use landlord_domain::tenant::{StatusChange, StatusReason};
use landlord_domain::wire::TenantView;
use landlord_domain::{ErrorCode, Permission, TenantStatus};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Database, tenants, users};
use serde_json::json;

/// Moves a managed tenant through its lifecycle (activate, deactivate, suspend); the
/// domain's transition table decides what is allowed from where.
pub fn change_status(
    db: &Database,
    ctx: &Context,
    id: i64,
    change: StatusChange,
) -> OpResult<TenantView> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    if matches!(
        change,
        StatusChange::FinishProvisioning
            | StatusChange::FailProvisioning
            | StatusChange::RetryProvisioning
    ) {
        return Err(OpError::Internal(
            "provisioning moves its tenant's status itself".into(),
        ));
    }
    let view = ctx.transaction(db, |tx| {
        let row = managed(tx, caller, id)?;
        apply_status(tx, ctx, &row, change, StatusReason::Operator)
    })?;
    Ok(view.seen_by(caller.tenant_rules()))
}

/// Moves `row` through its lifecycle and records it: the one path for a person's change and
/// for dunning's (which suspends with reason `dunning` and reactivates what it suspended).
pub(crate) fn apply_status(
    tx: &mut AnyConnection,
    ctx: &Context,
    row: &TenantRow,
    change: StatusChange,
    reason: StatusReason,
) -> OpResult<TenantView> {
    let action = match change {
        StatusChange::Suspend => AuditAction::TenantSuspended,
        StatusChange::Activate => AuditAction::TenantActivated,
        StatusChange::Deactivate => AuditAction::TenantDeactivated,
        StatusChange::FinishProvisioning => AuditAction::TenantActivated,
        StatusChange::FailProvisioning => AuditAction::ProvisioningStepFailed,
        StatusChange::RetryProvisioning => AuditAction::ProvisioningRetried,
    };
    let from = row.status()?;
    let to = from
        .apply(change)
        .map_err(|e| OpError::conflict(ErrorCode::InvalidTransition, e.to_string()))?;
    let view = tenants::set_status(tx, row.tenant_id(), to, Some(reason), ctx.now)?.to_view()?;
    let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
    let mut after = json!({ "status": to });
    if to == TenantStatus::Suspended {
        after["status_reason"] = json!(reason);
    }
    let mut before = json!({ "status": from });
    if let Some(reason) = &row.status_reason {
        before["status_reason"] = json!(reason);
    }
    record_change(
        tx,
        ctx,
        Change::new(action, row.tenant_id(), row.tenant_path())
            .target(AuditTarget::Tenant, row.id)
            .details(json!({ "before": before, "after": after }))
            .object(object)
            .previous_attributes(before),
    )?;
    Ok(view)
}

/// Suspends a managed tenant, confirmed with the caller's own password: it blocks every
/// access to the tenant and its subtree until it is activated again. With `notify` the
/// tenant's administrator is mailed the suspension notice (seed 003), in the same
/// transaction; a service provider may suppress it.
pub fn suspend(
    db: &Database,
    ctx: &Context,
    id: i64,
    confirm_password: &str,
    notify: bool,
) -> OpResult<TenantView> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    let user_id = caller.user_id;
    let stored = db
        .read(|conn| Ok::<_, OpError>(users::find(conn, user_id)?.and_then(|u| u.password_hash)))?;
    if !password::verify(stored.as_deref(), confirm_password) {
        return Err(OpError::forbidden_field(
            ErrorCode::PasswordMismatch,
            "password",
            "the password does not match; suspension needs your own password",
        ));
    }
    let view = ctx.transaction(db, |tx| {
        let row = managed(tx, caller, id)?;
        let view = apply_status(tx, ctx, &row, StatusChange::Suspend, StatusReason::Operator)?;
        if notify {
            use crate::mail::queue::{queue, values, when};
            queue(
                tx,
                ctx.now,
                &row,
                MailKind::TenantSuspended,
                &row.admin_email,
                values([("suspended_at", when(ctx.now))]),
            )?;
        }
        Ok(view)
    })?;
    Ok(view.seen_by(caller.tenant_rules()))
}
