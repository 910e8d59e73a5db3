//! Taking and giving back quota: what the operator's own services call. A hard limit is
//! enforced by one conditional update in the store, never a read then a write.

use super::alerts;
use super::entitlements::{QuotaInputs, period_began, period_key};
use super::views::kind_of;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::managed;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::capability::{Counter, QuotaKind, UNLIMITED, remaining};
use landlord_domain::wire::FieldError;
use landlord_domain::wire::{QuotaRefusal, QuotaUsage};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::capabilities::catalogue::{self, QuotaDefinitionRow};
use landlord_persistence::capabilities::leases;
use landlord_persistence::capabilities::usage::{self, ConsumptionRow, CounterKey};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Database, Timestamp};
use serde_json::json;

/// The tenant, the quota's definition, its limit (with its active top-ups) and the current
/// period's key.
pub(crate) struct Target {
    pub tenant: TenantRow,
    pub definition: QuotaDefinitionRow,
    pub kind: QuotaKind,
    pub limit: i64,
    pub period: String,
}

impl Target {
    /// The quota `definition` of `tenant` at the context's time: its limit with the active
    /// top-ups and its current period, whose start (for a consumable quota) is answered too.
    pub(crate) fn load(
        tx: &mut AnyConnection,
        ctx: &Context,
        tenant: TenantRow,
        definition: QuotaDefinitionRow,
    ) -> OpResult<(Self, Option<Timestamp>)> {
        let inputs = QuotaInputs::load(tx, tenant.tenant_id(), ctx.now)?;
        let kind = kind_of(&definition)?;
        let period = period_key(kind, inputs.period_start, ctx.now);
        let limit = inputs.topped_up(&definition, &period);
        let began = period_began(kind, inputs.period_start, ctx.now);
        let t = Target {
            tenant,
            definition,
            kind,
            limit,
            period,
        };
        Ok((t, began))
    }

    pub(crate) fn counter(&self) -> CounterKey<'_> {
        CounterKey {
            tenant: self.tenant.id,
            quota: &self.definition.key,
            period: &self.period,
        }
    }

    /// The quota's usage as answered, given what its counter holds.
    pub(crate) fn usage(&self, used: i64) -> QuotaUsage {
        QuotaUsage {
            used,
            limit: self.limit,
            remaining: remaining(self.limit, used),
            overage: Counter {
                limit: self.limit,
                hard: self.definition.hard,
                used,
            }
            .overage(),
        }
    }
}

/// The quota `key` of a tenant the caller manages. A concurrent quota's expired leases are
/// swept first, which gives their amount back to its counter.
pub(crate) fn target(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
) -> OpResult<Target> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    let tenant = managed(tx, caller, tenant_id)?;
    let definition = catalogue::find_quota(tx, key)?.ok_or(OpError::NotFound("quota"))?;
    let (t, _) = Target::load(tx, ctx, tenant, definition)?;
    if t.kind == QuotaKind::Concurrent {
        let expired = leases::sweep(tx, t.tenant.id, &t.definition.key, ctx.now)?;
        if expired > 0 {
            usage::release(tx, t.counter(), expired, ctx.now)?;
        }
    }
    Ok(t)
}

/// Takes `amount` from the target's counter: refused with `quota_exceeded` (nothing taken)
/// when a hard limit would be passed; fires the thresholds the usage reaches.
pub(crate) fn take(
    tx: &mut AnyConnection,
    ctx: &Context,
    t: &Target,
    amount: i64,
) -> OpResult<QuotaUsage> {
    let counter = t.counter();
    super::caps::check_subtree(tx, &t.tenant, &t.definition, amount, ctx.now)?;
    let bound = (t.definition.hard && t.limit != UNLIMITED).then_some(t.limit);
    let Some(used) = usage::try_consume(tx, counter, amount, bound, ctx.now)? else {
        let used = usage::read(tx, counter)?.map(|(u, _)| u).unwrap_or(0);
        return Err(OpError::QuotaExceeded(QuotaRefusal {
            quota: t.definition.key.clone(),
            limit: t.limit,
            used,
            requested: amount,
        }));
    };
    let after = t.usage(used);
    if after.overage > 0 {
        usage::record_overage(tx, counter, after.overage)?;
    }
    alerts::fire(tx, ctx, t, used)?;
    Ok(after)
}

/// Takes `amount` that was already used (metered usage a meter feeds into the quota): never
/// refused, since the usage happened; beyond the limit it is overage, hard limit or not.
/// Thresholds fire as for a consume. A counter near the top of `i64` stops growing rather
/// than overflow.
pub(crate) fn take_used(
    tx: &mut AnyConnection,
    ctx: &Context,
    t: &Target,
    amount: i64,
) -> OpResult<QuotaUsage> {
    const SATURATED: i64 = i64::MAX / 2;
    let counter = t.counter();
    let before = usage::read(tx, counter)?.map(|(u, _)| u).unwrap_or(0);
    let amount = if before >= SATURATED { 0 } else { amount };
    let used = usage::try_consume(tx, counter, amount, None, ctx.now)?
        .ok_or_else(|| OpError::Internal("an unbounded consume was refused".into()))?;
    let after = t.usage(used);
    if after.overage > 0 {
        usage::record_overage(tx, counter, after.overage)?;
    }
    alerts::fire(tx, ctx, t, used)?;
    Ok(after)
}

/// Gives `amount` back to the target's counter, never below 0.
pub(crate) fn give_back(
    tx: &mut AnyConnection,
    ctx: &Context,
    t: &Target,
    amount: i64,
) -> OpResult<QuotaUsage> {
    let (used, _) = usage::release(tx, t.counter(), amount, ctx.now)?;
    Ok(t.usage(used))
}

pub(crate) fn record(
    tx: &mut AnyConnection,
    ctx: &Context,
    t: &Target,
    action: AuditAction,
    amount: i64,
    after: &QuotaUsage,
) -> OpResult<()> {
    record_change(
        tx,
        ctx,
        Change::new(action, t.tenant.tenant_id(), t.tenant.tenant_path())
            .target(AuditTarget::QuotaDefinition, &t.definition.key)
            .details(
                json!({ "amount": amount, "period": t.period, "used": after.used,
                             "limit": after.limit, "overage": after.overage }),
            ),
    )
}

/// Takes `amount` of quota `key` from the tenant: refused with `quota_exceeded` (and nothing
/// taken) when a hard limit would be passed; a soft limit lets it through and records the
/// overage. With an `idempotency_key` already used for this tenant and quota, answers that
/// consume's outcome and takes nothing (the same key with another amount is refused).
pub fn consume(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    amount: i64,
    idempotency_key: Option<String>,
) -> OpResult<QuotaUsage> {
    ctx.transaction(db, |tx| {
        let t = target(tx, ctx, tenant_id, key)?;
        if let Some(ik) = &idempotency_key
            && let Some(earlier) = claim(tx, ctx, &t, ik, amount)?
        {
            return Ok(earlier);
        }
        let after = take(tx, ctx, &t, amount)?;
        if let Some(ik) = &idempotency_key {
            usage::record_key(
                tx,
                t.tenant.id,
                &t.definition.key,
                ik,
                (after.used, t.limit, after.overage),
            )?;
        }
        record(tx, ctx, &t, AuditAction::QuotaConsumed, amount, &after)?;
        Ok(after)
    })
}

/// Claims the idempotency key for this consume, or answers the earlier consume's outcome.
fn claim(
    tx: &mut AnyConnection,
    ctx: &Context,
    t: &Target,
    key: &str,
    amount: i64,
) -> OpResult<Option<QuotaUsage>> {
    let row = ConsumptionRow {
        tenant_id: t.tenant.id,
        quota_key: t.definition.key.clone(),
        idempotency_key: key.to_owned(),
        amount,
        used: 0,
        limit_value: t.limit,
        overage: 0,
        created_at: ctx.now,
    };
    if usage::claim_key(tx, &row)? {
        return Ok(None);
    }
    let earlier = usage::find_key(tx, t.tenant.id, &t.definition.key, key)?
        .ok_or_else(|| OpError::Internal("a claimed consumption key has no row".into()))?;
    if earlier.amount != amount {
        return Err(OpError::Unprocessable {
            code: ErrorCode::IdempotencyKeyReused,
            detail: format!(
                "idempotency key {key:?} was used to consume {} of {}, not {amount}",
                earlier.amount, t.definition.key
            ),
            errors: vec![FieldError::new(
                "idempotency_key",
                ErrorCode::IdempotencyKeyReused.as_str(),
                "was used with another amount",
            )],
        });
    }
    Ok(Some(QuotaUsage {
        used: earlier.used,
        limit: earlier.limit_value,
        remaining: remaining(earlier.limit_value, earlier.used),
        overage: earlier.overage,
    }))
}

/// Gives back `amount` of quota `key`; usage never goes below 0.
pub fn release(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    amount: i64,
) -> OpResult<QuotaUsage> {
    ctx.transaction(db, |tx| {
        let t = target(tx, ctx, tenant_id, key)?;
        let after = give_back(tx, ctx, &t, amount)?;
        record(tx, ctx, &t, AuditAction::QuotaReleased, amount, &after)?;
        Ok(after)
    })
}
