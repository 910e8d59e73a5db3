//! Customers' support tickets.

use crate::context::Context;
use crate::customer_records::{RecordQuery, Records, record_created};
use crate::error::OpResult;
use crate::scope::owner;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::listing::PageRequest;
use landlord_domain::support::{TicketPriority, TicketStatus};
use landlord_domain::wire::Page;
use landlord_domain::wire::{CreateTicketRequest, TicketView};
use landlord_persistence::Database;
use landlord_persistence::customer_records::RecordSort;
use landlord_persistence::tickets::{self as store, NewTicketRow, TicketRow};

/// Opens a support ticket for a visible customer.
pub fn create(db: &Database, ctx: &Context, request: CreateTicketRequest) -> OpResult<TicketView> {
    let caller = ctx.caller()?;
    caller.require(Permission::ActivityManage)?;
    let subject = request.parse()?;
    ctx.transaction(db, |tx| {
        let tenant = owner(tx, caller, request.tenant_id, "tenant")?;
        let row = NewTicketRow {
            tenant_id: tenant.id,
            subject,
            status: request
                .status
                .unwrap_or(TicketStatus::Open)
                .as_str()
                .to_owned(),
            priority: request
                .priority
                .unwrap_or(TicketPriority::Normal)
                .as_str()
                .to_owned(),
            created_at: request.created_at.map_or(ctx.now, |t| t.naive_utc()),
        };
        let view = store::insert_ticket(tx, row)?.to_view(TicketRow::to_view)?;
        record_created(
            tx,
            ctx,
            &tenant,
            (AuditAction::TicketCreated, AuditTarget::Ticket, view.id),
            &view,
        )?;
        Ok(view)
    })
}

/// How tickets are read.
const RECORDS: Records<TicketRow, TicketView> = Records {
    sort_fields: &RecordSort::TICKET_FIELDS,
    load: store::list_tickets,
    find: store::find_ticket,
    tenant_of: |row| row.tenant_id,
    view: TicketRow::to_view,
    what: "ticket",
};

/// One page of the tickets of the caller's subtenants (or of one visible customer).
pub fn list(
    db: &Database,
    ctx: &Context,
    query: RecordQuery<TicketStatus>,
    page: PageRequest,
) -> OpResult<Page<TicketView>> {
    RECORDS.list(db, ctx, query.stored(TicketStatus::as_str), page)
}

/// The ticket `id`, if its customer is within the caller's subtree.
pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<TicketView> {
    RECORDS.get(db, ctx, id)
}
