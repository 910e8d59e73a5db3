//! Invoices: list and read them (with lines), issue one-off ones, finalise drafts, record
//! payments, void them or write them off. Subscription invoices are issued by billing
//! (`subscriptions`, `run`) through the same `issue`.

use super::collection::settle;
use super::issue::{NewInvoice, account_of, due_date, issue, next_number, record_invoice};
use super::views::{currency, invoice_view, payment_view};
use crate::context::Context;
use crate::customer_records::RecordQuery;
use crate::error::{OpError, OpResult};
use crate::scope::{managed, owner, visible};
use landlord_domain::audit::AuditAction;
use landlord_domain::billing::{InvoiceStatus, InvoiceTotals};
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::money::parse_amount;
use landlord_domain::wire::{
    CreateInvoiceRequest, InvoiceView, Page, PaymentView, RecordPaymentRequest,
};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::billing::accounts;
use landlord_persistence::billing::payments::{self, NewPaymentRow};
use landlord_persistence::customer_records::{RecordFilter, RecordSort};
use landlord_persistence::invoices::{self as store, InvoiceRow};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Database, StoreError, tenants};
use serde_json::json;

/// A unique violation on an invoice: its number (taken for this customer or issuer) or its
/// billing key (the period was billed by a concurrent run).
pub(crate) fn number_or_key_taken(err: StoreError) -> OpError {
    match err {
        StoreError::Conflict(constraint) if constraint.contains("billing_key") => {
            OpError::conflict(ErrorCode::Conflict, "this period has been billed already")
        }
        StoreError::Conflict(_) => OpError::conflict_field(
            ErrorCode::NumberTaken,
            "number",
            "this number is already used",
            "is already used for this customer",
        ),
        other => other.into(),
    }
}

/// Invoices of the caller's subtree (or of one visible tenant), with their lines.
pub fn list(
    db: &Database,
    ctx: &Context,
    query: RecordQuery<InvoiceStatus>,
    page: PageRequest,
) -> OpResult<Page<InvoiceView>> {
    let caller = ctx.caller()?;
    caller.require(Permission::ActivityRead)?;
    let sort = match query.sort.as_deref() {
        Some(s) => Sort::parse(s, &RecordSort::INVOICE_FIELDS)
            .map_err(|e| OpError::field("sort", "invalid_sort", e))?,
        None => Sort {
            field: RecordSort::Date,
            descending: true,
        },
    };
    db.read(|conn| {
        if let Some(tenant) = query.tenant {
            visible(conn, caller, tenant)?;
        }
        let filter = RecordFilter {
            scope: caller.tenant_path.clone(),
            tenant: query.tenant.map(TenantId),
            status: query.status.map(InvoiceStatus::as_str),
        };
        let (rows, total) = landlord_persistence::customer_records::invoices::list_invoices(
            conn, &filter, sort, page,
        )?;
        let ids: Vec<i64> = rows.iter().map(|r| r.row.id).collect();
        let mut lines = store::lines_of(conn, &ids)?;
        let items = rows
            .iter()
            .map(|r| {
                invoice_view(
                    &r.row,
                    &r.tenant_name,
                    &lines.remove(&r.row.id).unwrap_or_default(),
                )
            })
            .collect::<OpResult<Vec<_>>>()?;
        Ok(Page::exact(items, total, page))
    })
}

fn find_visible(
    conn: &mut AnyConnection,
    caller: &crate::Caller,
    id: i64,
) -> OpResult<(InvoiceRow, TenantRow)> {
    let row = store::find(conn, id)?.ok_or(OpError::NotFound("invoice"))?;
    let tenant = owner(conn, caller, row.tenant_id, "invoice")?;
    Ok((row, tenant))
}

fn view_of(
    conn: &mut AnyConnection,
    row: &InvoiceRow,
    tenant: &TenantRow,
) -> OpResult<InvoiceView> {
    let lines = store::lines_of(conn, &[row.id])?
        .remove(&row.id)
        .unwrap_or_default();
    invoice_view(row, &tenant.name, &lines)
}

pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<InvoiceView> {
    let caller = ctx.caller()?;
    caller.require(Permission::ActivityRead)?;
    db.read(|conn| {
        let (row, tenant) = find_visible(conn, caller, id)?;
        view_of(conn, &row, &tenant)
    })
}

/// The invoice with its issuer's name, for documents.
pub fn get_with_issuer(
    db: &Database,
    ctx: &Context,
    id: i64,
) -> OpResult<(InvoiceView, Option<TenantRow>, TenantRow)> {
    let caller = ctx.caller()?;
    caller.require(Permission::ActivityRead)?;
    db.read(|conn| {
        let (row, tenant) = find_visible(conn, caller, id)?;
        let issuer = match row.issuer_tenant_id {
            Some(issuer) => tenants::find(conn, TenantId(issuer))?,
            None => None,
        };
        Ok((view_of(conn, &row, &tenant)?, issuer, tenant))
    })
}

/// Issues a one-off invoice to a visible customer, from the caller's tenant. A draft waits
/// for `finalize`; an open one is numbered and, with a card on file, charged at once.
pub fn create(
    db: &Database,
    ctx: &Context,
    request: CreateInvoiceRequest,
) -> OpResult<InvoiceView> {
    let caller = ctx.caller()?;
    caller.require(Permission::ActivityManage)?;
    let (number, lines) = request.parse()?;
    ctx.transaction(db, |tx| {
        let tenant = owner(tx, caller, request.tenant_id, "tenant")?;
        let status = request
            .status
            .map_or(InvoiceStatus::Draft, InvoiceStatus::from);
        let row = issue(
            tx,
            ctx,
            NewInvoice {
                tenant: &tenant,
                issuer: caller.tenant_id,
                currency: request.currency,
                lines: lines.clone(),
                subscription_id: None,
                billing_key: None,
                period: None,
                issued_at: request.issued_at.map_or(ctx.now, |t| t.naive_utc()),
                action: AuditAction::InvoiceCreated,
                status,
                number,
                due_at: request.due_at.map(|t| t.naive_utc()),
            },
        )?;
        let row = store::find(tx, row.id)?.ok_or(OpError::NotFound("invoice"))?;
        view_of(tx, &row, &tenant)
    })
}

/// Runs `work` on an invoice of a tenant the caller manages, locked.
fn with_managed(
    db: &Database,
    ctx: &Context,
    id: i64,
    work: impl FnOnce(&mut AnyConnection, &TenantRow, InvoiceRow) -> OpResult<InvoiceRow>,
) -> OpResult<InvoiceView> {
    let caller = ctx.caller()?;
    caller.require(Permission::BillingManage)?;
    ctx.transaction(db, |tx| {
        let row = store::find_for_update(tx, id)?.ok_or(OpError::NotFound("invoice"))?;
        let tenant = managed(tx, caller, row.tenant_id).map_err(|e| match e {
            OpError::NotFound(_) => OpError::NotFound("invoice"),
            other => other,
        })?;
        let row = work(tx, &tenant, row)?;
        let row = store::find(tx, row.id)?.ok_or(OpError::NotFound("invoice"))?;
        view_of(tx, &row, &tenant)
    })
}

fn transition(row: &InvoiceRow, to: InvoiceStatus) -> OpResult<()> {
    let from = row.status()?;
    if from.can_become(to) {
        Ok(())
    } else {
        Err(OpError::conflict(
            ErrorCode::InvalidTransition,
            format!("a {} invoice cannot become {}", from.as_str(), to.as_str()),
        ))
    }
}

/// Finalises a draft: its number, the credit balance applied, its due date; a card on file is
/// charged at once.
pub fn finalize(db: &Database, ctx: &Context, id: i64) -> OpResult<InvoiceView> {
    with_managed(db, ctx, id, |tx, tenant, mut row| {
        transition(&row, InvoiceStatus::Open)?;
        let issuer = TenantId(
            row.issuer_tenant_id
                .unwrap_or(tenant.parent_id.unwrap_or(tenant.id)),
        );
        let lines = store::lines_of(tx, &[row.id])?
            .remove(&row.id)
            .unwrap_or_default();
        let account = account_of(tx, tenant.tenant_id(), ctx.now)?;
        let balance = accounts::credit_balance(tx, tenant.tenant_id(), &row.currency)?;
        let totals =
            InvoiceTotals::compute(&lines, super::views::tax_rate(account.tax_rate_bp), balance);
        accounts::add_credit(
            tx,
            tenant.tenant_id(),
            &row.currency,
            totals.credit_balance_after - balance,
        )?;
        let (collection, due) = due_date(&account, ctx.now);
        row.number = Some(next_number(tx, issuer, ctx.now)?);
        row.issuer_tenant_id = Some(issuer.0);
        row.subtotal_minor = totals.subtotal;
        row.tax_minor = totals.tax;
        row.tax_rate_bp = account.tax_rate_bp;
        row.amount_minor = totals.total;
        row.credit_applied_minor = totals.credit_applied;
        row.issued_at = ctx.now;
        row.due_at = Some(due);
        row.collection = collection;
        row.finalized_at = Some(ctx.now);
        row.updated_at = ctx.now;
        row.status = InvoiceStatus::Open.as_str().to_owned();
        store::save(tx, &row, &tenant.tenant_path(), false).map_err(number_or_key_taken)?;
        record_invoice(
            tx,
            ctx,
            tenant,
            &row,
            &lines,
            AuditAction::InvoiceFinalized,
            json!({}),
        )?;
        if totals.amount_due == 0 {
            return settle(tx, ctx, row, 0);
        }
        if row.collection == super::issue::CHARGE_AUTOMATICALLY {
            return super::collection::attempt(tx, ctx, row);
        }
        Ok(row)
    })
}

/// Records a payment (partial allowed, never more than is due). Paying the last overdue
/// invoice steps the tenant out of dunning at once.
pub fn record_payment(
    db: &Database,
    ctx: &Context,
    id: i64,
    request: RecordPaymentRequest,
) -> OpResult<PaymentView> {
    let caller = ctx.caller()?.clone();
    let mut payment = None;
    with_managed(db, ctx, id, |tx, _tenant, row| {
        let status = row.status()?;
        if !matches!(status, InvoiceStatus::Open | InvoiceStatus::Uncollectible) {
            return Err(OpError::conflict(
                ErrorCode::InvoiceNotOpen,
                format!("a {} invoice takes no payments", status.as_str()),
            ));
        }
        let amount = parse_amount(&request.amount, currency(&row.currency)?)
            .map_err(|e| OpError::field("amount", "invalid_amount", e))?;
        if amount == 0 {
            return Err(OpError::field(
                "amount",
                "invalid_amount",
                "must be more than zero",
            ));
        }
        if amount > row.amount_due_minor() {
            return Err(OpError::Unprocessable {
                code: ErrorCode::AmountExceedsDue,
                detail: "the payment is more than the amount due".into(),
                errors: vec![landlord_domain::wire::FieldError::new(
                    "amount",
                    "amount_exceeds_due",
                    "is more than the amount due",
                )],
            });
        }
        let paid_at = request.paid_at.map_or(ctx.now, |t| t.naive_utc());
        if paid_at > ctx.now {
            return Err(OpError::field(
                "paid_at",
                "in_future",
                "must not be in the future",
            ));
        }
        let stored = payments::insert(
            tx,
            &NewPaymentRow {
                invoice_id: row.id,
                tenant_id: row.tenant_id,
                amount_minor: amount,
                currency: row.currency.clone(),
                method: request.method.as_str().to_owned(),
                provider: "manual".into(),
                reference: request
                    .reference
                    .clone()
                    .map(|r| r.trim().chars().take(200).collect()),
                status: "succeeded".into(),
                failure_code: None,
                paid_at,
                recorded_by: Some(caller.user_id.0),
                created_at: ctx.now,
            },
        )?;
        payment = Some(payment_view(&stored)?);
        let tenant = tenants::find(tx, row.tenant())?.ok_or(OpError::NotFound("tenant"))?;
        crate::change::record_change(
            tx,
            ctx,
            crate::change::Change::new(
                AuditAction::PaymentRecorded,
                tenant.tenant_id(),
                tenant.tenant_path(),
            )
            .target(landlord_domain::audit::AuditTarget::Payment, stored.id)
            .details(json!({ "after": payment, "invoice_id": row.id })),
        )?;
        settle(tx, ctx, row, amount)
    })?;
    payment.ok_or_else(|| OpError::Internal("payment not recorded".into()))
}

/// The payments and failed charges of an invoice.
pub fn payments_of(db: &Database, ctx: &Context, id: i64) -> OpResult<Vec<PaymentView>> {
    let caller = ctx.caller()?;
    caller.require(Permission::BillingRead)?;
    db.read(|conn| {
        find_visible(conn, caller, id)?;
        payments::of_invoice(conn, id)?
            .iter()
            .map(payment_view)
            .collect()
    })
}

fn close(
    db: &Database,
    ctx: &Context,
    id: i64,
    to: InvoiceStatus,
    action: AuditAction,
) -> OpResult<InvoiceView> {
    with_managed(db, ctx, id, |tx, tenant, mut row| {
        transition(&row, to)?;
        // Credit taken from the balance goes back to it: the invoice no longer stands.
        if to == InvoiceStatus::Void {
            accounts::add_credit(
                tx,
                tenant.tenant_id(),
                &row.currency,
                row.credit_applied_minor,
            )?;
            row.voided_at = Some(ctx.now);
        }
        row.status = to.as_str().to_owned();
        row.next_collection_at = None;
        row.updated_at = ctx.now;
        store::save(tx, &row, &tenant.tenant_path(), false)?;
        let lines = store::lines_of(tx, &[row.id])?
            .remove(&row.id)
            .unwrap_or_default();
        record_invoice(tx, ctx, tenant, &row, &lines, action, json!({}))?;
        super::dunning::reevaluate(tx, ctx, tenant.tenant_id())?;
        Ok(row)
    })
}

/// Voids an open or draft invoice: nothing is owed on it any more.
pub fn void(db: &Database, ctx: &Context, id: i64) -> OpResult<InvoiceView> {
    close(db, ctx, id, InvoiceStatus::Void, AuditAction::InvoiceVoided)
}

/// Writes an open invoice off: it stays payable but no longer drives dunning.
pub fn mark_uncollectible(db: &Database, ctx: &Context, id: i64) -> OpResult<InvoiceView> {
    close(
        db,
        ctx,
        id,
        InvoiceStatus::Uncollectible,
        AuditAction::InvoiceMarkedUncollectible,
    )
}
