//! Usage metering: the meter catalogue, ingesting batches of usage events into daily
//! rollups, a tenant's usage over a range of days, and the all-tenants usage table.

pub mod ingest;
pub mod meters;
mod quota_feed;
pub mod requests;
pub mod statistics;
pub mod table;

use crate::error::{OpError, OpResult};
use landlord_domain::usage::{Aggregation, MeterKind};
use landlord_domain::wire::MeterView;
use landlord_persistence::usage::MeterRow;

/// A stored meter, its names parsed.
#[derive(Debug, Clone)]
pub(crate) struct Meter {
    pub aggregation: Aggregation,
    pub kind: MeterKind,
    pub property: Option<String>,
    /// The quota the meter feeds or is compared with.
    pub quota: Option<String>,
}

impl Meter {
    pub(crate) fn of(row: &MeterRow) -> OpResult<Self> {
        let broken = || OpError::Internal(format!("stored meter {:?} is unreadable", row.key));
        Ok(Self {
            aggregation: Aggregation::parse(&row.aggregation).ok_or_else(broken)?,
            kind: MeterKind::parse(&row.kind).ok_or_else(broken)?,
            property: row.property.clone(),
            quota: row.quota_key.clone(),
        })
    }
}

pub(crate) fn meter_view(row: &MeterRow) -> OpResult<MeterView> {
    let meter = Meter::of(row)?;
    Ok(MeterView {
        key: row.key.clone(),
        name: row.name.clone(),
        unit: row.unit.clone(),
        aggregation: meter.aggregation,
        property: meter.property,
        kind: meter.kind,
        quota: meter.quota,
        created_at: row.created_at.and_utc(),
    })
}
