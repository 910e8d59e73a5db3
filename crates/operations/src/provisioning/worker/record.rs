//! After a call: move the step on and, when the pipeline ends, its tenant.

use super::send::Attempt;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::provisioning::{to_json, view};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::provisioning::{PipelineStatus, StepStatus, retry_delay};
use landlord_domain::{TenantId, TenantStatus};
use landlord_persistence::provisioning::pipeline::{self, Outcome};
use landlord_persistence::{Database, Timestamp, tenants};
use serde_json::json;

/// Records one outcome in its own transaction. Success finishes the step and, if it was
/// the last, activates the tenant (`provisioning.completed`). A failure schedules the next
/// attempt by [`retry_delay`] or, once `max_attempts` are spent, fails the step for good
/// and leaves the tenant `inactive` (`provisioning.step_failed`).
pub(super) fn record(db: &Database, lease: &str, attempt: Attempt, now: Timestamp) -> OpResult<()> {
    let step = &attempt.claim.step;
    let outcome = match &attempt.error {
        None => Outcome {
            status: StepStatus::Succeeded,
            last_error: None,
            next_attempt_at: None,
            finished_at: Some(now),
        },
        Some(error) if step.attempts < step.max_attempts => Outcome {
            status: StepStatus::Pending,
            last_error: Some(error.clone()),
            next_attempt_at: Some(attempt.at + retry_delay(step.attempts)),
            finished_at: None,
        },
        Some(error) => Outcome {
            status: StepStatus::Failed,
            last_error: Some(error.clone()),
            next_attempt_at: None,
            finished_at: Some(now),
        },
    };
    let status = outcome.status;
    let ctx = Context::new(None, now, None);
    db.write(|tx| {
        let Some(row) = pipeline::record(tx, step.id, lease, outcome, now)? else {
            tracing::warn!(
                step = step.id,
                "a provisioning claim lapsed before its outcome was recorded"
            );
            return Ok(());
        };
        let tenant_id = TenantId(row.tenant_id);
        let Some(tenant) = tenants::find(tx, tenant_id)? else {
            return Ok(());
        };
        let details = json!({
            "step": row.name,
            "attempts": row.attempts,
            "last_error": row.last_error,
        });
        let change = |action| {
            Change::new(action, tenant_id, tenant.tenant_path()).target(AuditTarget::Tenant, tenant.id)
        };
        match status {
            StepStatus::Succeeded => {
                record_change(
                    tx,
                    &ctx,
                    change(AuditAction::ProvisioningStepSucceeded).details(details),
                )?;
                let pipeline = view(tx, tenant_id)?;
                if pipeline.status == PipelineStatus::Succeeded
                    && tenant.status()? == TenantStatus::Provisioning
                {
                    tenants::set_status(tx, tenant_id, TenantStatus::Active, None, now)?;
                    record_change(
                        tx,
                        &ctx,
                        change(AuditAction::ProvisioningCompleted)
                            .details(json!({ "before": { "status": "provisioning" }, "after": { "status": "active" } }))
                            .object(to_json(&pipeline)?),
                    )?;
                    tenant_moved(tx, &ctx, tenant_id, AuditAction::TenantActivated)?;
                }
            }
            StepStatus::Pending => {
                let mut details = details;
                details["next_attempt_at"] = json!(row.next_attempt_at.map(|t| t.and_utc()));
                record_change(
                    tx,
                    &ctx,
                    change(AuditAction::ProvisioningStepRetryScheduled).details(details),
                )?;
            }
            StepStatus::Failed => {
                if tenant.status()? == TenantStatus::Provisioning {
                    tenants::set_status(tx, tenant_id, TenantStatus::Inactive, None, now)?;
                    tenant_moved(tx, &ctx, tenant_id, AuditAction::TenantDeactivated)?;
                }
                let pipeline = view(tx, tenant_id)?;
                let mut object = to_json(&pipeline)?;
                object["failed_step"] = json!(row.name);
                record_change(
                    tx,
                    &ctx,
                    change(AuditAction::ProvisioningStepFailed)
                        .details(details)
                        .object(object),
                )?;
            }
            _ => {}
        }
        Ok::<_, OpError>(())
    })
}

/// The tenant's own lifecycle record when its pipeline moved it out of `provisioning`, so
/// integrations that follow `tenant.activated` / `tenant.deactivated` hear of it as of any
/// other status change (with the tenant as it is now and its previous status).
fn tenant_moved(
    tx: &mut landlord_persistence::AnyConnection,
    ctx: &Context,
    tenant_id: TenantId,
    action: AuditAction,
) -> OpResult<()> {
    let tenant = tenants::find(tx, tenant_id)?.ok_or(OpError::NotFound("tenant"))?;
    let before = json!({ "status": TenantStatus::Provisioning.as_str() });
    let object =
        serde_json::to_value(tenant.to_view()?).map_err(|e| OpError::Internal(e.to_string()))?;
    record_change(
        tx,
        ctx,
        Change::new(action, tenant_id, tenant.tenant_path())
            .target(AuditTarget::Tenant, tenant.id)
            .details(json!({ "before": before, "after": { "status": tenant.status } }))
            .object(object)
            .previous_attributes(before),
    )
}
