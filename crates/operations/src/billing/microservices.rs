//! The billing run's microservice lines for a period that just ended, billed in arrears on
//! the renewal invoice (so the subscription's unique key per period covers them too):
//! - `usage` lines for the resources charged to the tenant (`applications::usage::charges`),
//!   priced by the plan's `cpu_day_price` and `gb_day_price` (none: not billed);
//! - a `subscription` line with the fixed price of each subscription-billed microservice the
//!   tenant was subscribed to at some time of the period. A price in another currency than
//!   the tenant's plan is skipped (logged), never converted.

use crate::applications::usage::charges;
use crate::error::OpResult;
use landlord_domain::application::BillingMode;
use landlord_domain::application::usage::{
    PricedResource, Window, subscription_price_line, usage_line,
};
use landlord_domain::billing::{InvoiceLine, Period};
use landlord_domain::money::Currency;
use landlord_persistence::application_history as history;
use landlord_persistence::applications as store;
use landlord_persistence::billing::plans::PlanRow;
use landlord_persistence::{AnyConnection, Timestamp};
use std::collections::BTreeSet;

/// The microservice lines of `tenant` for `period` (ended by `now`), on `plan`'s prices.
pub(crate) fn lines(
    tx: &mut AnyConnection,
    tenant: i64,
    plan: &PlanRow,
    currency: Currency,
    period: Period,
    now: Timestamp,
) -> OpResult<Vec<InvoiceLine>> {
    let window = Window {
        start: period.start.naive_utc(),
        end: period.end.naive_utc(),
    };
    let mut lines = Vec::new();
    if plan.cpu_day_price_micros.is_some() || plan.gb_day_price_micros.is_some() {
        for charge in charges(tx, tenant, &[window], now)? {
            let used = charge.per_window[0];
            let name = &charge.application.name;
            for (resource, price) in [
                (PricedResource::Cpu, plan.cpu_day_price_micros),
                (PricedResource::Memory, plan.gb_day_price_micros),
            ] {
                if let Some(price) = price {
                    lines.extend(usage_line(name, resource, used, price, currency, period));
                }
            }
        }
    }
    let keys: BTreeSet<String> = history::periods_of_tenant(tx, tenant, window.start, window.end)?
        .into_iter()
        .map(|p| p.application_key)
        .collect();
    for key in keys {
        let Some(app) = store::find(tx, &key)? else {
            continue;
        };
        if app.billing_mode.as_deref() != Some(BillingMode::Subscription.as_str()) {
            continue;
        }
        let (Some(price), Some(price_currency)) = (app.price_minor, app.price_currency.as_deref())
        else {
            continue;
        };
        if price_currency != currency.code() {
            tracing::info!(
                tenant,
                application = %app.key,
                price_currency,
                plan_currency = currency.code(),
                "a microservice's subscription price is in another currency than the plan; not billed"
            );
            continue;
        }
        lines.push(subscription_price_line(&app.name, price, period));
    }
    Ok(lines)
}
