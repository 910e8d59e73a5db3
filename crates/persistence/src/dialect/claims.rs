//! Which background work is due, for the workers that claim it (webhook deliveries,
//! provisioning steps, mails): one statement per kind of work, and the one place their
//! locking differs between backends. For claiming (`for_update`), PostgreSQL locks the rows
//! `FOR UPDATE ... SKIP LOCKED`, so concurrent claimers in other processes pass over rows one
//! of them is claiming, and re-checks the claim columns of rows claimed meanwhile; SQLite has
//! a single writer (the database serializes write transactions), so a plain read in the
//! claiming transaction suffices there.

use super::IdRow;
use crate::connection::AnyConnection;
use diesel::prelude::*;

/// A kind of claimable work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DueWork {
    /// Pending, unclaimed or with a lapsed claim, to an enabled endpoint, and with no
    /// earlier event to the same endpoint about the same tenant still pending (deliveries go
    /// in event order per endpoint and tenant).
    WebhookDeliveries,
    /// Pending, or running under a lapsed claim (its process died), of a tenant still
    /// provisioning, with every earlier step of the same pipeline succeeded or skipped
    /// (steps run in position order).
    ProvisioningSteps,
    /// Queued messages whose claim, if any, has lapsed.
    Mails,
}

impl DueWork {
    /// The ids due at `{now}`, in the order they are due, at most `{limit}`.
    fn query(self) -> &'static str {
        match self {
            Self::WebhookDeliveries => {
                "SELECT d.id FROM webhook_deliveries d \
                 JOIN webhook_endpoints e ON e.id = d.endpoint_id \
                 WHERE d.status = 'pending' AND d.next_attempt_at <= {now} \
                   AND (d.locked_until IS NULL OR d.locked_until <= {now}) \
                   AND e.enabled \
                   AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p \
                       WHERE p.endpoint_id = d.endpoint_id AND p.tenant_id = d.tenant_id \
                         AND p.status = 'pending' AND p.event_id < d.event_id) \
                 ORDER BY d.next_attempt_at, d.id \
                 LIMIT {limit}"
            }
            Self::ProvisioningSteps => {
                "SELECT s.id FROM tenant_provisioning_steps s \
                 JOIN tenants t ON t.id = s.tenant_id \
                 WHERE s.status IN ('pending', 'running') AND s.next_attempt_at <= {now} \
                   AND (s.locked_until IS NULL OR s.locked_until <= {now}) \
                   AND t.status = 'provisioning' \
                   AND NOT EXISTS (SELECT 1 FROM tenant_provisioning_steps p \
                       WHERE p.tenant_id = s.tenant_id AND p.position < s.position \
                         AND p.status NOT IN ('succeeded', 'skipped')) \
                 ORDER BY s.next_attempt_at, s.id \
                 LIMIT {limit}"
            }
            Self::Mails => {
                "SELECT id FROM mail_messages \
                 WHERE status = 'queued' AND next_attempt_at <= {now} \
                   AND (locked_until IS NULL OR locked_until <= {now}) \
                 ORDER BY next_attempt_at, id \
                 LIMIT {limit}"
            }
        }
    }

    /// PostgreSQL's lock clause: only the claimed table's rows, never the joined ones.
    fn lock(self) -> &'static str {
        match self {
            Self::WebhookDeliveries => " FOR UPDATE OF d SKIP LOCKED",
            Self::ProvisioningSteps => " FOR UPDATE OF s SKIP LOCKED",
            Self::Mails => " FOR UPDATE SKIP LOCKED",
        }
    }
}

/// The ids of `work` due at `now`, at most `limit`; locked for the claim when `for_update`.
pub(crate) fn due_ids(
    conn: &mut AnyConnection,
    work: DueWork,
    now: crate::Timestamp,
    limit: i64,
    for_update: bool,
) -> QueryResult<Vec<i64>> {
    use diesel::sql_types::{BigInt, Timestamp};
    let rows = match conn {
        AnyConnection::Sqlite(c) => {
            let sql = work.query().replace("{now}", "?1").replace("{limit}", "?2");
            diesel::sql_query(sql)
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit)
                .load::<IdRow>(c)?
        }
        AnyConnection::Postgresql(c) => {
            let sql = work.query().replace("{now}", "$1").replace("{limit}", "$2");
            let lock = if for_update { work.lock() } else { "" };
            diesel::sql_query(format!("{sql}{lock}"))
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit)
                .load::<IdRow>(c)?
        }
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}
