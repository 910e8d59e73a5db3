//! Billing runs: one row per run, with what it did.

use crate::schema::billing_runs::dsl as r;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::billing_runs)]
pub struct BillingRunRow {
    pub id: i64,
    pub as_of: Timestamp,
    pub triggered_by: String,
    pub started_at: Timestamp,
    pub finished_at: Option<Timestamp>,
    pub periods_billed: i64,
    pub invoices_created: i64,
    pub collections_attempted: i64,
    pub dunning_transitions: i64,
}

/// What a run did, added to its row when it finishes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub periods_billed: i64,
    pub invoices_created: i64,
    pub collections_attempted: i64,
    pub dunning_transitions: i64,
}

pub fn start(
    conn: &mut AnyConnection,
    as_of: Timestamp,
    triggered_by: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(diesel::insert_into(r::billing_runs)
        .values((
            r::as_of.eq(as_of),
            r::triggered_by.eq(triggered_by),
            r::started_at.eq(now),
        ))
        .returning(r::id)
        .get_result(conn)?)
}

pub fn finish(
    conn: &mut AnyConnection,
    id: i64,
    counts: RunCounts,
    now: Timestamp,
) -> Result<BillingRunRow, StoreError> {
    Ok(diesel::update(r::billing_runs.find(id))
        .set((
            r::finished_at.eq(now),
            r::periods_billed.eq(counts.periods_billed),
            r::invoices_created.eq(counts.invoices_created),
            r::collections_attempted.eq(counts.collections_attempted),
            r::dunning_transitions.eq(counts.dunning_transitions),
        ))
        .returning(crate::schema::billing_runs::all_columns)
        .get_result(conn)?)
}

/// The latest runs first.
pub fn recent(conn: &mut AnyConnection, limit: i64) -> Result<Vec<BillingRunRow>, StoreError> {
    Ok(r::billing_runs
        .order(r::id.desc())
        .limit(limit)
        .select(BillingRunRow::as_select())
        .load(conn)?)
}
