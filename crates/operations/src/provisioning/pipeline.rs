//! Writing a new tenant's pipeline, inside its create transaction.

use crate::error::OpResult;
use landlord_domain::provisioning::{
    APPLY_POLICY, CREATE_ADMIN, START_SUBSCRIPTION, SUBSCRIBE_APPLICATIONS, StepKind, StepStatus,
};
use landlord_persistence::provisioning::{NewStepRow, definitions, pipeline};
use landlord_persistence::{AnyConnection, Timestamp};

/// Where the external steps start in a pipeline; the built-in ones come first.
const EXTERNAL_FROM: i32 = 10;

/// What the built-in steps did in the create transaction.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinOutcome {
    /// A tenant policy was copied or linked into the tenant.
    pub policy_applied: bool,
    /// Default applications were subscribed.
    pub applications_subscribed: bool,
    /// A subscription was started on a plan.
    pub subscription_started: bool,
}

/// Writes `tenant`'s pipeline: the built-in steps as they went (succeeded, or skipped when
/// there was nothing to do) and every external step defined now, pending and due at once.
/// Returns whether any external step is to run (the tenant then stays `provisioning`).
pub fn write(
    conn: &mut AnyConnection,
    tenant: i64,
    outcome: BuiltinOutcome,
    now: Timestamp,
) -> OpResult<bool> {
    let ran = |done: bool| {
        if done {
            StepStatus::Succeeded
        } else {
            StepStatus::Skipped
        }
    };
    let builtins = [
        (CREATE_ADMIN, StepStatus::Succeeded),
        (APPLY_POLICY, ran(outcome.policy_applied)),
        (SUBSCRIBE_APPLICATIONS, ran(outcome.applications_subscribed)),
        (START_SUBSCRIPTION, ran(outcome.subscription_started)),
    ];
    let mut rows: Vec<NewStepRow> = builtins
        .iter()
        .zip(0..)
        .map(|((name, status), position)| NewStepRow {
            tenant_id: tenant,
            name: (*name).to_owned(),
            kind: StepKind::Builtin.as_str().to_owned(),
            position,
            url: None,
            secret: None,
            timeout_s: 0,
            max_attempts: 1,
            status: status.as_str().to_owned(),
            attempts: i32::from(*status == StepStatus::Succeeded),
            started_at: Some(now),
            finished_at: Some(now),
            next_attempt_at: None,
            created_at: now,
            updated_at: now,
        })
        .collect();
    let external = definitions::all(conn)?;
    let any_external = !external.is_empty();
    for (step, position) in external.into_iter().zip(EXTERNAL_FROM..) {
        rows.push(NewStepRow {
            tenant_id: tenant,
            name: step.name,
            kind: StepKind::External.as_str().to_owned(),
            position,
            url: Some(step.url),
            secret: Some(step.secret),
            timeout_s: step.timeout_s,
            max_attempts: step.max_attempts,
            status: StepStatus::Pending.as_str().to_owned(),
            attempts: 0,
            started_at: None,
            finished_at: None,
            next_attempt_at: Some(now),
            created_at: now,
            updated_at: now,
        });
    }
    pipeline::insert(conn, &rows)?;
    Ok(any_external)
}
