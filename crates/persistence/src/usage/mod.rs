//! Usage metering's storage: the meter catalogue, event ingestion (idempotent by event id)
//! and the daily rollups it keeps up to date in the same transaction.

pub mod daily;
pub mod events;
pub mod table;

use crate::schema::meters::dsl as m;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::meters)]
pub struct MeterRow {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub aggregation: String,
    pub property: Option<String>,
    pub kind: String,
    pub created_at: Timestamp,
    /// The quota the meter feeds (a consumable one) or is compared with (an allocation one).
    pub quota_key: Option<String>,
}

/// Adds a meter; a taken key is a `Conflict`.
pub fn insert_meter(conn: &mut AnyConnection, row: &MeterRow) -> Result<(), StoreError> {
    diesel::insert_into(m::meters).values(row).execute(conn)?;
    Ok(())
}

/// Every meter, by key.
pub fn meters(conn: &mut AnyConnection) -> Result<Vec<MeterRow>, StoreError> {
    Ok(m::meters
        .order(m::key.asc())
        .select(MeterRow::as_select())
        .load(conn)?)
}
