//! Customers' invoices (billing's, once plans and subscriptions land).

use crate::context::Context;
use crate::customer_records::{number_taken, record_created};
use crate::error::OpResult;
use crate::scope::owner;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::billing::InvoiceStatus;
use landlord_domain::wire::{CreateInvoiceRequest, InvoiceView};
use landlord_persistence::Database;
use landlord_persistence::invoices::{self as store, InvoiceRow, NewInvoiceRow};

/// Records an invoice for a visible customer; a paid one adds to the revenue rollups.
pub fn create(
    db: &Database,
    ctx: &Context,
    request: CreateInvoiceRequest,
) -> OpResult<InvoiceView> {
    let caller = ctx.caller()?;
    caller.require(Permission::ActivityManage)?;
    let (number, amount_minor) = request.parse()?;
    ctx.transaction(db, |tx| {
        let tenant = owner(tx, caller, request.tenant_id, "tenant")?;
        let numbered = number.is_some();
        let row = NewInvoiceRow {
            tenant_id: tenant.id,
            number: number.unwrap_or_default(),
            status: request
                .status
                .unwrap_or(InvoiceStatus::Draft)
                .as_str()
                .to_owned(),
            amount_minor,
            currency: request.currency.code().to_owned(),
            issued_at: request.issued_at.map_or(ctx.now, |t| t.naive_utc()),
            due_at: request.due_at.map(|t| t.naive_utc()),
        };
        let view = store::insert_invoice(tx, &tenant.tenant_path(), row, numbered)
            .map_err(number_taken)?
            .to_view(InvoiceRow::to_view)?;
        record_created(
            tx,
            ctx,
            &tenant,
            (AuditAction::InvoiceCreated, AuditTarget::Invoice, view.id),
            &view,
        )?;
        Ok(view)
    })
}
