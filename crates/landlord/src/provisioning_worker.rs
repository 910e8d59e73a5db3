//! The provisioning loop, started with the HTTP server and stopped after it: one
//! `run_once` tick every half second, at once when a handler wakes it (a tenant was
//! created, or its provisioning run again), and straight again while ticks find work.

use landlord_domain::Clock;
use landlord_domain::webhook::AddressPolicy;
use landlord_operations::provisioning::worker;
use landlord_operations::webhooks::worker::{POLL_INTERVAL, Sender};
use landlord_persistence::Database;
use std::sync::Arc;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

/// The running loop; [`ProvisioningWorker::stop`] ends it after its current tick.
pub struct ProvisioningWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl ProvisioningWorker {
    /// Starts the loop on the current tokio runtime. Steps are called under the same
    /// address policy as webhooks.
    pub fn start(
        db: Database,
        clock: Arc<dyn Clock>,
        wake: Arc<Notify>,
        addresses: AddressPolicy,
    ) -> anyhow::Result<Self> {
        let sender = Sender::new(addresses)?;
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            loop {
                if *stopped.borrow() {
                    break;
                }
                let busy = match worker::run_once(&db, &clock, &sender).await {
                    Ok(attempted) => attempted > 0,
                    Err(err) => {
                        tracing::warn!(error = %err, "provisioning tick failed");
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
            tracing::info!("provisioning stopped");
        });
        Ok(Self { stop, task })
    }

    /// Asks the loop to stop and waits for its current tick to finish.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(err) = self.task.await {
            tracing::warn!(error = %err, "the provisioning loop ended abnormally");
        }
    }
}
