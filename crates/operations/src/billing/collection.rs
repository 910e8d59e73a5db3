//! Collecting invoices: the payment-provider boundary, automatic collection of the card on
//! file with retries, and settling an invoice when money arrives (by card or recorded by hand).
//!
//! A provider adapter (Stripe, Adyen, ...) implements [`PaymentProvider`]: it turns a card into
//! a token when the card is given, and charges a token. Landlord keeps only the token, the
//! brand, the last four digits and the expiry. Built in is [`SandboxProvider`], whose outcomes
//! follow the card number like Stripe's test cards; no real gateway is reachable from here, so
//! none is pretended. (A network-bound adapter would charge outside the database transaction:
//! claim the attempt, call the gateway, then record the outcome, keyed by the attempt so a
//! retry after a crash is not a second charge.)

use super::issue::record_invoice;
use super::views::currency;
use crate::context::Context;
use crate::error::{OpError, OpResult};
use chrono::{Datelike, Duration};
use landlord_domain::audit::AuditAction;
use landlord_domain::billing::dunning::COLLECTION_RETRY_DAYS;
use landlord_domain::billing::{Card, CollectionOutcome, InvoiceStatus};
use landlord_domain::money::Currency;
use landlord_persistence::billing::accounts;
use landlord_persistence::billing::payments::{self, NewPaymentRow};
use landlord_persistence::invoices::{self as store, InvoiceRow};
use landlord_persistence::{AnyConnection, tenants};
use serde_json::json;

/// A payment provider: tokenises cards and charges tokens.
pub trait PaymentProvider: Send + Sync {
    /// Its name, stored with each token and payment (`sandbox`).
    fn name(&self) -> &'static str;
    /// Keeps a card the customer gave (already checked: Luhn, expiry) and answers its token.
    fn tokenize(&self, digits: &str, card: &Card) -> String;
    /// Charges `amount` minor units to the token's card. `key` is unique per attempt, so a
    /// provider that is asked twice charges once. Answers the provider's reference, or the
    /// decline code.
    fn charge(
        &self,
        token: &str,
        amount: i64,
        currency: Currency,
        key: &str,
    ) -> Result<String, String>;
}

/// The demo and test provider: the token remembers what the card number decides
/// (`4242 4242 4242 4242` succeeds; `4000 0000 0000 0002` is declined; `4000 0000 0000 9995`
/// has insufficient funds), and every charge of that token has that outcome.
#[derive(Debug, Default, Clone, Copy)]
pub struct SandboxProvider;

impl PaymentProvider for SandboxProvider {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn tokenize(&self, digits: &str, card: &Card) -> String {
        let outcome = match landlord_domain::billing::card::sandbox_outcome(digits) {
            CollectionOutcome::Succeeded => "ok",
            CollectionOutcome::Declined(code) => code,
        };
        format!("sandbox_{outcome}_{}", card.last4)
    }

    fn charge(
        &self,
        token: &str,
        _amount: i64,
        _currency: Currency,
        key: &str,
    ) -> Result<String, String> {
        let outcome = token
            .strip_prefix("sandbox_")
            .and_then(|rest| rest.rsplit_once('_'))
            .map(|(outcome, _)| outcome)
            .ok_or_else(|| "invalid_token".to_owned())?;
        match outcome {
            "ok" => Ok(format!("sandbox_charge_{key}")),
            declined => Err(declined.to_owned()),
        }
    }
}

/// The provider holding tokens named `name`.
pub fn provider(name: &str) -> Option<&'static dyn PaymentProvider> {
    static SANDBOX: SandboxProvider = SandboxProvider;
    (name == SANDBOX.name()).then_some(&SANDBOX as &dyn PaymentProvider)
}

/// Tries the card on file for what is due on an open invoice. On success the invoice is paid;
/// on a decline the failure is recorded and the next retry scheduled (1, 3, 5 and 7 days after
/// the due date), after which collection stops and dunning takes over.
pub(crate) fn attempt(
    tx: &mut AnyConnection,
    ctx: &Context,
    mut row: InvoiceRow,
) -> OpResult<InvoiceRow> {
    let tenant = tenants::find(tx, row.tenant())?.ok_or(OpError::NotFound("tenant"))?;
    let account = accounts::find(tx, row.tenant())?;
    let card = account
        .as_ref()
        .filter(|a| a.payment_method == "card")
        .and_then(|a| {
            Some((
                a.payment_provider.clone()?,
                a.payment_token.clone()?,
                super::views::card_of(a)?,
            ))
        });
    let Some((provider_name, token, card)) = card else {
        // Nothing to charge: the invoice waits for a transfer.
        row.next_collection_at = None;
        store::save(tx, &row, &tenant.tenant_path(), false)?;
        return Ok(row);
    };
    let due = row.amount_due_minor();
    let now = ctx.now;
    row.collection_attempts += 1;
    let key = format!("inv_{}_attempt_{}", row.id, row.collection_attempts);
    let outcome = if card.expired_by(now.year(), now.month()) {
        Err("expired_card".to_owned())
    } else {
        match provider(&provider_name) {
            Some(p) => p.charge(&token, due, currency(&row.currency)?, &key),
            None => Err("unknown_provider".to_owned()),
        }
    };
    let payment =
        |status: &str, reference: Option<String>, failure: Option<String>| NewPaymentRow {
            invoice_id: row.id,
            tenant_id: row.tenant_id,
            amount_minor: due,
            currency: row.currency.clone(),
            method: "card".into(),
            provider: provider_name.clone(),
            reference,
            status: status.into(),
            failure_code: failure,
            paid_at: now,
            recorded_by: None,
            created_at: now,
        };
    match outcome {
        Ok(reference) => {
            payments::insert(tx, &payment("succeeded", Some(reference), None))?;
            row.next_collection_at = None;
            row.last_collection_error = None;
            settle(tx, ctx, row, due)
        }
        Err(code) => {
            payments::insert(tx, &payment("failed", None, Some(code.clone())))?;
            // The next retry on the schedule that is still ahead: a run that comes late (or
            // catches up) makes one attempt, not every one it missed.
            let due_at = row.due_at.unwrap_or(row.issued_at);
            row.next_collection_at = COLLECTION_RETRY_DAYS
                .iter()
                .map(|days| due_at + Duration::days(*days))
                .find(|retry| *retry > now);
            row.last_collection_error = Some(code.clone());
            row.updated_at = now;
            store::save(tx, &row, &tenant.tenant_path(), false)?;
            let lines = store::lines_of(tx, &[row.id])?
                .remove(&row.id)
                .unwrap_or_default();
            record_invoice(
                tx,
                ctx,
                &tenant,
                &row,
                &lines,
                AuditAction::InvoicePaymentFailed,
                json!({ "failure_code": code, "attempt": row.collection_attempts }),
            )?;
            super::dunning::reevaluate(tx, ctx, row.tenant())?;
            Ok(row)
        }
    }
}

/// Adds `amount` to what was paid on an open (or uncollectible) invoice; when nothing is left
/// due it becomes paid, counts as revenue, its subscription is current again, and dunning looks
/// at the tenant once more (paying every overdue invoice steps it back at once).
pub(crate) fn settle(
    tx: &mut AnyConnection,
    ctx: &Context,
    mut row: InvoiceRow,
    amount: i64,
) -> OpResult<InvoiceRow> {
    let tenant = tenants::find(tx, row.tenant())?.ok_or(OpError::NotFound("tenant"))?;
    row.amount_paid_minor += amount;
    row.updated_at = ctx.now;
    let paid = row.amount_due_minor() == 0;
    if paid {
        row.status = InvoiceStatus::Paid.as_str().to_owned();
        row.paid_at = Some(ctx.now);
        row.next_collection_at = None;
    }
    store::save(tx, &row, &tenant.tenant_path(), paid)?;
    if paid {
        let lines = store::lines_of(tx, &[row.id])?
            .remove(&row.id)
            .unwrap_or_default();
        record_invoice(
            tx,
            ctx,
            &tenant,
            &row,
            &lines,
            AuditAction::InvoicePaid,
            json!({}),
        )?;
        if let Some(id) = row.subscription_id {
            super::subscriptions::invoice_paid(tx, ctx, id)?;
        }
    }
    super::dunning::reevaluate(tx, ctx, row.tenant())?;
    Ok(row)
}
