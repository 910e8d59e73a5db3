//! What a tenant may do: every feature and quota of the catalogue, resolved from its
//! override, its plan and the catalogue's default, in a handful of queries.

use super::views::{kind_of, top_up_views};
use crate::context::Context;
use crate::error::OpResult;
use crate::scope::visible;
use chrono::Datelike;
use landlord_domain::capability::{
    FeatureSources, LimitSource, QuotaKind, effective_limit, remaining, topped_up_limit,
};
use landlord_domain::wire::{Entitlements, FeatureEntitlement, QuotaEntitlement};
use landlord_domain::{Permission, TenantId};
use landlord_persistence::capabilities::catalogue::{self, QuotaDefinitionRow};
use landlord_persistence::capabilities::top_ups::{self, TopUpRow};
use landlord_persistence::capabilities::{leases, overrides, usage};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Database, Timestamp};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The period key of allocation and concurrent quotas, which never reset.
pub(crate) const NO_PERIOD: &str = "-";

/// Which usage counter a quota of `kind` uses now: consumable quotas reset with the tenant's
/// subscription period (keyed by its start), or by calendar month without a subscription.
pub(crate) fn period_key(
    kind: QuotaKind,
    period_start: Option<Timestamp>,
    now: Timestamp,
) -> String {
    match (kind, period_start) {
        (QuotaKind::Consumable, Some(start)) => start.format("%Y-%m-%dT%H:%M:%S").to_string(),
        (QuotaKind::Consumable, None) => now.format("%Y-%m").to_string(),
        _ => NO_PERIOD.to_owned(),
    }
}

/// When the current period of a quota of `kind` began: a consumable quota's at the start of
/// the subscription period, or of the calendar month (UTC) without a subscription; other
/// kinds never reset (`None`).
pub(crate) fn period_began(
    kind: QuotaKind,
    period_start: Option<Timestamp>,
    now: Timestamp,
) -> Option<Timestamp> {
    match (kind, period_start) {
        (QuotaKind::Consumable, Some(start)) => Some(start),
        (QuotaKind::Consumable, None) => now
            .date()
            .with_day(1)
            .and_then(|first| first.and_hms_opt(0, 0, 0)),
        _ => None,
    }
}

/// The tenant's current plan and period start, if it has a subscription.
pub(crate) fn subscription_of(
    conn: &mut AnyConnection,
    tenant: TenantId,
) -> OpResult<Option<(i64, Timestamp)>> {
    Ok(
        landlord_persistence::billing::subscriptions::current(conn, tenant)?
            .map(|s| (s.plan_id, s.current_period_start)),
    )
}

/// Each feature of the catalogue for `tenant`: on or off, and why. A tenant has no more than
/// its parent (the management tenant has everything), so the chain from the management
/// tenant's children down to `tenant` is resolved in order, in three queries.
pub(crate) fn features(
    conn: &mut AnyConnection,
    tenant: &TenantRow,
) -> OpResult<BTreeMap<String, FeatureEntitlement>> {
    let keys: Vec<String> = catalogue::features(conn)?
        .into_iter()
        .map(|f| f.key)
        .collect();
    let chain: Vec<i64> = tenant
        .tenant_path()
        .ids()
        .iter()
        .skip(1)
        .map(|t| t.0)
        .collect();
    if chain.is_empty() {
        // The management tenant itself: everything.
        return Ok(keys
            .into_iter()
            .map(|k| {
                let e = FeatureEntitlement {
                    enabled: true,
                    source: LimitSource::Default,
                };
                (k, e)
            })
            .collect());
    }
    let plans: HashMap<i64, i64> = catalogue::plans_of(conn, &chain)?.into_iter().collect();
    let plan_ids: Vec<i64> = plans.values().copied().collect();
    let included = catalogue::plan_features(conn, &plan_ids)?;
    let mut switched: HashMap<(i64, String), bool> = HashMap::new();
    for (t, key, enabled) in overrides::features_of(conn, &chain)? {
        switched.insert((t, key), enabled);
    }
    let mut out = BTreeMap::new();
    for key in keys {
        let mut parent_has = true;
        let mut last = (false, LimitSource::Default);
        for t in &chain {
            let in_plan = plans
                .get(t)
                .and_then(|p| included.get(p))
                .is_some_and(|fs| fs.contains(&key));
            last = FeatureSources {
                override_enabled: switched.get(&(*t, key.clone())).copied(),
                in_plan,
                parent_has,
            }
            .effective();
            parent_has = last.0;
        }
        out.insert(
            key,
            FeatureEntitlement {
                enabled: last.0,
                source: last.1,
            },
        );
    }
    Ok(out)
}

/// What `tenant`'s quota limits come from: its plan's limits, its overrides, its active
/// top-ups (in the order usage draws on them) and its subscription period.
pub(crate) struct QuotaInputs {
    pub plan: BTreeMap<String, i64>,
    pub overrides: HashMap<String, i64>,
    pub period_start: Option<Timestamp>,
    pub top_ups: Vec<TopUpRow>,
}

impl QuotaInputs {
    /// Everything, with the top-ups active at `now`.
    pub(crate) fn load(
        conn: &mut AnyConnection,
        tenant: TenantId,
        now: Timestamp,
    ) -> OpResult<Self> {
        Ok(Self {
            top_ups: top_ups::active(conn, tenant.0, now)?,
            ..Self::load_limits(conn, tenant)?
        })
    }

    /// The limits without top-ups: what a tenant holds and hands out (the caps).
    pub(crate) fn load_limits(conn: &mut AnyConnection, tenant: TenantId) -> OpResult<Self> {
        let subscription = subscription_of(conn, tenant)?;
        let plan = match subscription {
            Some((plan, _)) => catalogue::plan_quotas(conn, &[plan])?
                .remove(&plan)
                .unwrap_or_default(),
            None => BTreeMap::new(),
        };
        Ok(Self {
            plan,
            overrides: overrides::quotas_of(conn, tenant.0)?.into_iter().collect(),
            period_start: subscription.map(|(_, start)| start),
            top_ups: Vec::new(),
        })
    }

    /// The quota's top-ups that count in `period`, in the order usage draws on them.
    pub(crate) fn top_ups_of<'a>(
        &'a self,
        definition: &QuotaDefinitionRow,
        period: &str,
    ) -> Vec<&'a TopUpRow> {
        self.top_ups
            .iter()
            .filter(|t| t.quota_key == definition.key && t.period_key == period)
            .collect()
    }

    /// The quota's limit with its top-ups in `period` (unlimited stays unlimited).
    pub(crate) fn topped_up(&self, definition: &QuotaDefinitionRow, period: &str) -> i64 {
        topped_up_limit(
            self.limit(definition).0,
            self.top_ups_of(definition, period).iter().map(|t| t.amount),
        )
    }

    /// The quota's limit without top-ups and where it came from.
    pub(crate) fn limit(&self, definition: &QuotaDefinitionRow) -> (i64, LimitSource) {
        effective_limit(
            self.overrides.get(&definition.key).copied(),
            self.plan.get(&definition.key).copied(),
            definition.default_limit,
        )
    }
}

/// Every quota of the catalogue for `tenant`, with the current period's usage.
pub(crate) fn quotas(
    conn: &mut AnyConnection,
    tenant: TenantId,
    now: Timestamp,
) -> OpResult<BTreeMap<String, QuotaEntitlement>> {
    let definitions = catalogue::quotas(conn)?;
    let inputs = QuotaInputs::load(conn, tenant, now)?;
    let mut periods: HashMap<&str, String> = HashMap::new();
    for d in &definitions {
        periods.insert(&d.key, period_key(kind_of(d)?, inputs.period_start, now));
    }
    let wanted: HashSet<&str> = periods.values().map(String::as_str).collect();
    let wanted: Vec<&str> = wanted.into_iter().collect();
    let mut used: HashMap<(String, String), i64> = HashMap::new();
    for (quota, period, n, _) in usage::of_tenant(conn, tenant.0, &wanted)? {
        used.insert((quota, period), n);
    }
    // Leases expired but not yet swept still sit in their counters: they no longer count.
    let mut expired: HashMap<String, i64> = HashMap::new();
    for (quota, amount) in leases::expired_of_tenant(conn, tenant.0, now)? {
        *expired.entry(quota).or_default() += amount;
    }
    let mut out = BTreeMap::new();
    for d in &definitions {
        let (base, source) = inputs.limit(d);
        let period = periods.get(d.key.as_str()).cloned().unwrap_or_default();
        let limit = inputs.topped_up(d, &period);
        let counted = used
            .get(&(d.key.clone(), period.clone()))
            .copied()
            .unwrap_or(0);
        let used = (counted - expired.get(&d.key).copied().unwrap_or(0)).max(0);
        out.insert(
            d.key.clone(),
            QuotaEntitlement {
                limit,
                used,
                remaining: remaining(limit, used),
                source,
                hard: d.hard,
                top_ups: top_up_views(base, used, &inputs.top_ups_of(d, &period)),
                licence: None,
                subtree_used: None,
            },
        );
    }
    Ok(out)
}

/// The visible tenant's entitlements.
pub fn get(db: &Database, ctx: &Context, tenant_id: i64) -> OpResult<Entitlements> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesRead)?;
    db.read(|conn| {
        let tenant = visible(conn, caller, tenant_id)?;
        let mut quotas = quotas(conn, tenant.tenant_id(), ctx.now)?;
        super::caps::annotate(conn, &tenant, &mut quotas)?;
        Ok(Entitlements {
            features: features(conn, &tenant)?,
            quotas,
        })
    })
}
