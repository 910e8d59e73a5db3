//! Forgetting old webhook history: finished deliveries (their attempts go with them) and
//! dispatched events that no delivery needs any more. A pending delivery is kept however
//! old it is, and so is its event; so is an event whose deliveries are still kept.

use crate::schema::events::dsl as e;
use crate::schema::webhook_deliveries::dsl as d;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use landlord_domain::webhook::DeliveryStatus;

/// How many rows one call deletes at most, so a transaction (and SQLite's writer lock) is
/// held briefly however much history has piled up.
pub const BATCH: i64 = 1_000;

/// Deletes up to [`BATCH`] succeeded or failed deliveries last changed before `cutoff`,
/// with their attempts; returns how many.
pub fn purge_deliveries(conn: &mut AnyConnection, cutoff: Timestamp) -> Result<usize, StoreError> {
    let finished = [DeliveryStatus::Succeeded, DeliveryStatus::Failed].map(DeliveryStatus::as_str);
    let ids: Vec<i64> = d::webhook_deliveries
        .filter(d::status.eq_any(finished))
        .filter(d::updated_at.lt(cutoff))
        .order(d::id.asc())
        .limit(BATCH)
        .select(d::id)
        .load(conn)?;
    delete_deliveries(conn, &ids)
}

fn delete_deliveries(conn: &mut AnyConnection, ids: &[i64]) -> Result<usize, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    // Attempts go by ON DELETE CASCADE.
    Ok(diesel::delete(d::webhook_deliveries.filter(d::id.eq_any(ids))).execute(conn)?)
}

/// Deletes up to [`BATCH`] events dispatched before `cutoff` that have no delivery left;
/// returns how many.
pub fn purge_events(conn: &mut AnyConnection, cutoff: Timestamp) -> Result<usize, StoreError> {
    let ids: Vec<i64> = e::events
        .filter(e::dispatched_at.lt(cutoff))
        .filter(not(exists(
            d::webhook_deliveries.filter(d::event_id.eq(e::id)),
        )))
        .order(e::id.asc())
        .limit(BATCH)
        .select(e::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(0);
    }
    Ok(diesel::delete(e::events.filter(e::id.eq_any(&ids))).execute(conn)?)
}
