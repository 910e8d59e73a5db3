//! One tenant as its detail panel shows it: the tenant, its billing information and its
//! account history.

use crate::context::Context;
use crate::error::OpResult;
use crate::scope::visible;
use landlord_domain::Permission;
use landlord_domain::audit::AuditAction;
use landlord_domain::money::{Currency, format_amount};
use landlord_domain::order::NOTABLE_ORDER_MINOR;
use landlord_domain::wire::{BillingInfo, HistoryEntry, TenantDetail};
use landlord_persistence::models::AuditRow;
use landlord_persistence::orders::OrderRow;
use landlord_persistence::{Database, audit, orders};

/// How many events the account history shows.
const HISTORY: i64 = 20;

/// The visible tenant `id` with its history (creation, status changes, notable orders),
/// newest first.
pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<TenantDetail> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    let (row, events, orders, support_access) = db.read(|conn| {
        let row = visible(conn, caller, id)?;
        let events = audit::lifecycle(conn, row.tenant_id(), HISTORY)?;
        let orders = orders::notable_orders(conn, row.tenant_id(), NOTABLE_ORDER_MINOR, HISTORY)?;
        // Seed 003: the management tenant sees each subtenant's support-user access.
        let support_access = (caller.is_management() && row.id != caller.tenant_id.0)
            .then(|| crate::support_access::view_of(conn, row.id, ctx.now))
            .transpose()?;
        OpResult::Ok((row, events, orders, support_access))
    })?;
    let mut history: Vec<HistoryEntry> = events
        .iter()
        .filter_map(status_change)
        .chain(orders.iter().map(notable_order))
        .chain(std::iter::once(HistoryEntry {
            at: row.created_at.and_utc(),
            kind: "created".to_owned(),
            summary: "Customer created".to_owned(),
        }))
        .collect();
    history.sort_by_key(|entry| std::cmp::Reverse(entry.at));
    history.truncate(HISTORY as usize);
    Ok(TenantDetail {
        billing: BillingInfo {
            payment_method: row.billing_payment_method.clone(),
            address: row.billing_address.clone(),
        },
        tenant: row.to_view()?.seen_by(caller.tenant_rules()),
        history,
        support_access,
    })
}

/// A suspension, activation or deactivation, and who made it.
fn status_change(event: &AuditRow) -> Option<HistoryEntry> {
    let (kind, verb) = match AuditAction::parse(&event.action)? {
        AuditAction::TenantSuspended => ("suspended", "Suspended"),
        AuditAction::TenantActivated => ("activated", "Activated"),
        AuditAction::TenantDeactivated => ("deactivated", "Deactivated"),
        _ => return None,
    };
    let by = event
        .actor_username
        .as_deref()
        .map(|u| format!(" by {u}"))
        .unwrap_or_default();
    Some(HistoryEntry {
        at: event.occurred_at.and_utc(),
        kind: kind.to_owned(),
        summary: format!("{verb}{by}"),
    })
}

fn notable_order(order: &OrderRow) -> HistoryEntry {
    let amount = Currency::parse(&order.currency)
        .map(|c| format_amount(order.total_minor, c))
        .unwrap_or_default();
    HistoryEntry {
        at: order.placed_at.and_utc(),
        kind: "order".to_owned(),
        summary: format!(
            "Order {} for {amount} {} ({})",
            order.number, order.currency, order.status
        ),
    }
}
