//! After an attempt: store it, move the delivery on, and keep the endpoint's health.

use super::send::Attempt;
use crate::error::{OpError, OpResult};
use landlord_domain::webhook::{DeliveryStatus, disabled_reason, retry_delay, should_disable};
use landlord_persistence::webhooks::deliveries::{self, AfterAttempt};
use landlord_persistence::webhooks::{NewAttemptRow, endpoints};
use landlord_persistence::{Database, Timestamp};

/// Records one attempt in its own transaction. Success ends the delivery and clears the
/// endpoint's failing streak. A failure schedules the next attempt (see
/// [`retry_delay`]) or, once the schedule is spent, fails the delivery for good; if the
/// endpoint has then not had one successful attempt for five days, it is disabled.
pub(super) fn record(db: &Database, lease: &str, attempt: Attempt, now: Timestamp) -> OpResult<()> {
    let delivery = &attempt.claim.delivery;
    let endpoint = attempt.claim.endpoint.id;
    let succeeded = attempt.succeeded();
    let after = if succeeded {
        AfterAttempt {
            status: DeliveryStatus::Succeeded,
            failures: delivery.failures,
            next_attempt_at: None,
        }
    } else {
        let failures = delivery.failures.saturating_add(1);
        let jitter: f64 = rand::random();
        match retry_delay(u32::try_from(failures).unwrap_or(u32::MAX), jitter) {
            Some(delay) => AfterAttempt {
                status: DeliveryStatus::Pending,
                failures,
                next_attempt_at: Some(attempt.at + delay),
            },
            None => AfterAttempt {
                status: DeliveryStatus::Failed,
                failures,
                next_attempt_at: None,
            },
        }
    };
    let row = NewAttemptRow {
        delivery_id: delivery.id,
        attempted_at: attempt.at,
        response_status: attempt.response_status.map(i32::from),
        latency_ms: attempt.latency_ms,
        error: attempt.error.clone(),
        response_body: attempt.response_body.clone(),
    };
    let failed_for_good = after.status == DeliveryStatus::Failed;
    db.write(|tx| {
        if !deliveries::record_attempt(tx, delivery.id, lease, row, after)? {
            tracing::warn!(
                delivery = delivery.id,
                "a webhook claim lapsed before its attempt was recorded"
            );
            return Ok(());
        }
        if succeeded {
            return Ok(endpoints::mark_healthy(tx, endpoint)?);
        }
        endpoints::mark_failing(tx, endpoint, attempt.at)?;
        if failed_for_good
            && let Some(current) = endpoints::find(tx, endpoint)?
            && let Some(since) = current.failing_since
            && current.enabled
            && should_disable(since.and_utc(), now.and_utc())
        {
            let reason = disabled_reason(since.and_utc());
            tracing::warn!(endpoint, %reason, "disabling a webhook endpoint");
            endpoints::disable(tx, endpoint, &reason, now)?;
        }
        Ok::<_, OpError>(())
    })
}
