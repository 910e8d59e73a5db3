//! Sending the outbox: one [`run_once`] tick claims the mails that are due under a lease,
//! renders and sends them, and records each attempt while the lease is held. A crashed
//! process's claims lapse after [`LEASE_SECS`] and are taken over; on PostgreSQL concurrent
//! processes skip each other's claims (`FOR UPDATE SKIP LOCKED`), so no mail is sent by two
//! at once. A failed attempt is retried with backoff by the injected clock
//! ([`landlord_domain::mail::retry_delay`]); a mail server that is down delays mails only.

use super::templates::{self, Variables};
use super::transport::{Mailer, SendError};
use crate::error::{OpError, OpResult};
use landlord_domain::Clock;
use landlord_domain::mail::{MailLanguage, retry_delay};
use landlord_persistence::Database;
use landlord_persistence::mail::{self, MailRow, Outcome};
use std::sync::Arc;

/// How long a claim holds: longer than any attempt ([`super::transport::TIMEOUT`]).
pub const LEASE_SECS: i64 = 60;

/// How many mails one tick claims.
pub const CLAIM_BATCH: i64 = 16;

/// One round: answers how many attempts were made (and recorded).
pub async fn run_once(db: &Database, clock: &Arc<dyn Clock>, mailer: &Mailer) -> OpResult<usize> {
    let lease = uuid::Uuid::new_v4().simple().to_string();
    let now = clock.now().naive_utc();
    let claimed = {
        let db = db.clone();
        let lease = lease.clone();
        blocking(move || {
            // Looking first keeps an idle tick from taking SQLite's writer lock.
            if !db.read(|conn| mail::any_due(conn, now))? {
                return Ok(Vec::new());
            }
            let until = now + chrono::Duration::seconds(LEASE_SECS);
            db.write(|tx| mail::claim_due(tx, now, &lease, until, CLAIM_BATCH))
                .map_err(OpError::from)
        })
        .await?
    };
    let attempted = claimed.len();
    for row in claimed {
        let result = attempt(mailer, &row).await;
        let at = clock.now().naive_utc();
        let outcome = match result {
            Ok(()) => Outcome::Sent,
            Err(err) => {
                tracing::warn!(mail = row.id, kind = %row.kind, error = %err.message, "sending a mail failed");
                Outcome::Failed {
                    retry_at: (!err.permanent)
                        .then(|| retry_delay(row.attempts + 1))
                        .flatten()
                        .map(|delay| at + delay),
                    error: err.message,
                }
            }
        };
        let db = db.clone();
        let lease = lease.clone();
        let id = row.id;
        let recorded = blocking(move || {
            db.write(|tx| mail::record_attempt(tx, id, &lease, outcome, at))
                .map_err(OpError::from)
        })
        .await;
        match recorded {
            Ok(true) => {}
            Ok(false) => tracing::warn!(
                mail = id,
                "a mail's claim lapsed before its attempt was recorded"
            ),
            Err(err) => tracing::warn!(mail = id, error = %err, "recording a mail attempt failed"),
        }
    }
    Ok(attempted)
}

async fn attempt(mailer: &Mailer, row: &MailRow) -> Result<(), SendError> {
    let internal = |message: String| SendError {
        message,
        permanent: true,
    };
    let kind = row.kind().map_err(|e| internal(e.to_string()))?;
    let language = MailLanguage::parse(&row.language).unwrap_or_default();
    let mut values: Variables = serde_json::from_str(&row.variables)
        .map_err(|e| internal(format!("the stored values are unreadable: {e}")))?;
    values.insert("public_url".into(), mailer.public_url().to_owned());
    let rendered = templates::render(kind, language, &values);
    let written = mailer
        .send(
            row.id,
            &row.recipient,
            &row.subject,
            rendered.text,
            rendered.html,
        )
        .await?;
    match written {
        Some(path) => {
            tracing::info!(mail = row.id, kind = %row.kind, to = %row.recipient, path = %path.display(), "mail written to a file (no LANDLORD_SMTP_URL)")
        }
        None => tracing::info!(mail = row.id, kind = %row.kind, to = %row.recipient, "mail sent"),
    }
    Ok(())
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> OpResult<T> + Send + 'static,
) -> OpResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| OpError::Internal(format!("mail worker task failed: {e}")))?
}
