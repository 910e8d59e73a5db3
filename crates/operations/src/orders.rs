//! Customers' orders.

use crate::context::Context;
use crate::customer_records::{RecordQuery, Records, number_taken, record_created};
use crate::error::OpResult;
use crate::scope::owner;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::listing::PageRequest;
use landlord_domain::order::OrderStatus;
use landlord_domain::wire::Page;
use landlord_domain::wire::{CreateOrderRequest, OrderView};
use landlord_persistence::Database;
use landlord_persistence::customer_records::RecordSort;
use landlord_persistence::orders::{self as store, NewOrderRow, OrderRow};

/// Records an order for a visible customer; without a number it gets the next one.
pub fn create(db: &Database, ctx: &Context, request: CreateOrderRequest) -> OpResult<OrderView> {
    let caller = ctx.caller()?;
    caller.require(Permission::ActivityManage)?;
    let (number, total_minor) = request.parse()?;
    ctx.transaction(db, |tx| {
        let tenant = owner(tx, caller, request.tenant_id, "tenant")?;
        let numbered = number.is_some();
        let row = NewOrderRow {
            tenant_id: tenant.id,
            number: number.unwrap_or_default(),
            status: request
                .status
                .unwrap_or(OrderStatus::Pending)
                .as_str()
                .to_owned(),
            total_minor,
            currency: request.currency.code().to_owned(),
            placed_at: request.placed_at.map_or(ctx.now, |t| t.naive_utc()),
        };
        let view = store::insert_order(tx, row, numbered)
            .map_err(number_taken)?
            .to_view(OrderRow::to_view)?;
        record_created(
            tx,
            ctx,
            &tenant,
            (AuditAction::OrderCreated, AuditTarget::Order, view.id),
            &view,
        )?;
        Ok(view)
    })
}

/// How orders are read.
const RECORDS: Records<OrderRow, OrderView> = Records {
    sort_fields: &RecordSort::ORDER_FIELDS,
    load: store::list_orders,
    find: store::find_order,
    tenant_of: |row| row.tenant_id,
    view: OrderRow::to_view,
    what: "order",
};

/// One page of the orders of the caller's subtenants (or of one visible customer).
pub fn list(
    db: &Database,
    ctx: &Context,
    query: RecordQuery<OrderStatus>,
    page: PageRequest,
) -> OpResult<Page<OrderView>> {
    RECORDS.list(db, ctx, query.stored(OrderStatus::as_str), page)
}

/// The order `id`, if its customer is within the caller's subtree.
pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<OrderView> {
    RECORDS.get(db, ctx, id)
}
