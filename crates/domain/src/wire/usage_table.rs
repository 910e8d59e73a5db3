//! The all-tenants usage statistics table (`GET /usage/statistics`).

use super::MeterView;
use crate::TenantStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One tenant's row: its own fields and each meter's figure over the range.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageTableRow {
    pub id: i64,
    pub domain: String,
    pub name: String,
    pub status: TenantStatus,
    /// The parent tenant's id.
    pub parent_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// Each meter's value over the range (counters summed, gauges the last day's); a
    /// counter without events is 0, a gauge without a reading is absent.
    pub values: BTreeMap<String, f64>,
    /// Each gauge's highest reading over the range.
    pub peaks: BTreeMap<String, f64>,
    /// The `trend` meter's value on each day of the range, oldest first (for a sparkline).
    #[serde(default)]
    pub trend: Vec<f64>,
    /// The tenant's custom property values (columns `custom.<key>`).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = BTreeMap<String, super::PropertyValue>)
    )]
    pub custom_properties: crate::custom_property::Values,
}

/// One page of the table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageTable {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The meters, in column order.
    pub meters: Vec<MeterView>,
    /// The custom properties, in column order (`custom.<key>`).
    #[serde(default)]
    pub custom_properties: Vec<super::CustomPropertyView>,
    /// Every column key, in the table's order: the keys `sort=`, `filter=` and the
    /// export's `columns=` take.
    pub columns: Vec<String>,
    /// The meter `trend` follows.
    pub trend_meter: String,
    /// Rows matching the filter, over all pages.
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
    pub rows: Vec<UsageTableRow>,
}
