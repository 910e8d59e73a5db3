//! The Customers summary cards, read from counters kept exact as changes commit.

use crate::billing::recurring_revenue;
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::Permission;
use landlord_domain::money::{Currency, format_amount};
use landlord_domain::wire::{CustomerSummary, MoneyView};
use landlord_persistence::{Database, rollups};

/// Customers, companies, individuals, users and paid revenue across the caller's
/// subtenants, and the monthly recurring revenue of its catalogue.
pub fn summary(db: &Database, ctx: &Context) -> OpResult<CustomerSummary> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    let tenant = caller.tenant_id;
    let (totals, revenue, mrr) = db.read(|conn| {
        OpResult::Ok((
            rollups::of(conn, tenant)?,
            rollups::descendants_revenue(conn, tenant)?,
            recurring_revenue(conn, tenant)?,
        ))
    })?;
    Ok(CustomerSummary {
        total_customers: totals.customers,
        companies: totals.companies,
        individuals: totals.individuals,
        users: totals.users,
        revenue: by_size(revenue),
        mrr: by_size(mrr),
    })
}

/// Revenue per currency, largest first by amount in major units (an order for display only:
/// no exchange rates are applied).
fn by_size(revenue: Vec<(String, i64)>) -> Vec<MoneyView> {
    let mut known: Vec<(Currency, i64)> = revenue
        .into_iter()
        .filter_map(|(code, minor)| Currency::parse(&code).map(|c| (c, minor)))
        .collect();
    known.sort_by(|(a, x), (b, y)| {
        let major = |c: &Currency, m: &i64| *m as f64 / 10_f64.powi(c.exponent() as i32);
        major(b, y).total_cmp(&major(a, x)).then_with(|| a.cmp(b))
    });
    known
        .into_iter()
        .map(|(currency, minor)| MoneyView {
            amount: format_amount(minor, currency),
            currency,
        })
        .collect()
}
