//! Customers' orders.

use crate::context::Context;
use crate::customer_records::{number_taken, record_created};
use crate::error::OpResult;
use crate::scope::owner;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::order::OrderStatus;
use landlord_domain::wire::{CreateOrderRequest, OrderView};
use landlord_persistence::Database;
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
