//! One billed period's invoice as the run would have left it: numbered, keyed, totalled with
//! the tenant's tax, collected by card at once (or tried and retried on an expired card) or
//! paid by transfer within the terms, with its line, payments and records.

use super::Loader;
use super::history::TenantLog;
use super::lifecycle::{Payer, TenantBilling};
use chrono::{Duration, NaiveDateTime};
use landlord_domain::audit::AuditAction;
use landlord_domain::billing::change::period_line;
use landlord_domain::billing::dunning::COLLECTION_RETRY_DAYS;
use landlord_domain::billing::{InvoiceStatus, InvoiceTotals, PlanChange, TaxRate, invoice_number};
use landlord_domain::money::Currency;
use landlord_operations::billing::subscriptions::period_key;
use landlord_persistence::billing::payments::NewPaymentRow;
use landlord_persistence::bulk::SeedTenantRow;
use landlord_persistence::invoices::{InvoiceRow, NewLineRow};
use serde_json::json;

type Timestamp = NaiveDateTime;

/// What every invoice of one subscription shares.
pub(super) struct Billed<'a> {
    pub billing: &'a TenantBilling,
    pub tenant: &'a SeedTenantRow,
    pub subscription: i64,
    pub side: PlanChange<'a>,
    pub tax: Option<TaxRate>,
    pub currency: Currency,
}

impl Loader {
    /// Writes the invoice of period `i` with its line, payments and records; answers its id.
    /// `by_operator`: the operator's request issued it (else a billing run).
    pub(super) fn invoice(
        &mut self,
        billed: &Billed<'_>,
        i: usize,
        log: &mut TenantLog,
        by_operator: bool,
    ) -> i64 {
        let Billed {
            billing,
            tenant,
            subscription: sub_id,
            side,
            tax,
            currency,
        } = billed;
        let (sub_id, tax, currency) = (*sub_id, *tax, *currency);
        let period = billing.periods[i];
        let id = self.next_invoice;
        self.next_invoice += 1;
        let issued = period.start.naive_utc();
        let line = period_line(side, period);
        let totals = InvoiceTotals::compute(std::slice::from_ref(&line), tax, 0);
        let (year, n) = self.numbers.take(issued);
        let due = billing.payer.due(issued);
        let card = matches!(billing.payer, Payer::Card(_));
        let mut row = InvoiceRow {
            id,
            tenant_id: tenant.id,
            issuer_tenant_id: Some(self.issuer),
            number: Some(invoice_number(year, n)),
            status: InvoiceStatus::Open.as_str().into(),
            amount_minor: totals.total,
            currency: currency.code().into(),
            issued_at: issued,
            due_at: Some(due),
            subscription_id: Some(sub_id),
            billing_key: Some(period_key(sub_id, period.start)),
            period_start: Some(issued),
            period_end: Some(period.end.naive_utc()),
            subtotal_minor: totals.subtotal,
            tax_minor: totals.tax,
            tax_rate_bp: tax.map(|t| t.basis_points() as i32),
            credit_applied_minor: totals.credit_applied,
            amount_paid_minor: 0,
            collection: if card {
                "charge_automatically"
            } else {
                "send_invoice"
            }
            .into(),
            collection_attempts: 0,
            next_collection_at: None,
            last_collection_error: None,
            finalized_at: Some(issued),
            paid_at: None,
            voided_at: None,
            created_at: issued,
            updated_at: issued,
        };
        self.out.lines.push(NewLineRow::new(id, 0, &line));
        log.invoice(
            issued,
            by_operator,
            AuditAction::InvoiceFinalized,
            &row,
            currency,
            None,
        );
        let payment = |at: Timestamp| NewPaymentRow {
            invoice_id: id,
            tenant_id: tenant.id,
            amount_minor: totals.amount_due,
            currency: currency.code().into(),
            method: if card { "card" } else { "bank_transfer" }.into(),
            provider: if card { "sandbox" } else { "manual" }.into(),
            reference: None,
            status: "succeeded".into(),
            failure_code: None,
            paid_at: at,
            recorded_by: None,
            created_at: at,
        };
        match (billing.paid_at[i], card) {
            (Some(paid), _) => {
                let mut settled = payment(paid);
                if card {
                    row.collection_attempts = 1;
                    settled.reference = Some(format!("sandbox_charge_inv_{id}_attempt_1"));
                } else {
                    settled.reference = row.number.as_ref().map(|n| format!("Transfer {n}"));
                    settled.recorded_by = Some(self.operator_user);
                }
                self.out.payments.push(settled);
                row.status = InvoiceStatus::Paid.as_str().into();
                row.amount_paid_minor = totals.amount_due;
                row.paid_at = Some(paid);
                row.updated_at = paid;
                // A card is charged in the same step that issued the invoice; a transfer is
                // recorded by the operator.
                log.invoice(
                    paid,
                    by_operator || !card,
                    AuditAction::InvoicePaid,
                    &row,
                    currency,
                    None,
                );
                self.out
                    .revenue
                    .push((tenant.id, currency, row.amount_minor));
            }
            (None, true) => {
                // The card on file has expired: tried at once and on each retry day so far.
                let retries = COLLECTION_RETRY_DAYS
                    .iter()
                    .take_while(|days| due + Duration::days(**days) <= self.now)
                    .count();
                let attempts = std::iter::once(due).chain(
                    COLLECTION_RETRY_DAYS[..retries]
                        .iter()
                        .map(|d| due + Duration::days(*d)),
                );
                for (k, at) in attempts.enumerate() {
                    let mut failed = payment(at);
                    failed.status = "failed".into();
                    failed.failure_code = Some("expired_card".into());
                    self.out.payments.push(failed);
                    row.collection_attempts = k as i32 + 1;
                    row.last_collection_error = Some("expired_card".into());
                    row.next_collection_at = COLLECTION_RETRY_DAYS
                        .get(k)
                        .map(|days| due + Duration::days(*days));
                    row.updated_at = at;
                    let detail = json!({ "failure_code": "expired_card", "attempt": k + 1 });
                    log.invoice(
                        at,
                        by_operator && k == 0,
                        AuditAction::InvoicePaymentFailed,
                        &row,
                        currency,
                        Some(detail),
                    );
                }
            }
            (None, false) => {}
        }
        self.out.invoices.push(row);
        id
    }
}
