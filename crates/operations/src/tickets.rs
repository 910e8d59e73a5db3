//! Customers' support tickets.

use crate::context::Context;
use crate::customer_records::record_created;
use crate::error::OpResult;
use crate::scope::owner;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::support::{TicketPriority, TicketStatus};
use landlord_domain::wire::{CreateTicketRequest, TicketView};
use landlord_persistence::Database;
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
