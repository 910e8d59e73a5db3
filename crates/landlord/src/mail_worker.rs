//! The mail outbox loop, started with the HTTP server and stopped after it: one
//! `run_once` tick every half second, and straight again while ticks find work.

use landlord_domain::Clock;
use landlord_operations::mail::{Mailer, worker};
use landlord_persistence::Database;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the loop looks for due mails when idle.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The running loop; [`MailWorker::stop`] ends it after its current tick.
pub struct MailWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl MailWorker {
    /// Starts the loop on the current tokio runtime.
    pub fn start(db: Database, clock: Arc<dyn Clock>, mailer: Mailer) -> Self {
        tracing::info!(to = %mailer.describe(), "notification mails go to");
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            loop {
                if *stopped.borrow() {
                    break;
                }
                let busy = match worker::run_once(&db, &clock, &mailer).await {
                    Ok(attempted) => attempted > 0,
                    Err(err) => {
                        tracing::warn!(error = %err, "mail tick failed");
                        false
                    }
                };
                if busy {
                    tokio::task::yield_now().await;
                    continue;
                }
                tokio::select! {
                    _ = tokio::time::sleep(POLL_INTERVAL) => {}
                    _ = stopped.changed() => {}
                }
            }
            tracing::info!("mail sending stopped");
        });
        Self { stop, task }
    }

    /// Asks the loop to stop and waits for its current tick to finish.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(err) = self.task.await {
            tracing::warn!(error = %err, "the mail loop ended abnormally");
        }
    }
}
