//! Billing rows as the API shows them.

use crate::error::{OpError, OpResult};
use landlord_domain::billing::{
    BillingCycle, Card, CardBrand, InvoiceLine, PlanStatus, Prices, SubscriptionStatus, TaxRate,
};
use landlord_domain::money::{Currency, format_amount};
use landlord_domain::wire::{
    InvoiceView, PaymentMethodView, PaymentView, PlanPrices, PlanView, PreviewLine,
    ScheduledChangeView, SubscriptionView,
};
use landlord_persistence::billing::accounts::BillingAccountRow;
use landlord_persistence::billing::payments::PaymentRow;
use landlord_persistence::billing::plans::PlanRow;
use landlord_persistence::billing::subscriptions::SubscriptionRow;
use landlord_persistence::invoices::InvoiceRow;

fn corrupt(what: &str, value: &str) -> OpError {
    OpError::Internal(format!("stored {what} {value:?} is not valid"))
}

pub(crate) fn currency(code: &str) -> OpResult<Currency> {
    Currency::parse(code).ok_or_else(|| corrupt("currency", code))
}

pub(crate) fn cycle(name: &str) -> OpResult<BillingCycle> {
    BillingCycle::parse(name).ok_or_else(|| corrupt("cycle", name))
}

pub(crate) fn subscription_status(row: &SubscriptionRow) -> OpResult<SubscriptionStatus> {
    SubscriptionStatus::parse(&row.status)
        .ok_or_else(|| corrupt("subscription status", &row.status))
}

pub(crate) fn prices(row: &PlanRow) -> Prices {
    Prices {
        monthly: row.monthly_minor,
        quarterly: row.quarterly_minor,
        yearly: row.yearly_minor,
    }
}

pub(crate) fn tax_rate(bp: Option<i32>) -> Option<TaxRate> {
    bp.and_then(|bp| TaxRate::from_basis_points(i64::from(bp)).ok())
}

pub(crate) fn plan_view(row: &PlanRow, subscribers: i64) -> OpResult<PlanView> {
    let currency = currency(&row.currency)?;
    let prices = prices(row);
    Ok(PlanView {
        id: row.id,
        code: row.code.clone(),
        name: row.name.clone(),
        description: row.description.clone(),
        currency,
        prices: PlanPrices::format(&prices, currency),
        cycles: prices.cycles(),
        trial_days: row.trial_days.map(|d| d as u32),
        cpu_day_price: row
            .cpu_day_price_micros
            .map(landlord_domain::money::format_unit_price),
        gb_day_price: row
            .gb_day_price_micros
            .map(landlord_domain::money::format_unit_price),
        status: PlanStatus::parse(&row.status)
            .ok_or_else(|| corrupt("plan status", &row.status))?,
        subscribers,
        owner_tenant_id: row.tenant_id,
        // Filled in by `plans::with_capabilities`.
        features: Vec::new(),
        quotas: Default::default(),
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

pub(crate) fn card_of(account: &BillingAccountRow) -> Option<Card> {
    Some(Card {
        brand: CardBrand::parse(account.card_brand.as_deref()?).unwrap_or(CardBrand::Unknown),
        last4: account.card_last4.clone()?,
        exp_month: account.card_exp_month? as u32,
        exp_year: account.card_exp_year?,
    })
}

pub(crate) fn payment_method_view(account: &BillingAccountRow) -> PaymentMethodView {
    match account.payment_method.as_str() {
        "card" => match card_of(account) {
            Some(card) => PaymentMethodView::Card {
                brand: card.brand,
                last4: card.last4,
                exp_month: card.exp_month,
                exp_year: card.exp_year,
            },
            None => PaymentMethodView::None,
        },
        "invoice" => PaymentMethodView::Invoice,
        _ => PaymentMethodView::None,
    }
}

/// Everything a subscription view is made of.
pub(crate) struct SubscriptionParts<'a> {
    pub row: &'a SubscriptionRow,
    pub plan: &'a PlanRow,
    pub scheduled_plan: Option<&'a PlanRow>,
    pub account: &'a BillingAccountRow,
    pub credit_balance: i64,
    pub billing_state: &'a str,
}

pub(crate) fn subscription_view(parts: SubscriptionParts<'_>) -> OpResult<SubscriptionView> {
    let SubscriptionParts {
        row,
        plan,
        scheduled_plan,
        account,
        credit_balance,
        billing_state,
    } = parts;
    let currency = currency(&plan.currency)?;
    let cycle = cycle(&row.cycle)?;
    let price = prices(plan).get(cycle).unwrap_or(0);
    let scheduled_change = match (scheduled_plan, row.scheduled_cycle.as_deref()) {
        (Some(next), Some(next_cycle)) => Some(ScheduledChangeView {
            plan: next.code.clone(),
            plan_name: next.name.clone(),
            cycle: self::cycle(next_cycle)?,
            at: row.current_period_end.and_utc(),
        }),
        _ => None,
    };
    Ok(SubscriptionView {
        id: row.id,
        tenant_id: row.tenant_id,
        plan: plan.code.clone(),
        plan_name: plan.name.clone(),
        cycle,
        status: subscription_status(row)?,
        price: format_amount(price, currency),
        currency,
        current_period_start: row.current_period_start.and_utc(),
        current_period_end: row.current_period_end.and_utc(),
        cancel_at_period_end: row.cancel_at_period_end,
        trial_end: row.trial_end.map(|t| t.and_utc()),
        scheduled_change,
        started_at: row.started_at.and_utc(),
        paused_at: row.paused_at.map(|t| t.and_utc()),
        canceled_at: row.canceled_at.map(|t| t.and_utc()),
        payment_method: payment_method_view(account),
        billing_email: account.billing_email.clone(),
        credit_balance: format_amount(credit_balance, currency),
        tax_rate: tax_rate(account.tax_rate_bp).map(|r| r.to_string()),
        payment_terms_days: account.payment_terms_days.max(0) as u32,
        billing_state: billing_state.to_owned(),
    })
}

/// An invoice with its lines, as every invoice endpoint answers it.
pub fn invoice_view(
    row: &InvoiceRow,
    tenant_name: &str,
    lines: &[InvoiceLine],
) -> OpResult<InvoiceView> {
    let currency = currency(&row.currency)?;
    let money = |minor: i64| format_amount(minor, currency);
    let at = |t: Option<landlord_persistence::Timestamp>| t.map(|t| t.and_utc());
    Ok(InvoiceView {
        id: row.id,
        tenant_id: row.tenant_id,
        tenant_name: tenant_name.to_owned(),
        number: row.number.clone(),
        status: row.status()?,
        amount: money(row.amount_minor),
        currency,
        issued_at: row.issued_at.and_utc(),
        due_at: at(row.due_at),
        issuer_tenant_id: row.issuer_tenant_id,
        subscription_id: row.subscription_id,
        period_start: at(row.period_start),
        period_end: at(row.period_end),
        lines: lines
            .iter()
            .map(|l| PreviewLine::from_line(l, currency))
            .collect(),
        subtotal: money(row.subtotal_minor),
        tax: money(row.tax_minor),
        tax_rate: tax_rate(row.tax_rate_bp).map(|r| r.to_string()),
        total: money(row.amount_minor),
        credit_applied: money(row.credit_applied_minor),
        amount_paid: money(row.amount_paid_minor),
        amount_due: money(row.amount_due_minor()),
        collection: row.collection.clone(),
        collection_attempts: row.collection_attempts,
        next_collection_at: at(row.next_collection_at),
        last_collection_error: row.last_collection_error.clone(),
        finalized_at: at(row.finalized_at),
        paid_at: at(row.paid_at),
        voided_at: at(row.voided_at),
    })
}

pub(crate) fn payment_view(row: &PaymentRow) -> OpResult<PaymentView> {
    let currency = currency(&row.currency)?;
    Ok(PaymentView {
        id: row.id,
        invoice_id: row.invoice_id,
        tenant_id: row.tenant_id,
        amount: format_amount(row.amount_minor, currency),
        currency,
        method: row.method.clone(),
        provider: row.provider.clone(),
        reference: row.reference.clone(),
        status: row.status.clone(),
        failure_code: row.failure_code.clone(),
        paid_at: row.paid_at.and_utc(),
    })
}
