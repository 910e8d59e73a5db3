//! A tenant's audit log, newest first: one page as views, or the whole range as CSV.

use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use crate::scope::visible;
use landlord_domain::Permission;
use landlord_domain::audit::AuditRange;
use landlord_domain::csv_cell::neutralise;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{AuditEntryView, Page};
use landlord_persistence::{Database, Timestamp, audit};

/// Rows read per batch when writing CSV.
const CSV_BATCH: i64 = 1_000;

/// The CSV's columns, in order.
const CSV_COLUMNS: [&str; 11] = [
    "id",
    "occurred_at",
    "action",
    "outcome",
    "actor_username",
    "actor_user_id",
    "actor_tenant_id",
    "target_type",
    "target_id",
    "request_id",
    "details",
];

/// One page of the visible tenant `id`'s events in `range`.
pub fn audit_log(
    db: &Database,
    ctx: &Context,
    id: i64,
    range: AuditRange,
    page: PageRequest,
) -> OpResult<Page<AuditEntryView>> {
    let caller = reader(ctx)?;
    let (from, to) = bounds(range);
    let (rows, total) = db.read(|conn| {
        let tenant = visible(conn, caller, id)?.tenant_id();
        OpResult::Ok(audit::list(
            conn,
            tenant,
            from,
            to,
            page.offset(),
            page.limit(),
        )?)
    })?;
    Ok(Page::exact(
        rows.iter().map(|r| r.to_view()).collect(),
        total,
        page,
    ))
}

/// Every event of the visible tenant `id` in `range` as CSV (RFC 4180, formula-like cells
/// neutralised), read in batches.
pub fn audit_log_csv(
    db: &Database,
    ctx: &Context,
    id: i64,
    range: AuditRange,
) -> OpResult<Vec<u8>> {
    let caller = reader(ctx)?;
    let (from, to) = bounds(range);
    let csv_error = |e: csv::Error| OpError::Internal(e.to_string());
    db.read(|conn| {
        let tenant = visible(conn, caller, id)?.tenant_id();
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(CSV_COLUMNS).map_err(csv_error)?;
        let mut offset = 0;
        loop {
            let (rows, _) = audit::list(conn, tenant, from, to, offset, CSV_BATCH)?;
            for row in &rows {
                let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
                let cells = [
                    row.id.to_string(),
                    row.occurred_at.and_utc().to_rfc3339(),
                    row.action.clone(),
                    row.outcome.clone(),
                    row.actor_username.clone().unwrap_or_default(),
                    opt(row.actor_user_id),
                    opt(row.actor_tenant_id),
                    row.target_type.clone(),
                    row.target_id.clone().unwrap_or_default(),
                    row.request_id.clone().unwrap_or_default(),
                    row.details.clone(),
                ];
                out.write_record(cells.iter().map(|cell| neutralise(cell).into_owned()))
                    .map_err(csv_error)?;
            }
            if (rows.len() as i64) < CSV_BATCH {
                break;
            }
            offset += CSV_BATCH;
        }
        out.into_inner()
            .map_err(|e| OpError::Internal(e.to_string()))
    })
}

/// The caller, if they may read audit logs.
fn reader(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(Permission::AuditRead)?;
    Ok(caller)
}

fn bounds(range: AuditRange) -> (Option<Timestamp>, Option<Timestamp>) {
    (
        range.from.map(|t| t.naive_utc()),
        range.to.map(|t| t.naive_utc()),
    )
}
