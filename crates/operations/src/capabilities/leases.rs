//! Leases on concurrent quotas (sessions held at once): acquiring takes the amount with the
//! same conditional update as consume, in the transaction that first sweeps the quota's
//! expired leases (giving their amount back), so two concurrent acquires of the last unit
//! give exactly one lease. A lease holds until it expires or is released; renewing moves
//! its expiry from now.

use super::consume::{Target, give_back, record, take, target};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::ErrorCode;
use landlord_domain::audit::AuditAction;
use landlord_domain::capability::{QuotaKind, remaining};
use landlord_domain::wire::{LeaseView, QuotaUsage};
use landlord_persistence::capabilities::leases::{self, LeaseRow, NewLeaseRow};
use landlord_persistence::capabilities::usage;
use landlord_persistence::{AnyConnection, Database};

/// The concurrent quota `key` of a tenant the caller manages, its expired leases swept.
fn concurrent(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
) -> OpResult<Target> {
    let t = target(tx, ctx, tenant_id, key)?;
    if t.kind != QuotaKind::Concurrent {
        return Err(OpError::conflict(
            ErrorCode::QuotaNotConcurrent,
            format!(
                "quota {key:?} is {}: only concurrent quotas are leased; consume and release it instead",
                t.kind.as_str()
            ),
        ));
    }
    Ok(t)
}

fn view(lease: &LeaseRow, t: &Target, used: i64) -> LeaseView {
    LeaseView {
        id: lease.id,
        amount: lease.amount,
        expires_at: lease.expires_at.and_utc(),
        used,
        limit: t.limit,
        remaining: remaining(t.limit, used),
    }
}

/// Holds `amount` of a concurrent quota for `ttl` seconds; refused with `quota_exceeded`
/// (nothing held) when a hard limit would be passed.
pub fn acquire(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    amount: i64,
    ttl: i64,
) -> OpResult<LeaseView> {
    ctx.transaction(db, |tx| {
        let t = concurrent(tx, ctx, tenant_id, key)?;
        let after = take(tx, ctx, &t, amount)?;
        let lease = leases::insert(
            tx,
            NewLeaseRow {
                tenant_id: t.tenant.id,
                quota_key: &t.definition.key,
                amount,
                expires_at: ctx.now + chrono::Duration::seconds(ttl),
                created_at: ctx.now,
            },
        )?;
        record(tx, ctx, &t, AuditAction::QuotaLeaseAcquired, amount, &after)?;
        Ok(view(&lease, &t, after.used))
    })
}

/// Extends a live lease to `ttl` seconds from now; an expired lease is gone (404).
pub fn renew(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    id: i64,
    ttl: i64,
) -> OpResult<LeaseView> {
    ctx.transaction(db, |tx| {
        let t = concurrent(tx, ctx, tenant_id, key)?;
        let until = ctx.now + chrono::Duration::seconds(ttl);
        let lease = leases::renew(tx, t.tenant.id, key, id, ctx.now, until)?
            .ok_or(OpError::NotFound("lease"))?;
        let used = usage::read(tx, t.counter())?.map(|(u, _)| u).unwrap_or(0);
        let after = t.usage(used);
        record(
            tx,
            ctx,
            &t,
            AuditAction::QuotaLeaseRenewed,
            lease.amount,
            &after,
        )?;
        Ok(view(&lease, &t, used))
    })
}

/// Ends a lease, giving its amount back; an expired lease is gone already (404).
pub fn release(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    id: i64,
) -> OpResult<QuotaUsage> {
    ctx.transaction(db, |tx| {
        let t = concurrent(tx, ctx, tenant_id, key)?;
        let lease = leases::delete(tx, t.tenant.id, key, id)?.ok_or(OpError::NotFound("lease"))?;
        let after = give_back(tx, ctx, &t, lease.amount)?;
        record(
            tx,
            ctx,
            &t,
            AuditAction::QuotaLeaseReleased,
            lease.amount,
            &after,
        )?;
        Ok(after)
    })
}
