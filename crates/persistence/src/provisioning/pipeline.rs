//! Tenants' pipelines: written at creation, claimed step by step by the runner under a
//! lease, moved on by each outcome, and by "run again" and "mark as active".

use super::{NewStepRow, StepRow};
use crate::schema::tenant_provisioning_steps::dsl as s;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::provisioning::StepStatus;

pub fn insert(conn: &mut AnyConnection, rows: &[NewStepRow]) -> Result<(), StoreError> {
    // A handful of rows (the built-in steps and the operator's few): one statement each.
    for row in rows {
        diesel::insert_into(s::tenant_provisioning_steps)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// A tenant's steps in the order they run.
pub fn for_tenant(conn: &mut AnyConnection, tenant: TenantId) -> Result<Vec<StepRow>, StoreError> {
    Ok(s::tenant_provisioning_steps
        .filter(s::tenant_id.eq(tenant.0))
        .order(s::position.asc())
        .select(StepRow::as_select())
        .load(conn)?)
}

/// Whether any step is due at `now`: a cheap look, without locks, before claiming.
pub fn any_due(conn: &mut AnyConnection, now: Timestamp) -> Result<bool, StoreError> {
    Ok(!dialect::due_ids(conn, dialect::DueWork::ProvisioningSteps, now, 1, false)?.is_empty())
}

/// Claims up to `limit` steps due at `now` under `lease`: pending (or running under a lapsed
/// claim), of a tenant still provisioning, with every earlier step of its pipeline done.
/// Each is marked running and its attempt counted; its claim holds for its timeout and
/// `margin`. Call it in a transaction; on PostgreSQL concurrent claimers skip each other's
/// rows.
pub fn claim_due(
    conn: &mut AnyConnection,
    now: Timestamp,
    lease: &str,
    margin: chrono::Duration,
    limit: i64,
) -> Result<Vec<StepRow>, StoreError> {
    let ids = dialect::due_ids(conn, dialect::DueWork::ProvisioningSteps, now, limit, true)?;
    let rows: Vec<StepRow> = s::tenant_provisioning_steps
        .filter(s::id.eq_any(&ids))
        .order(s::id.asc())
        .select(StepRow::as_select())
        .load(conn)?;
    let mut claimed = Vec::with_capacity(rows.len());
    for row in rows {
        let until = now + chrono::Duration::seconds(i64::from(row.timeout_s)) + margin;
        let row = diesel::update(s::tenant_provisioning_steps.filter(s::id.eq(row.id)))
            .set((
                s::status.eq(StepStatus::Running.as_str()),
                s::attempts.eq(row.attempts.saturating_add(1)),
                s::started_at.eq(Some(row.started_at.unwrap_or(now))),
                s::locked_until.eq(Some(until)),
                s::lease.eq(Some(lease)),
                s::updated_at.eq(now),
            ))
            .returning(crate::schema::tenant_provisioning_steps::all_columns)
            .get_result(conn)?;
        claimed.push(row);
    }
    Ok(claimed)
}

/// Where a step goes after an attempt.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: StepStatus,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<Timestamp>,
    pub finished_at: Option<Timestamp>,
}

/// Records an attempt made under `lease`. Returns the step as it now is, or `None`, having
/// changed nothing, when the lease was lost (it lapsed and another claimer took over).
pub fn record(
    conn: &mut AnyConnection,
    id: i64,
    lease: &str,
    outcome: Outcome,
    now: Timestamp,
) -> Result<Option<StepRow>, StoreError> {
    Ok(diesel::update(
        s::tenant_provisioning_steps
            .filter(s::id.eq(id))
            .filter(s::lease.eq(lease))
            .filter(s::status.eq(StepStatus::Running.as_str())),
    )
    .set((
        s::status.eq(outcome.status.as_str()),
        s::last_error.eq(outcome.last_error),
        s::next_attempt_at.eq(outcome.next_attempt_at),
        s::finished_at.eq(outcome.finished_at),
        s::locked_until.eq(None::<Timestamp>),
        s::lease.eq(None::<String>),
        s::updated_at.eq(now),
    ))
    .returning(crate::schema::tenant_provisioning_steps::all_columns)
    .get_result(conn)
    .optional()?)
}

/// "Run again": the tenant's failed steps get a fresh schedule and, with its pending ones,
/// are due at once. Succeeded and skipped steps stay as they are.
pub fn requeue(
    conn: &mut AnyConnection,
    tenant: TenantId,
    now: Timestamp,
) -> Result<(), StoreError> {
    diesel::update(
        s::tenant_provisioning_steps
            .filter(s::tenant_id.eq(tenant.0))
            .filter(s::status.eq(StepStatus::Failed.as_str())),
    )
    .set((
        s::status.eq(StepStatus::Pending.as_str()),
        s::attempts.eq(0),
        s::finished_at.eq(None::<Timestamp>),
        s::updated_at.eq(now),
    ))
    .execute(conn)?;
    diesel::update(
        s::tenant_provisioning_steps
            .filter(s::tenant_id.eq(tenant.0))
            .filter(s::status.eq(StepStatus::Pending.as_str())),
    )
    .set((s::next_attempt_at.eq(Some(now)), s::updated_at.eq(now)))
    .execute(conn)?;
    Ok(())
}

/// "Mark as active": every unfinished step of the tenant becomes skipped. Returns their names.
pub fn skip_unfinished(
    conn: &mut AnyConnection,
    tenant: TenantId,
    now: Timestamp,
) -> Result<Vec<String>, StoreError> {
    let unfinished = [
        StepStatus::Pending.as_str(),
        StepStatus::Running.as_str(),
        StepStatus::Failed.as_str(),
    ];
    let names = s::tenant_provisioning_steps
        .filter(s::tenant_id.eq(tenant.0))
        .filter(s::status.eq_any(unfinished))
        .order(s::position.asc())
        .select(s::name)
        .load(conn)?;
    diesel::update(
        s::tenant_provisioning_steps
            .filter(s::tenant_id.eq(tenant.0))
            .filter(s::status.eq_any(unfinished)),
    )
    .set((
        s::status.eq(StepStatus::Skipped.as_str()),
        s::next_attempt_at.eq(None::<Timestamp>),
        s::locked_until.eq(None::<Timestamp>),
        s::lease.eq(None::<String>),
        s::finished_at.eq(Some(now)),
        s::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(names)
}
