//! The webhook delivery loop, started with the HTTP server and stopped after it: one
//! `run_once` tick every half second, at once when a handler wakes it, and straight again
//! while ticks find work; and, once an hour of the server's clock, the retention purge of
//! old deliveries and events.

use landlord_domain::Clock;
use landlord_domain::webhook::AddressPolicy;
use landlord_operations::webhooks::worker::retention::Purged;
use landlord_operations::webhooks::worker::{self, POLL_INTERVAL, Retention};
use landlord_persistence::Database;
use std::sync::Arc;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

/// The running loop; [`WebhookWorker::stop`] ends it after its current tick.
pub struct WebhookWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WebhookWorker {
    /// Starts the loop on the current tokio runtime.
    pub fn start(
        db: Database,
        clock: Arc<dyn Clock>,
        wake: Arc<Notify>,
        addresses: AddressPolicy,
        mut retention: Retention,
    ) -> anyhow::Result<Self> {
        let sender = worker::Sender::new(addresses)?;
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            loop {
                if *stopped.borrow() {
                    break;
                }
                match retention.run_if_due(&db, &clock).await {
                    Ok(Some(purged)) if purged != Purged::default() => {
                        tracing::info!(
                            deliveries = purged.deliveries,
                            events = purged.events,
                            "old webhook history deleted"
                        );
                    }
                    Ok(_) => {}
                    Err(err) => tracing::warn!(error = %err, "webhook history purge failed"),
                }
                let busy = match worker::run_once(&db, &clock, &sender).await {
                    Ok(tick) => tick.busy(),
                    Err(err) => {
                        tracing::warn!(error = %err, "webhook delivery tick failed");
                        false
                    }
                };
                if busy {
                    tokio::task::yield_now().await;
                    continue;
                }
                tokio::select! {
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(POLL_INTERVAL) => {}
                    _ = stopped.changed() => {}
                }
            }
            tracing::info!("webhook delivery stopped");
        });
        Ok(Self { stop, task })
    }

    /// Asks the loop to stop and waits for its current tick to finish.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(err) = self.task.await {
            tracing::warn!(error = %err, "the webhook delivery loop ended abnormally");
        }
    }
}
