//! Daily rollups: one row per tenant, meter and day (in the tenant's time zone). Ingestion
//! merges a batch's figure for each row in one upsert; pages read these rows, never events.

use crate::schema::usage_daily::dsl as d;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use chrono::NaiveDate;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::usage_daily, treat_none_as_default_value = false)]
pub struct DailyRow {
    pub tenant_id: i64,
    pub meter_key: String,
    pub day: NaiveDate,
    pub value: f64,
    pub peak: Option<f64>,
    pub last_at: Timestamp,
}

/// How a batch's figure merges into the stored one, by the meter's aggregation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Added (sum, count, and unique_count's newly seen values).
    Add,
    /// The higher.
    Max,
    /// The one with the later `last_at`.
    Latest,
    /// The new figure replaces the stored one (a recomputed day, e.g. microservice usage).
    Replace,
}

/// Merges `row` into the stored row of its tenant, meter and day (creating it); `gauge`
/// keeps the day's peak. The same statement on both backends (`ON CONFLICT ... DO UPDATE`).
pub fn merge(
    conn: &mut AnyConnection,
    row: &DailyRow,
    how: Merge,
    gauge: bool,
) -> Result<(), StoreError> {
    dialect::merge_usage_day(conn, row, how, gauge)?;
    Ok(())
}

/// `tenant`'s rows from `from` to `to` (inclusive), by day then meter.
pub fn of_tenant(
    conn: &mut AnyConnection,
    tenant: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DailyRow>, StoreError> {
    Ok(d::usage_daily
        .filter(d::tenant_id.eq(tenant))
        .filter(d::day.ge(from))
        .filter(d::day.le(to))
        .order((d::day.asc(), d::meter_key.asc()))
        .select(DailyRow::as_select())
        .load(conn)?)
}

/// Writes rows that do not exist yet, many per statement (the demo history).
pub fn insert_bulk(conn: &mut AnyConnection, rows: &[DailyRow]) -> Result<(), StoreError> {
    for chunk in rows.chunks(1000) {
        dialect::insert_daily_rows(conn, chunk)?;
    }
    Ok(())
}
