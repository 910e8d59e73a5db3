//! Keeps the microservice usage meters (`microservice_cpu`, `microservice_memory`) of the
//! daily rollups current, started with the HTTP server: once a minute it recomputes every
//! tenant's last two days as of the injected clock
//! (`operations::applications::usage::refresh`). A recomputed day replaces its figure, so
//! several processes refreshing at once, or a refresh repeated, never count twice. Each
//! billing run refreshes the same days before it bills.

use landlord_domain::Clock;
use landlord_persistence::Database;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

const EVERY: Duration = Duration::from_secs(60);
/// Today and yesterday in each tenant's zone.
const DAYS: i64 = 2;

/// Starts the loop; abort the handle to stop it.
pub fn start(db: Database, clock: Arc<dyn Clock>) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let (db, now) = (db.clone(), clock.now().naive_utc());
            let refreshed = tokio::task::spawn_blocking(move || {
                landlord_operations::applications::usage::refresh(&db, now, DAYS)
            })
            .await;
            match refreshed {
                Ok(Ok(_)) => {}
                Ok(Err(err)) => {
                    tracing::warn!(error = %err, "refreshing microservice usage failed")
                }
                Err(err) => tracing::warn!(error = %err, "the microservice usage refresh stopped"),
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}
