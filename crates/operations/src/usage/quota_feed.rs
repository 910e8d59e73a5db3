//! Metered usage consuming the quota its meter feeds: a `sum` or `count` counter linked to a
//! consumable quota takes, per tenant and batch, the accepted events' amount from the
//! quota's current counter, in the batch's transaction. A duplicate takes nothing (only new
//! events reach here), and concurrent batches add up exactly (the store's update is one
//! statement). Usage that happened is never refused: past a limit, hard or soft, it is
//! overage, and the quota's thresholds fire. An event dated before the quota's current
//! period (events may be up to 35 days old) counts in the statistics but not against the
//! quota, which has reset since.

use super::Meter;
use crate::capabilities::consume::{Target, take_used};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::TenantId;
use landlord_domain::usage::{QuotaLink, consumed_amount, may_feed, quota_link};
use landlord_persistence::capabilities::catalogue;
use landlord_persistence::{AnyConnection, Timestamp, tenants};
use std::collections::{BTreeMap, HashMap};

/// The accepted new events of fed meters: per tenant and meter, each event's value and time.
#[derive(Default)]
pub(crate) struct Fed(BTreeMap<(i64, String), Vec<(f64, Timestamp)>>);

impl Fed {
    /// Notes an accepted event if its meter has a quota it can consume (the quota's kind is
    /// checked again in [`Fed::consume`]); a gauge compared with a quota is not noted.
    pub(crate) fn note(
        &mut self,
        meter: &Meter,
        tenant: i64,
        key: &str,
        value: f64,
        at: Timestamp,
    ) {
        if meter.quota.is_some() && may_feed(meter.kind, meter.aggregation) {
            self.0
                .entry((tenant, key.to_owned()))
                .or_default()
                .push((value, at));
        }
    }

    /// Takes each tenant's amount from the quotas the meters feed.
    pub(crate) fn consume(
        self,
        tx: &mut AnyConnection,
        ctx: &Context,
        meters: &HashMap<String, Meter>,
    ) -> OpResult<()> {
        for ((tenant_id, meter_key), events) in self.0 {
            let meter = &meters[&meter_key];
            let Some(quota) = &meter.quota else { continue };
            let broken = || OpError::Internal(format!("meter {meter_key:?} feeds no stored quota"));
            let definition = catalogue::find_quota(tx, quota)?.ok_or_else(broken)?;
            let tenant = tenants::find(tx, TenantId(tenant_id))?
                .ok_or_else(|| OpError::Internal(format!("tenant {tenant_id} went away")))?;
            let (target, began) = Target::load(tx, ctx, tenant, definition)?;
            if quota_link(meter.kind, meter.aggregation, target.kind) != Ok(QuotaLink::Feeds) {
                continue; // A gauge compared with its quota consumes nothing.
            }
            let current = events
                .into_iter()
                .filter(|(_, at)| began.is_none_or(|start| *at >= start))
                .map(|(value, _)| value);
            let amount = consumed_amount(meter.aggregation, current);
            if amount > 0 {
                take_used(tx, ctx, &target, amount)?;
            }
        }
        Ok(())
    }
}
