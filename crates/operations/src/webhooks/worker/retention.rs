//! How long webhook history is kept: finished deliveries and dispatched events older than
//! the retention period are deleted, in batches, once an hour of the injected clock, by
//! the delivery loop. Pending deliveries, and the events they carry, are never deleted.

use crate::error::OpResult;
use chrono::{DateTime, Duration, Utc};
use landlord_domain::Clock;
use landlord_persistence::Database;
use landlord_persistence::webhooks::retention::{self as store, BATCH};
use std::sync::Arc;

/// How often the purge runs.
pub const INTERVAL: Duration = Duration::hours(1);

/// The default retention: 30 days.
pub const DEFAULT_DAYS: u32 = 30;

/// What a purge deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub deliveries: usize,
    pub events: usize,
}

/// The purge's schedule: history older than `keep` goes, checked every [`INTERVAL`].
#[derive(Debug, Clone)]
pub struct Retention {
    keep: Duration,
    next: Option<DateTime<Utc>>,
}

impl Retention {
    /// Keeps `days` days of history (at least one).
    pub fn days(days: u32) -> Self {
        Self {
            keep: Duration::days(i64::from(days.max(1))),
            next: None,
        }
    }

    /// Purges if an interval has passed since the last purge (or none ran yet).
    pub async fn run_if_due(
        &mut self,
        db: &Database,
        clock: &Arc<dyn Clock>,
    ) -> OpResult<Option<Purged>> {
        let now = clock.now();
        if self.next.is_some_and(|next| now < next) {
            return Ok(None);
        }
        self.next = Some(now + INTERVAL);
        let (db, cutoff) = (db.clone(), (now - self.keep).naive_utc());
        let purged = tokio::task::spawn_blocking(move || purge(&db, cutoff))
            .await
            .map_err(|e| crate::OpError::Internal(format!("webhook purge task failed: {e}")))??;
        Ok(Some(purged))
    }
}

/// Deletes the finished deliveries last changed before `cutoff`, then the events
/// dispatched before it that no delivery needs any more; one short transaction per batch.
pub fn purge(db: &Database, cutoff: landlord_persistence::Timestamp) -> OpResult<Purged> {
    let mut purged = Purged::default();
    loop {
        let n = db.write(|tx| store::purge_deliveries(tx, cutoff))?;
        purged.deliveries += n;
        if (n as i64) < BATCH {
            break;
        }
    }
    loop {
        let n = db.write(|tx| store::purge_events(tx, cutoff))?;
        purged.events += n;
        if (n as i64) < BATCH {
            break;
        }
    }
    Ok(purged)
}
