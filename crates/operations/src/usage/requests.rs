//! The built-in `api_requests` meter: the server counts each signed-in request for the
//! caller's tenant in memory and hands the counts here every few seconds (and at shutdown),
//! one transaction for all tenants, so requests never wait on a write.

use landlord_domain::TenantId;
use landlord_domain::usage::{day_in, zone};
use landlord_persistence::usage::daily::{self, DailyRow, Merge};
use landlord_persistence::{Database, StoreError, Timestamp, tenants};
use std::collections::HashMap;

/// The meter the server's own requests count in.
pub const METER: &str = "api_requests";

/// Adds `counts` (requests per tenant id) to each tenant's day at `now` in its time zone;
/// a tenant deleted meanwhile is skipped.
pub fn record(db: &Database, now: Timestamp, counts: &HashMap<i64, u64>) -> Result<(), StoreError> {
    let mut ids: Vec<_> = counts.iter().filter(|(_, n)| **n > 0).collect();
    if ids.is_empty() {
        return Ok(());
    }
    ids.sort_unstable();
    db.write(|tx| {
        for (&tenant, &n) in ids {
            let Some(row) = tenants::find(tx, TenantId(tenant))? else {
                continue;
            };
            let day = day_in(zone(row.time_zone.as_deref()), now.and_utc());
            let figure = DailyRow {
                tenant_id: tenant,
                meter_key: METER.to_owned(),
                day,
                value: n as f64,
                peak: None,
                last_at: now,
            };
            daily::merge(tx, &figure, Merge::Add, false)?;
        }
        Ok(())
    })
}
