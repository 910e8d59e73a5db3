//! Writes the `api_requests` meter's in-memory counts (`landlord_api::request_meter`) to the
//! daily rollups every [`REQUEST_FLUSH`] while serving, and once more at shutdown, so
//! requests never wait on a write.

use landlord_api::request_meter::RequestMeter;
use landlord_domain::Clock;
use landlord_persistence::Database;
use std::sync::Arc;

/// How often the counts are written.
const REQUEST_FLUSH: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Clone)]
pub(crate) struct RequestFlusher {
    db: Database,
    clock: Arc<dyn Clock>,
    meter: RequestMeter,
}

impl RequestFlusher {
    pub(crate) fn new(db: Database, clock: Arc<dyn Clock>, meter: RequestMeter) -> Self {
        Self { db, clock, meter }
    }

    /// Flushes every [`REQUEST_FLUSH`] until the task is aborted.
    pub(crate) fn start(&self) -> tokio::task::JoinHandle<()> {
        let flusher = self.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(REQUEST_FLUSH);
            loop {
                ticks.tick().await;
                flusher.flush().await;
            }
        })
    }

    /// Writes the counts since the last flush, if any.
    pub(crate) async fn flush(&self) {
        let counts = self.meter.take();
        if counts.is_empty() {
            return;
        }
        let db = self.db.clone();
        let now = self.clock.now().naive_utc();
        let written = tokio::task::spawn_blocking(move || {
            landlord_operations::usage::requests::record(&db, now, &counts)
        })
        .await;
        if !matches!(written, Ok(Ok(()))) {
            tracing::warn!("writing the api_requests meter's counts failed");
        }
    }
}
