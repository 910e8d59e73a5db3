//! Admitting a request under its tenant's rate limit (`domain::rate_limit`). The decision
//! and the tenant's new next-free instant are one transaction over its locked slot, so
//! several server processes over one database share the limit exactly, not approximately.
//! It is not a change anyone audits: no record, no event.

use crate::error::OpResult;
use chrono::{DateTime, Utc};
use landlord_domain::TenantId;
use landlord_domain::rate_limit::{Admission, RateLimit};
use landlord_persistence::{Database, request_rates};

/// Decides `tenant`'s request arriving at `now`; a served one takes its place in the queue.
pub fn admit(
    db: &Database,
    tenant: TenantId,
    limit: RateLimit,
    now: DateTime<Utc>,
) -> OpResult<Admission> {
    let now = now.timestamp_micros();
    db.write(|tx| {
        let stored = request_rates::next_free_locked(tx, tenant)?;
        let admission = limit.admit(Some(stored), now);
        let (Admission::Served { next_free, .. } | Admission::Refused { next_free, .. }) =
            admission;
        if next_free != stored {
            request_rates::set_next_free(tx, tenant, next_free)?;
        }
        Ok(admission)
    })
}
