//! A tenant's pipeline over the API: read it, run it again after a failure, or mark the
//! tenant active without running what is left.

use super::{to_json, view};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::{managed, visible};
use crate::tenants::apply_status;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::provisioning::PipelineStatus;
use landlord_domain::tenant::{StatusChange, StatusReason};
use landlord_domain::wire::{MarkedActiveProvisioning, TenantProvisioningView};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::Database;
use landlord_persistence::provisioning::pipeline as store;
use serde_json::json;

/// The pipeline of a tenant the caller can see.
pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<TenantProvisioningView> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    db.read(|conn| {
        let row = visible(conn, caller, id)?;
        view(conn, row.tenant_id())
    })
}

fn not_failed(status: PipelineStatus) -> OpError {
    OpError::conflict(
        ErrorCode::ProvisioningNotFailed,
        format!(
            "the tenant's provisioning is {}, not failed",
            status.as_str()
        ),
    )
}

/// "Run provisioning again": the failed and pending steps are due at once (the failed
/// ones with a fresh schedule); succeeded steps never run again. The tenant is
/// `provisioning` until the pipeline ends again.
pub fn retry(db: &Database, ctx: &Context, id: i64) -> OpResult<TenantProvisioningView> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    ctx.transaction(db, |tx| {
        let row = managed(tx, caller, id)?;
        let before = view(tx, row.tenant_id())?;
        if before.status != PipelineStatus::Failed {
            return Err(not_failed(before.status));
        }
        store::requeue(tx, row.tenant_id(), ctx.now)?;
        // Audited as `provisioning.retried` with the status it leaves.
        apply_status(
            tx,
            ctx,
            &row,
            StatusChange::RetryProvisioning,
            StatusReason::Operator,
        )?;
        view(tx, row.tenant_id())
    })
}

/// What "mark as active" warns of.
pub const MARK_ACTIVE_WARNING: &str = "the tenant is active although these provisioning steps never completed; whatever they set up must be done by other means";

/// "Mark as active": activates the tenant without running its unfinished steps, which are
/// marked `skipped`; audited with the steps it skipped.
pub fn mark_active(db: &Database, ctx: &Context, id: i64) -> OpResult<MarkedActiveProvisioning> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    ctx.transaction(db, |tx| {
        let row = managed(tx, caller, id)?;
        let before = view(tx, row.tenant_id())?;
        if before.status != PipelineStatus::Failed {
            return Err(not_failed(before.status));
        }
        let skipped = store::skip_unfinished(tx, row.tenant_id(), ctx.now)?;
        apply_status(
            tx,
            ctx,
            &row,
            StatusChange::Activate,
            StatusReason::Operator,
        )?;
        let after = view(tx, row.tenant_id())?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::ProvisioningMarkedActive,
                row.tenant_id(),
                row.tenant_path(),
            )
            .target(AuditTarget::Tenant, row.id)
            .details(json!({
                "skipped_steps": skipped,
                "warning": MARK_ACTIVE_WARNING,
                "before": to_json(&before)?,
            })),
        )?;
        Ok(MarkedActiveProvisioning {
            provisioning: after,
            warning: MARK_ACTIVE_WARNING.to_owned(),
            skipped_steps: skipped,
        })
    })
}
