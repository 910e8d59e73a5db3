//! The scheduled billing run, started with the HTTP server and stopped after it: every
//! `LANDLORD_BILLING_INTERVAL` seconds it bills as of the clock's now. Running in several
//! processes at once is safe (each period has a unique billing key and its subscription row is
//! locked while it is billed), so no leader election is needed.

use landlord_domain::Clock;
use landlord_operations::Context;
use landlord_operations::billing::run::{Trigger, run};
use landlord_persistence::Database;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct BillingWorker {
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl BillingWorker {
    /// Starts the schedule; an interval of zero starts nothing.
    pub fn start(db: Database, clock: Arc<dyn Clock>, interval: Duration) -> Self {
        let (stop, mut stopped) = watch::channel(false);
        if interval.is_zero() {
            return Self { stop, task: None };
        }
        let task = tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(interval) => {}
                    _ = stopped.changed() => break,
                }
                let db = db.clone();
                let now = clock.now().naive_utc();
                let outcome = tokio::task::spawn_blocking(move || {
                    run(&db, &Context::new(None, now, None), now, Trigger::Schedule)
                })
                .await;
                match outcome {
                    Ok(Ok(done)) => tracing::info!(
                        periods = done.periods_billed,
                        invoices = done.invoices_created,
                        collections = done.collections_attempted,
                        dunning = done.dunning_transitions,
                        "billing run finished"
                    ),
                    Ok(Err(err)) => tracing::warn!(error = %err, "billing run failed"),
                    Err(err) => tracing::warn!(error = %err, "billing run panicked"),
                }
            }
        });
        Self {
            stop,
            task: Some(task),
        }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task
            && let Err(err) = task.await
        {
            tracing::warn!(error = %err, "the billing schedule ended abnormally");
        }
    }
}
