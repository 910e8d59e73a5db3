//! The mails other changes queue in their own transactions: an invoice issued, a dunning
//! reminder, a quota threshold reached. (A new tenant's administrator and the suspension
//! notice are queued by `tenants::create` and `tenants::suspend`.)

use super::queue::{queue, values};
use crate::error::OpResult;
use landlord_domain::mail::MailKind;
use landlord_domain::money::{Currency, format_amount};
use landlord_persistence::billing::invoices::InvoiceRow;
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Timestamp, invoices};

/// Billing mails go to the tenant's billing address, else to its administrator.
fn billing_recipient(tenant: &TenantRow) -> &str {
    tenant
        .billing_email
        .as_deref()
        .unwrap_or(&tenant.admin_email)
}

fn amount(invoice: &InvoiceRow) -> String {
    match Currency::parse(&invoice.currency) {
        Some(currency) => format!(
            "{} {}",
            format_amount(invoice.amount_minor, currency),
            invoice.currency
        ),
        None => format!("{} {}", invoice.amount_minor, invoice.currency),
    }
}

fn invoice_values(invoice: &InvoiceRow) -> super::templates::Variables {
    values([
        (
            "invoice_number",
            invoice
                .number
                .clone()
                .unwrap_or_else(|| invoice.id.to_string()),
        ),
        ("amount", amount(invoice)),
        (
            "due_date",
            invoice
                .due_at
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        ),
    ])
}

/// An invoice was issued (created open or finalised).
pub(crate) fn invoice_issued(
    tx: &mut AnyConnection,
    now: Timestamp,
    tenant: &TenantRow,
    invoice: &InvoiceRow,
) -> OpResult<()> {
    let recipient = billing_recipient(tenant).to_owned();
    queue(
        tx,
        now,
        tenant,
        MailKind::InvoiceIssued,
        &recipient,
        invoice_values(invoice),
    )?;
    Ok(())
}

/// The tenant entered a dunning step for its oldest overdue invoice.
pub(crate) fn dunning_reminder(
    tx: &mut AnyConnection,
    now: Timestamp,
    tenant: &TenantRow,
    invoice: i64,
) -> OpResult<()> {
    let Some(invoice) = invoices::find(tx, invoice)? else {
        return Ok(());
    };
    let recipient = billing_recipient(tenant).to_owned();
    queue(
        tx,
        now,
        tenant,
        MailKind::DunningReminder,
        &recipient,
        invoice_values(&invoice),
    )?;
    Ok(())
}

/// A quota's usage reached `threshold` percent of its limit.
pub(crate) fn quota_threshold(
    tx: &mut AnyConnection,
    now: Timestamp,
    tenant: &TenantRow,
    quota: &str,
    threshold: i64,
    used: i64,
    limit: i64,
) -> OpResult<()> {
    queue(
        tx,
        now,
        tenant,
        MailKind::QuotaThreshold,
        &tenant.admin_email,
        values([
            ("quota", quota.to_owned()),
            ("threshold", threshold.to_string()),
            ("used", used.to_string()),
            ("limit", limit.to_string()),
        ]),
    )?;
    Ok(())
}
