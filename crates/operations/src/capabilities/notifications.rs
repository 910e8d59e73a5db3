//! A tenant's notifications: its quotas' thresholds reached and limits exceeded, newest
//! first, each marked read once.

use super::alerts::shown_period;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::visible;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::capability::NotificationKind;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{NotificationView, Page};
use landlord_persistence::Database;
use landlord_persistence::capabilities::alerts::{self, NotificationRow};

fn view(row: NotificationRow) -> OpResult<NotificationView> {
    Ok(NotificationView {
        id: row.id,
        kind: NotificationKind::parse(&row.kind).ok_or_else(|| {
            OpError::Internal(format!(
                "stored notification kind {:?} is unknown",
                row.kind
            ))
        })?,
        period: shown_period(&row.period_key),
        quota: row.quota_key,
        threshold: row.threshold,
        used: row.used,
        limit: row.limit_value,
        created_at: row.created_at.and_utc(),
        read_at: row.read_at.map(|t| t.and_utc()),
    })
}

/// One page of the visible tenant's notifications, newest first.
pub fn list(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    page: PageRequest,
) -> OpResult<Page<NotificationView>> {
    let caller = ctx.caller()?;
    caller.require(landlord_domain::Permission::CapabilitiesRead)?;
    db.read(|conn| {
        let tenant = visible(conn, caller, tenant_id)?;
        let (rows, total) = alerts::page(conn, tenant.id, page.offset(), page.limit())?;
        Ok(Page {
            items: rows.into_iter().map(view).collect::<OpResult<_>>()?,
            total,
            total_exact: true,
            page: page.page,
            per_page: page.per_page,
        })
    })
}

/// Marks one of the visible tenant's notifications read (again: it keeps the first time).
pub fn mark_read(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    id: i64,
) -> OpResult<NotificationView> {
    let caller = ctx.caller()?;
    caller.require(landlord_domain::Permission::CapabilitiesRead)?;
    ctx.transaction(db, |tx| {
        let tenant = visible(tx, caller, tenant_id)?;
        let row = alerts::mark_read(tx, tenant.id, id, ctx.now)?
            .ok_or(OpError::NotFound("notification"))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::NotificationRead,
                tenant.tenant_id(),
                tenant.tenant_path(),
            )
            .target(AuditTarget::Notification, id),
        )?;
        view(row)
    })
}
