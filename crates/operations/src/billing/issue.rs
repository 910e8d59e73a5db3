//! Issuing an invoice: totals with the tenant's tax rate, its credit balance consumed first, a
//! gapless number from the issuer's sequence, the due date from how it pays, and the first
//! collection attempt for a card. One function for billing runs, plan changes and one-off
//! invoices, so every invoice follows the same rules.

use super::collection;
use super::views::{invoice_view, tax_rate};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use chrono::{Datelike, Duration};
use landlord_domain::TenantId;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::billing::{InvoiceLine, InvoiceStatus, InvoiceTotals, Period, invoice_number};
use landlord_domain::money::Currency;
use landlord_persistence::billing::accounts::{self, BillingAccountRow};
use landlord_persistence::invoices::{self as store, InvoiceRow, NewInvoiceRow};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Timestamp};
use serde_json::json;

/// How an invoice is collected: the card on file, or a transfer the customer makes.
pub(crate) const CHARGE_AUTOMATICALLY: &str = "charge_automatically";
pub(crate) const SEND_INVOICE: &str = "send_invoice";

/// What to invoice.
pub(crate) struct NewInvoice<'a> {
    pub tenant: &'a TenantRow,
    pub issuer: TenantId,
    pub currency: Currency,
    pub lines: Vec<InvoiceLine>,
    pub subscription_id: Option<i64>,
    /// Unique per subscription and period for the billing run (a period is never billed
    /// twice); `None` for changes and one-off invoices.
    pub billing_key: Option<String>,
    pub period: Option<Period>,
    pub issued_at: Timestamp,
    /// The audit action recording it (`invoice.finalized`, or `invoice.created` for one-off).
    pub action: AuditAction,
    /// How it starts: `draft` (no number, no credit), `open` (finalised), or `paid` (a record
    /// of an invoice settled elsewhere).
    pub status: InvoiceStatus,
    /// A number given by the caller (an imported record) instead of the issuer's sequence.
    pub number: Option<String>,
    pub due_at: Option<Timestamp>,
}

pub(crate) fn account_of(
    conn: &mut AnyConnection,
    tenant: TenantId,
    now: Timestamp,
) -> OpResult<BillingAccountRow> {
    Ok(accounts::find(conn, tenant)?.unwrap_or_else(|| BillingAccountRow::empty(tenant, now)))
}

/// The next number of the issuer's sequence for the year of `at`: `INV-2026-000042`.
pub(crate) fn next_number(
    conn: &mut AnyConnection,
    issuer: TenantId,
    at: Timestamp,
) -> OpResult<String> {
    let year = at.year();
    let n = store::next_number(conn, issuer, year)?;
    Ok(invoice_number(year, n))
}

/// When an invoice issued at `issued_at` is due: at once for a card, after the terms otherwise.
pub(crate) fn due_date(account: &BillingAccountRow, issued_at: Timestamp) -> (String, Timestamp) {
    if account.payment_method == "card" {
        (CHARGE_AUTOMATICALLY.into(), issued_at)
    } else {
        (
            SEND_INVOICE.into(),
            issued_at + Duration::days(i64::from(account.payment_terms_days.max(0))),
        )
    }
}

/// Issues the invoice, records it, and tries the card on file when it is collected by card.
pub(crate) fn issue(
    tx: &mut AnyConnection,
    ctx: &Context,
    new: NewInvoice<'_>,
) -> OpResult<InvoiceRow> {
    let tenant = new.tenant;
    let account = account_of(tx, tenant.tenant_id(), ctx.now)?;
    let tax = tax_rate(account.tax_rate_bp);
    let draft = new.status == InvoiceStatus::Draft;
    let balance = if draft {
        0
    } else {
        accounts::credit_balance(tx, tenant.tenant_id(), new.currency.code())?
    };
    let totals = InvoiceTotals::compute(&new.lines, tax, balance);
    if !draft {
        accounts::add_credit(
            tx,
            tenant.tenant_id(),
            new.currency.code(),
            totals.credit_balance_after - balance,
        )?;
    }
    let number = match (draft, new.number) {
        (true, _) => None,
        (false, Some(given)) => Some(given),
        (false, None) => Some(next_number(tx, new.issuer, new.issued_at)?),
    };
    let (collection, due) = due_date(&account, new.issued_at);
    let settled = new.status == InvoiceStatus::Paid || (!draft && totals.amount_due == 0);
    let status = if draft {
        InvoiceStatus::Draft
    } else if settled {
        InvoiceStatus::Paid
    } else {
        InvoiceStatus::Open
    };
    let row = store::insert(
        tx,
        &tenant.tenant_path(),
        &NewInvoiceRow {
            tenant_id: tenant.id,
            issuer_tenant_id: Some(new.issuer.0),
            number,
            status: status.as_str().to_owned(),
            amount_minor: totals.total,
            currency: new.currency.code().to_owned(),
            issued_at: new.issued_at,
            due_at: Some(new.due_at.unwrap_or(due)),
            subscription_id: new.subscription_id,
            billing_key: new.billing_key,
            period_start: new.period.map(|p| p.start.naive_utc()),
            period_end: new.period.map(|p| p.end.naive_utc()),
            subtotal_minor: totals.subtotal,
            tax_minor: totals.tax,
            tax_rate_bp: tax.map(|t| t.basis_points() as i32),
            credit_applied_minor: totals.credit_applied,
            amount_paid_minor: if new.status == InvoiceStatus::Paid {
                totals.amount_due
            } else {
                0
            },
            collection,
            finalized_at: (!draft).then_some(ctx.now),
            paid_at: settled.then_some(new.issued_at),
            created_at: ctx.now,
            updated_at: ctx.now,
        },
        &new.lines,
    )
    .map_err(super::invoices::number_or_key_taken)?;
    record_invoice(tx, ctx, tenant, &row, &new.lines, new.action, json!({}))?;
    if settled && new.action != AuditAction::InvoicePaid {
        record_invoice(
            tx,
            ctx,
            tenant,
            &row,
            &new.lines,
            AuditAction::InvoicePaid,
            json!({}),
        )?;
    }
    if status == InvoiceStatus::Open && row.collection == CHARGE_AUTOMATICALLY {
        return collection::attempt(tx, ctx, row);
    }
    Ok(row)
}

/// Records a change to an invoice in its tenant's audit log, with the invoice as the event.
pub(crate) fn record_invoice(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    row: &InvoiceRow,
    lines: &[InvoiceLine],
    action: AuditAction,
    details: serde_json::Value,
) -> OpResult<()> {
    let view = invoice_view(row, &tenant.name, lines)?;
    let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
    let details = match details {
        serde_json::Value::Object(mut extra) if !extra.is_empty() => {
            extra.insert("invoice".into(), object.clone());
            serde_json::Value::Object(extra)
        }
        _ => json!({ "after": object }),
    };
    record_change(
        tx,
        ctx,
        Change::new(action, tenant.tenant_id(), tenant.tenant_path())
            .target(AuditTarget::Invoice, row.id)
            .details(details)
            .object(object),
    )?;
    // An invoice issued (created open, or finalised) is mailed to the tenant.
    if matches!(
        action,
        AuditAction::InvoiceCreated | AuditAction::InvoiceFinalized
    ) && row.number.is_some()
    {
        crate::mail::notices::invoice_issued(tx, ctx.now, tenant, row)?;
    }
    Ok(())
}
