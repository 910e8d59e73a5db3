//! Delivering webhooks: one [`run_once`] tick fans new outbox events out into deliveries,
//! claims the deliveries that are due, sends them, and records every attempt. A background
//! loop (started with the HTTP server) calls it every half second or when woken; tests call
//! the same tick through that loop, with time from the injected clock.
//!
//! At least once: a delivery is claimed under a lease ([`LEASE_SECS`]) before it is sent,
//! and its attempt is recorded afterwards only while the lease is held. A crashed process's
//! claims lapse and are taken over; on PostgreSQL concurrent processes skip each other's
//! claims (`FOR UPDATE SKIP LOCKED`), so no delivery is sent by two at once.

mod fan_out;
mod record;
pub mod retention;
pub(crate) mod send;

use crate::error::{OpError, OpResult};
use landlord_domain::Clock;
use landlord_persistence::Database;
use landlord_persistence::webhooks::deliveries;
use std::sync::Arc;
use std::time::Duration;

pub use retention::Retention;
pub use send::Sender;

/// How long a claim holds: longer than any attempt ([`send::TIMEOUT`]) with room to record.
pub const LEASE_SECS: i64 = 60;

/// How many deliveries one tick claims and sends at once.
pub const CLAIM_BATCH: i64 = 16;

/// How many outbox events one tick fans out.
pub const FAN_OUT_BATCH: i64 = 200;

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tick {
    /// Deliveries created from new events.
    pub fanned_out: usize,
    /// Attempts made (and recorded).
    pub attempted: usize,
}

impl Tick {
    /// Whether there may be more to do right away.
    pub fn busy(&self) -> bool {
        self.fanned_out > 0 || self.attempted > 0
    }
}

/// One round of delivery work. Database work runs on blocking threads; the attempts of a
/// batch are sent concurrently.
pub async fn run_once(db: &Database, clock: &Arc<dyn Clock>, sender: &Sender) -> OpResult<Tick> {
    let fanned_out = blocking(db, clock, fan_out::fan_out).await?;
    let lease = uuid::Uuid::new_v4().simple().to_string();
    let claimed = {
        let lease = lease.clone();
        blocking(db, clock, move |db, now| {
            // Looking first keeps an idle tick from taking SQLite's writer lock.
            if !db.read(|conn| deliveries::any_due(conn, now))? {
                return Ok(Vec::new());
            }
            let until = now + chrono::Duration::seconds(LEASE_SECS);
            db.write(|tx| {
                let ids = deliveries::claim_due(tx, now, &lease, until, CLAIM_BATCH)?;
                deliveries::claimed(tx, &ids)
            })
            .map_err(OpError::from)
        })
        .await?
    };
    if claimed.is_empty() {
        return Ok(Tick {
            fanned_out,
            attempted: 0,
        });
    }
    let sends = claimed
        .into_iter()
        .map(|claim| send::attempt(sender, clock.as_ref(), claim));
    let attempts = futures_util::future::join_all(sends).await;
    let attempted = attempts.len();
    blocking(db, clock, move |db, now| {
        for attempt in attempts {
            if let Err(err) = record::record(db, &lease, attempt, now) {
                tracing::warn!(error = %err, "recording a webhook attempt failed");
            }
        }
        Ok(())
    })
    .await?;
    Ok(Tick {
        fanned_out,
        attempted,
    })
}

/// Runs database work on a blocking thread with the clock's current time.
async fn blocking<T: Send + 'static>(
    db: &Database,
    clock: &Arc<dyn Clock>,
    work: impl FnOnce(&Database, landlord_persistence::Timestamp) -> OpResult<T> + Send + 'static,
) -> OpResult<T> {
    let db = db.clone();
    let now = clock.now().naive_utc();
    tokio::task::spawn_blocking(move || work(&db, now))
        .await
        .map_err(|e| OpError::Internal(format!("webhook worker task failed: {e}")))?
}

/// How often the background loop ticks when nobody wakes it.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);
