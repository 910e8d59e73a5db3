//! The daily retention purge, started with the HTTP server: it checks the clock twice a
//! second and purges at start and then once every day of the server's clock
//! (`operations::retention::Schedule`), so tests drive it with the injected clock. Several
//! processes may purge at once: deleting what is already gone deletes nothing.

use landlord_domain::Clock;
use landlord_operations::retention::Schedule;
use landlord_persistence::Database;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

const POLL: Duration = Duration::from_millis(500);

/// Starts the loop; abort the handle to stop it.
pub fn start(db: Database, clock: Arc<dyn Clock>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut schedule = Schedule::default();
        loop {
            match schedule.run_if_due(&db, &clock).await {
                Ok(Some(purged)) if purged.tenants > 0 || purged.expired_usage_events > 0 => {
                    tracing::info!(
                        tenants = purged.tenants,
                        audit = purged.audit,
                        usage_events = purged.usage_events,
                        notifications = purged.notifications,
                        expired_usage_events = purged.expired_usage_events,
                        "retention purge deleted old entries"
                    );
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "retention purge failed"),
            }
            tokio::time::sleep(POLL).await;
        }
    })
}
