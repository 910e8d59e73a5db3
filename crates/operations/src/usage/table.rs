//! The all-tenants usage statistics table: every tenant of the caller's subtree with each
//! meter's figure over a range of days (each tenant's days in its own time zone, as its
//! rollups are), filtered and sorted on any column, paged, and exported as CSV.
//!
//! The figures come from one grouped read of the daily rollups; rows are then filtered and
//! sorted in memory by the domain's rules, so every column sorts alike. That costs memory
//! in proportion to the subtree (a few hundred bytes per tenant), measured in bench/.

use crate::context::Context;
use crate::error::{OpError, OpResult};
use chrono::NaiveDate;
use landlord_domain::csv_cell::neutralise;
use landlord_domain::custom_property::{PropertyType, parse_stored};
use landlord_domain::usage::MeterKind;
use landlord_domain::usage::table::{
    Column, Columns, Condition, Order, TenantColumn, parse_filter,
};
use landlord_domain::wire::{
    CustomPropertyView, MeterView, UsageTable, UsageTableRow, usage_range,
};
use landlord_domain::{Permission, TenantStatus};
use landlord_persistence::Database;
use landlord_persistence::usage::{meters, table as store};
use std::collections::HashMap;
use std::io::{ErrorKind, Write};

/// The page size unless asked otherwise, and the most a page holds.
pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 500;

/// The built-in meter the rows' trend follows unless told otherwise.
const DEFAULT_TREND: &str = "api_requests";

/// What the table (or its export) asks for.
#[derive(Debug, Clone, Default)]
pub struct TableQuery {
    /// The first day; by default 29 days before `to`.
    pub from: Option<NaiveDate>,
    /// The last day; by default today (UTC).
    pub to: Option<NaiveDate>,
    /// A column key, `-` first for descending; by default `id`.
    pub sort: Option<String>,
    /// Conditions, see [`parse_filter`].
    pub filter: Option<String>,
    /// Also the caller's own tenant (by default only the tenants below it).
    pub include_self: bool,
}

/// The rows matching a query, in its order, with what describes them.
struct Rows {
    from: NaiveDate,
    to: NaiveDate,
    meters: Vec<MeterView>,
    properties: Vec<CustomPropertyView>,
    columns: Columns,
    rows: Vec<UsageTableRow>,
}

/// One page of the table; `trend` names the meter each row's daily series follows.
pub fn usage_table(
    db: &Database,
    ctx: &Context,
    query: TableQuery,
    limit: Option<usize>,
    offset: Option<usize>,
    trend: Option<String>,
) -> OpResult<UsageTable> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(OpError::field(
            "limit",
            "out_of_range",
            format!("must be from 1 to {MAX_LIMIT}"),
        ));
    }
    let offset = offset.unwrap_or(0);
    db.read(|conn| {
        let Rows {
            from,
            to,
            meters,
            properties,
            columns,
            rows,
        } = matching_rows(conn, ctx, &query)?;
        let trend_meter = match trend {
            Some(key) if meters.iter().any(|m| m.key == key) => key,
            Some(key) => {
                return Err(OpError::field(
                    "trend",
                    "unknown_meter",
                    format!("no meter {key:?}"),
                ));
            }
            None => DEFAULT_TREND.to_owned(),
        };
        let total = rows.len();
        let mut page: Vec<UsageTableRow> = rows.into_iter().skip(offset).take(limit).collect();
        let ids: Vec<i64> = page.iter().map(|r| r.id).collect();
        let days = (to - from).num_days() as usize + 1;
        let mut trends: HashMap<i64, Vec<f64>> = HashMap::new();
        for (tenant, day, value) in store::series(conn, &ids, &trend_meter, from, to)? {
            trends.entry(tenant).or_insert_with(|| vec![0.0; days])
                [(day - from).num_days() as usize] = value;
        }
        for row in &mut page {
            row.trend = trends.remove(&row.id).unwrap_or_else(|| vec![0.0; days]);
        }
        Ok(UsageTable {
            from,
            to,
            columns: columns.all().iter().map(Column::key).collect(),
            meters,
            custom_properties: properties,
            trend_meter,
            total,
            limit,
            offset,
            rows: page,
        })
    })
}

/// The columns for these meters and properties.
fn columns_of(meters: &[MeterView], properties: &[CustomPropertyView]) -> Columns {
    let kinds: Vec<(String, MeterKind)> = meters.iter().map(|m| (m.key.clone(), m.kind)).collect();
    let types: Vec<(String, PropertyType)> = properties
        .iter()
        .map(|p| (p.key.clone(), p.property_type))
        .collect();
    Columns::new(&kinds, &types)
}

/// Reads, filters and sorts every row of the caller's subtree for `query`.
fn matching_rows(
    conn: &mut landlord_persistence::AnyConnection,
    ctx: &Context,
    query: &TableQuery,
) -> OpResult<Rows> {
    let caller = ctx.caller()?;
    caller.require(Permission::UsageRead)?;
    let (from, to) = usage_range(query.from, query.to, ctx.now.date())?;
    let meters: Vec<MeterView> = meters(conn)?
        .iter()
        .map(super::meter_view)
        .collect::<OpResult<_>>()?;
    let properties = crate::custom_properties::library::views(conn)?;
    let columns = columns_of(&meters, &properties);
    let conditions: Vec<Condition> = match &query.filter {
        Some(f) => {
            parse_filter(&columns, f).map_err(|e| OpError::field("filter", "invalid_filter", e))?
        }
        None => Vec::new(),
    };
    let order = match &query.sort {
        Some(s) => {
            Order::parse(&columns, s).map_err(|e| OpError::field("sort", "invalid_sort", e))?
        }
        None => Order {
            column: Column::Tenant(TenantColumn::Id),
            descending: false,
        },
    };
    let mut figures: HashMap<i64, Vec<store::RangeFigures>> = HashMap::new();
    for f in store::figures(conn, &caller.tenant_path, from, to)? {
        figures.entry(f.tenant_id).or_default().push(f);
    }
    let gauges: Vec<&str> = meters
        .iter()
        .filter(|m| m.kind == MeterKind::Gauge)
        .map(|m| m.key.as_str())
        .collect();
    let mut rows = Vec::new();
    for tenant in store::tenants_of(conn, &caller.tenant_path, query.include_self)? {
        let mut row = UsageTableRow {
            id: tenant.id,
            status: TenantStatus::parse(&tenant.status).ok_or_else(|| {
                OpError::Internal(format!("tenant {} has an unknown status", tenant.id))
            })?,
            domain: tenant.domain,
            name: tenant.name,
            parent_id: tenant.parent_id,
            created_at: tenant.created_at.and_utc(),
            values: Default::default(),
            peaks: Default::default(),
            trend: Vec::new(),
            custom_properties: parse_stored(&tenant.custom_properties),
        };
        for f in figures.remove(&tenant.id).unwrap_or_default() {
            let gauge = gauges.contains(&f.meter_key.as_str());
            if gauge {
                row.values.insert(f.meter_key.clone(), f.last);
                if let Some(peak) = f.peak {
                    row.peaks.insert(f.meter_key, peak);
                }
            } else {
                row.values.insert(f.meter_key, f.total);
            }
        }
        if conditions.iter().all(|c| c.matches(&columns, &row)) {
            rows.push(row);
        }
    }
    order.sort(&columns, &mut rows);
    Ok(Rows {
        from,
        to,
        meters,
        properties,
        columns,
        rows,
    })
}

/// A checked export of the table: every matching row in the table's order, with the columns
/// chosen. Read before the answer starts, so a refusal is still a problem document.
#[derive(Debug)]
pub struct TableExport {
    columns: Columns,
    chosen: Vec<Column>,
    rows: Vec<UsageTableRow>,
}

/// Checks the caller, the query and `columns` (comma-separated keys, each once; by default
/// every column) and reads the rows.
pub fn export(
    db: &Database,
    ctx: &Context,
    query: TableQuery,
    columns: Option<&str>,
) -> OpResult<TableExport> {
    db.read(|conn| {
        let Rows {
            columns: all, rows, ..
        } = matching_rows(conn, ctx, &query)?;
        let chosen = match columns {
            Some(list) => all
                .parse_list(list)
                .map_err(|e| OpError::field("columns", "invalid_columns", e))?,
            None => all.all().to_vec(),
        };
        Ok(TableExport {
            columns: all,
            chosen,
            rows,
        })
    })
}

impl TableExport {
    /// Writes the CSV (RFC 4180, a header of column keys, formula-like cells neutralised)
    /// to `out`; stops quietly when `out` fails with [`ErrorKind::BrokenPipe`].
    pub fn write_csv(&self, out: impl Write) -> OpResult<()> {
        let mut out = csv::Writer::from_writer(out);
        let header: Vec<String> = self.chosen.iter().map(Column::key).collect();
        let result = (|| -> csv::Result<()> {
            out.write_record(&header)?;
            for row in &self.rows {
                for column in &self.chosen {
                    let text = self.columns.cell(row, column).to_text();
                    out.write_field(neutralise(&text).as_bytes())?;
                }
                out.write_record(None::<&[u8]>)?;
            }
            out.flush()?;
            Ok(())
        })();
        match result {
            Err(e) if !matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == ErrorKind::BrokenPipe) => {
                Err(OpError::Internal(e.to_string()))
            }
            _ => Ok(()),
        }
    }
}
