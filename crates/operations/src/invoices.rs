//! Customers' invoices (billing's, once plans and subscriptions land).

use crate::context::Context;
use crate::customer_records::{RecordQuery, Records, number_taken, record_created};
use crate::error::OpResult;
use crate::scope::owner;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::billing::InvoiceStatus;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::Page;
use landlord_domain::wire::{CreateInvoiceRequest, InvoiceView};
use landlord_persistence::Database;
use landlord_persistence::customer_records::RecordSort;
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

/// How invoices are read.
const RECORDS: Records<InvoiceRow, InvoiceView> = Records {
    sort_fields: &RecordSort::INVOICE_FIELDS,
    load: store::list_invoices,
    find: store::find_invoice,
    tenant_of: |row| row.tenant_id,
    view: InvoiceRow::to_view,
    what: "invoice",
};

/// One page of the invoices of the caller's subtenants (or of one visible customer).
pub fn list(
    db: &Database,
    ctx: &Context,
    query: RecordQuery<InvoiceStatus>,
    page: PageRequest,
) -> OpResult<Page<InvoiceView>> {
    RECORDS.list(db, ctx, query.stored(InvoiceStatus::as_str), page)
}

/// The invoice `id`, if its customer is within the caller's subtree.
pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<InvoiceView> {
    RECORDS.get(db, ctx, id)
}
