//! Monthly recurring revenue of a catalogue, for the Customers summary.

use super::views::{currency, cycle, prices};
use crate::error::OpResult;
use landlord_domain::TenantId;
use landlord_domain::billing::{RecurringGroup, monthly_recurring};
use landlord_persistence::AnyConnection;
use landlord_persistence::billing::{plans, recurring_counts};
use std::collections::BTreeMap;

/// The MRR of the subscriptions to `owner`'s plans, per currency code, in minor units: each
/// group of subscriptions at its plan's current price for its cycle. A plan that no longer
/// prices a cycle (the price was removed) brings nothing until the subscription moves on.
pub(crate) fn recurring_revenue(
    conn: &mut AnyConnection,
    owner: TenantId,
) -> OpResult<Vec<(String, i64)>> {
    let mut by_currency: BTreeMap<String, Vec<RecurringGroup>> = BTreeMap::new();
    for (plan_id, cycle_name, count) in recurring_counts::of_owner(conn, owner)? {
        let Some(plan) = plans::find(conn, plan_id)? else {
            continue;
        };
        let cycle = cycle(&cycle_name)?;
        if let Some(price) = prices(&plan).get(cycle) {
            let code = currency(&plan.currency)?.code().to_owned();
            by_currency
                .entry(code)
                .or_default()
                .push((price, cycle, count));
        }
    }
    Ok(by_currency
        .into_iter()
        .map(|(code, groups)| (code, monthly_recurring(groups)))
        .collect())
}
