//! Licence and hierarchy caps. A bound caps the sum of the limits of a parent's direct
//! subtenants: for the management tenant, each quota's licence number (every limit counts:
//! override, else plan, else default); for any other parent, its own limit (what it hands out
//! counts: overrides and plan values, not the catalogue's default, which nobody handed out).
//! Every change to limits takes a [`Guard`] first (which locks the quota definitions, so such
//! changes run one at a time), makes its change, and asks the guard to [`Guard::verify`] the
//! sums it touched: [`judge`] refuses a change that leaves a sum further above its bound.
//!
//! Usage rolls up too: a hard allocation or concurrent quota of a tenant with subtenants
//! bounds its whole subtree's usage, checked in the consume's transaction by
//! [`check_subtree`].

use super::entitlements::{NO_PERIOD, QuotaInputs};
use super::views::kind_of;
use crate::error::{OpError, OpResult};
use landlord_domain::capability::{
    Allocation, CapBreach, Capped, LimitSource, QuotaKind, UNLIMITED, available, effective_limit,
    judge,
};
use landlord_domain::wire::{CapRefusal, LicenceHeadroom, QuotaEntitlement, QuotaRefusal};
use landlord_domain::{ErrorCode, TenantId};
use landlord_persistence::capabilities::caps as store;
use landlord_persistence::capabilities::catalogue::{self, QuotaDefinitionRow};
use landlord_persistence::capabilities::usage::CounterKey;
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Timestamp, tenants};
use std::collections::{BTreeMap, HashMap};

/// Each quota's bound and the sum of what `parent`'s direct subtenants hold of it.
fn snapshot(
    conn: &mut AnyConnection,
    parent: &TenantRow,
    definitions: &[QuotaDefinitionRow],
) -> OpResult<BTreeMap<String, Capped>> {
    let root = parent.parent_id.is_none();
    let children = store::children(conn, parent.id)?;
    // Without a licence number nothing bounds the top-level tenants: skip reading them all.
    if children.is_empty() || (root && definitions.iter().all(|d| d.licence_cap.is_none())) {
        return Ok(BTreeMap::new());
    }
    let own = if root {
        None
    } else {
        Some(QuotaInputs::load_limits(conn, parent.tenant_id())?)
    };
    let plans: HashMap<i64, i64> = catalogue::plans_of(conn, &children)?.into_iter().collect();
    let plan_ids: Vec<i64> = plans.values().copied().collect();
    let plan_limits = catalogue::plan_quotas(conn, &plan_ids)?;
    let mut overrides: HashMap<(i64, String), i64> = HashMap::new();
    for (tenant, key, limit) in store::overrides_of(conn, &children)? {
        overrides.insert((tenant, key), limit);
    }
    let mut out = BTreeMap::new();
    for d in definitions {
        let bound = match &own {
            None => d.licence_cap,
            Some(inputs) => Some(inputs.limit(d).0).filter(|l| *l != UNLIMITED),
        };
        let limits = children.iter().filter_map(|child| {
            let plan = plans
                .get(child)
                .and_then(|p| plan_limits.get(p))
                .and_then(|l| l.get(&d.key))
                .copied();
            let over = overrides.get(&(*child, d.key.clone())).copied();
            let (limit, source) = effective_limit(over, plan, d.default_limit);
            (root || source != LimitSource::Default).then_some(limit)
        });
        out.insert(
            d.key.clone(),
            Capped {
                bound,
                allocation: Allocation::of(limits),
            },
        );
    }
    Ok(out)
}

/// The sums a change of limits may move, as they were before it.
pub(crate) struct Guard {
    before: Vec<(i64, BTreeMap<String, Capped>)>,
}

/// Locks the quota definitions and notes the sums under each of `parents` (ids not found
/// are skipped): call before changing any limit, then [`Guard::verify`] after.
pub(crate) fn guard(tx: &mut AnyConnection, parents: &[TenantId]) -> OpResult<Guard> {
    store::lock_definitions(tx)?;
    let definitions = catalogue::quotas(tx)?;
    let mut ids: Vec<TenantId> = parents.to_vec();
    ids.sort();
    ids.dedup();
    let mut before = Vec::new();
    for id in ids {
        if let Some(row) = tenants::find(tx, id)? {
            before.push((row.id, snapshot(tx, &row, &definitions)?));
        }
    }
    Ok(Guard { before })
}

impl Guard {
    /// Refuses the change (`licence_cap_exceeded`, `parent_quota_exceeded`) if it left any
    /// sum further above its bound than before.
    pub(crate) fn verify(self, tx: &mut AnyConnection) -> OpResult<()> {
        let definitions = catalogue::quotas(tx)?;
        for (id, before) in self.before {
            let Some(row) = tenants::find(tx, TenantId(id))? else {
                continue;
            };
            for (key, after) in snapshot(tx, &row, &definitions)? {
                // Not read before (no bound then, or a new quota): the same sum, unbounded.
                let was = before.get(&key).copied().unwrap_or(Capped {
                    bound: None,
                    allocation: after.allocation,
                });
                if let Err(breach) = judge(was, after) {
                    return Err(refusal(&row, &key, breach));
                }
            }
        }
        Ok(())
    }
}

fn refusal(parent: &TenantRow, key: &str, breach: CapBreach) -> OpError {
    let root = parent.parent_id.is_none();
    let left = available(breach.cap, breach.allocated);
    let wanted = match breach.requested.finite() {
        Some(n) => format!("this change would make it {n}"),
        None => "this change would hand out an unlimited limit, which a cap does not allow".into(),
    };
    let (code, detail) = if root {
        (
            ErrorCode::LicenceCapExceeded,
            format!(
                "the licence allows {} of quota {key:?}; tenants hold {}, {left} left; {wanted}",
                breach.cap, breach.allocated.total
            ),
        )
    } else {
        (
            ErrorCode::ParentQuotaExceeded,
            format!(
                "tenant {} has {} of quota {key:?}; its subtenants hold {}, {left} left; {wanted}",
                parent.id, breach.cap, breach.allocated.total
            ),
        )
    };
    OpError::CapExceeded {
        code,
        detail,
        refusal: CapRefusal {
            quota: key.to_owned(),
            tenant_id: (!root).then_some(parent.id),
            cap: breach.cap,
            allocated: breach.allocated.total,
            available: left,
            requested: breach.requested.finite(),
        },
    }
}

/// The licence headroom of each capped quota (the management tenant is `root`).
pub(crate) fn licence(
    conn: &mut AnyConnection,
    root: TenantId,
    definitions: &[QuotaDefinitionRow],
) -> OpResult<BTreeMap<String, LicenceHeadroom>> {
    if definitions.iter().all(|d| d.licence_cap.is_none()) {
        return Ok(BTreeMap::new());
    }
    let Some(root) = tenants::find(conn, root)?.filter(|r| r.parent_id.is_none()) else {
        return Ok(BTreeMap::new());
    };
    let sums = snapshot(conn, &root, definitions)?;
    Ok(definitions
        .iter()
        .filter_map(|d| {
            let cap = d.licence_cap?;
            let allocation = sums.get(&d.key).map(|c| c.allocation).unwrap_or_default();
            Some((
                d.key.clone(),
                LicenceHeadroom {
                    cap,
                    allocated: allocation.total,
                    available: available(cap, allocation),
                },
            ))
        })
        .collect())
}

/// Whether a quota's usage rolls up to the ancestors' limits: allocation and concurrent
/// quotas (consumable ones reset on each tenant's own period, so their counters do not add).
fn rolls_up(definition: &QuotaDefinitionRow) -> OpResult<bool> {
    Ok(kind_of(definition)? != QuotaKind::Consumable)
}

/// Adds the licence headroom of capped quotas (for the management tenant and its direct
/// subtenants, whose limits the licence counts) and, for a tenant with subtenants, its
/// subtree's usage of the quotas that roll up.
pub(crate) fn annotate(
    conn: &mut AnyConnection,
    tenant: &TenantRow,
    quotas: &mut BTreeMap<String, QuotaEntitlement>,
) -> OpResult<()> {
    let definitions = catalogue::quotas(conn)?;
    let path = tenant.tenant_path().ids();
    // The licence bounds the top-level tenants (deeper ones are bounded by their parents).
    if path.len() <= 2
        && definitions.iter().any(|d| d.licence_cap.is_some())
        && let Some(root) = path.first().copied()
    {
        for (key, headroom) in licence(conn, root, &definitions)? {
            if let Some(q) = quotas.get_mut(&key) {
                q.licence = Some(headroom);
            }
        }
    }
    if tenant.allow_subtenants || tenant.parent_id.is_none() {
        let used: HashMap<String, i64> =
            store::subtree_used(conn, &tenant.tenant_path(), NO_PERIOD, None)?
                .into_iter()
                .collect();
        for d in &definitions {
            if rolls_up(d)?
                && let Some(q) = quotas.get_mut(&d.key)
            {
                q.subtree_used = Some(used.get(&d.key).copied().unwrap_or(0));
            }
        }
    }
    Ok(())
}

/// Refuses `amount` of a hard quota that rolls up when it would take the subtree of an
/// ancestor (below the management tenant), or of the tenant itself if it has subtenants,
/// past that tenant's limit (`quota_exceeded`, naming that limit and the subtree's usage).
/// Each such tenant's own counter is locked first, top-down, so consumption in one subtree
/// is checked one at a time; the tenant's own counter is left to the conditional update.
pub(crate) fn check_subtree(
    tx: &mut AnyConnection,
    tenant: &TenantRow,
    definition: &QuotaDefinitionRow,
    amount: i64,
    now: Timestamp,
) -> OpResult<()> {
    if !definition.hard || !rolls_up(definition)? {
        return Ok(());
    }
    let chain: Vec<TenantId> = tenant
        .tenant_path()
        .ids()
        .into_iter()
        .skip(1)
        .filter(|id| id.0 != tenant.id || tenant.allow_subtenants)
        .collect();
    for id in chain {
        let Some(row) = tenants::find(tx, id)? else {
            continue;
        };
        // A top-up on the ancestor raises what its subtree may hold.
        let limit = QuotaInputs::load(tx, id, now)?.topped_up(definition, NO_PERIOD);
        if limit == UNLIMITED {
            continue;
        }
        let counter = CounterKey {
            tenant: id.0,
            quota: &definition.key,
            period: NO_PERIOD,
        };
        store::lock_counter(tx, counter, now)?;
        let used = store::subtree_used(tx, &row.tenant_path(), NO_PERIOD, Some(&definition.key))?
            .first()
            .map(|(_, n)| *n)
            .unwrap_or(0);
        if used.saturating_add(amount) > limit {
            return Err(OpError::QuotaExceeded(QuotaRefusal {
                quota: definition.key.clone(),
                limit,
                used,
                requested: amount,
            }));
        }
    }
    Ok(())
}
