//! Running external provisioning steps: one [`run_once`] tick claims the steps that are
//! due, calls them, and records each outcome. A background loop (started with the HTTP
//! server, woken when a change commits) calls it; time comes from the injected clock.
//!
//! A step is claimed under a lease (its timeout and [`LEASE_MARGIN_SECS`]) before it is
//! called, and its outcome is recorded only while the lease is held. A process killed in
//! the middle of a call leaves a claim that lapses; the step is then claimed again (its
//! attempt counted again), and steps that had succeeded are never claimed. On PostgreSQL
//! concurrent processes skip each other's claims (`FOR UPDATE SKIP LOCKED`), so no step is
//! run by two at once.

mod record;
mod send;

use crate::error::{OpError, OpResult};
use crate::webhooks::worker::Sender;
use landlord_domain::Clock;
use landlord_persistence::provisioning::pipeline;
use landlord_persistence::{Database, Timestamp, tenants};
use std::sync::Arc;

/// How much longer than its timeout a claim holds: room to record the outcome.
pub const LEASE_MARGIN_SECS: i64 = 5;

/// How many steps one tick claims and calls at once.
pub const CLAIM_BATCH: i64 = 16;

/// One round: claims the due steps, calls them concurrently, records the outcomes.
/// Returns how many were attempted.
pub async fn run_once(db: &Database, clock: &Arc<dyn Clock>, sender: &Sender) -> OpResult<usize> {
    let lease = uuid::Uuid::new_v4().simple().to_string();
    let claimed = {
        let lease = lease.clone();
        blocking(db, clock, move |db, now| {
            // Looking first keeps an idle tick from taking SQLite's writer lock.
            if !db.read(|conn| pipeline::any_due(conn, now))? {
                return Ok(Vec::new());
            }
            let margin = chrono::Duration::seconds(LEASE_MARGIN_SECS);
            db.write(|tx| {
                let steps = pipeline::claim_due(tx, now, &lease, margin, CLAIM_BATCH)?;
                let mut claimed = Vec::with_capacity(steps.len());
                for step in steps {
                    let tenant = tenants::find(tx, landlord_domain::TenantId(step.tenant_id))?
                        .ok_or(landlord_persistence::StoreError::NotFound)?;
                    claimed.push(send::Claimed { step, tenant });
                }
                Ok::<_, OpError>(claimed)
            })
        })
        .await?
    };
    if claimed.is_empty() {
        return Ok(0);
    }
    let calls = claimed
        .into_iter()
        .map(|claim| send::attempt(sender, clock.as_ref(), claim));
    let attempts = futures_util::future::join_all(calls).await;
    let attempted = attempts.len();
    blocking(db, clock, move |db, now| {
        for attempt in attempts {
            if let Err(err) = record::record(db, &lease, attempt, now) {
                tracing::warn!(error = %err, "recording a provisioning attempt failed");
            }
        }
        Ok(())
    })
    .await?;
    Ok(attempted)
}

/// Runs database work on a blocking thread with the clock's current time.
async fn blocking<T: Send + 'static>(
    db: &Database,
    clock: &Arc<dyn Clock>,
    work: impl FnOnce(&Database, Timestamp) -> OpResult<T> + Send + 'static,
) -> OpResult<T> {
    let db = db.clone();
    let now = clock.now().naive_utc();
    tokio::task::spawn_blocking(move || work(&db, now))
        .await
        .map_err(|e| OpError::Internal(format!("provisioning worker task failed: {e}")))?
}
