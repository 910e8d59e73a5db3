//! Usage events: each batch's new events go in as one multi-row insert that skips ids stored
//! already and answers the ids it added, so a duplicate (also one a concurrent batch is adding
//! at the same moment: PostgreSQL's unique index makes the second insert wait for the first
//! to commit, SQLite has one writer) is told apart without a read first.

use crate::schema::usage_events::dsl as e;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashSet;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::usage_events, treat_none_as_default_value = false)]
pub struct NewEventRow {
    pub id: String,
    pub tenant_id: i64,
    pub meter_key: String,
    pub value: Option<f64>,
    pub occurred_at: Timestamp,
    pub properties: Option<String>,
    pub received_at: Timestamp,
}

/// A unique_count meter's property value on one day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Insertable, Queryable)]
#[diesel(table_name = crate::schema::usage_distinct)]
pub struct DistinctRow {
    pub tenant_id: i64,
    pub meter_key: String,
    pub day: NaiveDate,
    pub value: String,
}

/// Rows per statement: well under both backends' bound-parameter limits (7 per event).
const CHUNK: usize = 1000;

/// Inserts the events whose ids are new; answers those ids. `rows` must have distinct ids.
/// Rows go in id order, so two concurrent batches wait for each other's ids in one order
/// and cannot deadlock.
pub fn insert_new(
    conn: &mut AnyConnection,
    rows: &mut [NewEventRow],
) -> Result<HashSet<String>, StoreError> {
    rows.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    let mut added = HashSet::with_capacity(rows.len());
    for chunk in rows.chunks(CHUNK) {
        added.extend(dialect::insert_events_returning_new(conn, chunk)?);
    }
    Ok(added)
}

/// Records property values; answers the ones new for their tenant, meter and day.
pub fn insert_distinct(
    conn: &mut AnyConnection,
    rows: &mut Vec<DistinctRow>,
) -> Result<Vec<DistinctRow>, StoreError> {
    rows.sort_unstable();
    rows.dedup();
    let mut added = Vec::new();
    for chunk in rows.chunks(CHUNK) {
        added.extend(dialect::insert_distinct_returning_new(conn, chunk)?);
    }
    Ok(added)
}

/// Forgets events received before `cutoff` (their ids are no longer idempotency keys).
pub fn purge_before(conn: &mut AnyConnection, cutoff: Timestamp) -> Result<usize, StoreError> {
    Ok(diesel::delete(e::usage_events.filter(e::received_at.lt(cutoff))).execute(conn)?)
}

/// How many events are stored for `tenant` (for tests and diagnostics).
pub fn count_of(conn: &mut AnyConnection, tenant: i64) -> Result<i64, StoreError> {
    Ok(e::usage_events
        .filter(e::tenant_id.eq(tenant))
        .count()
        .get_result(conn)?)
}
