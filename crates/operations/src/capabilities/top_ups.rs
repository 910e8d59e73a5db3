//! Top-ups: an operator grants a one-off extra amount on a subtenant's quota, optionally
//! expiring. Active top-ups raise the limit that consume's conditional update checks; usage
//! draws on the plan amount first, then on the top-ups, the earliest expiry first.

use super::consume::{Target, target};
use super::entitlements::QuotaInputs;
use super::views::{top_up_view, top_up_views};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::visible;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::capability::UNLIMITED;
use landlord_domain::wire::TopUpView;
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::capabilities::top_ups::{self, NewTopUpRow, TopUpRow};
use landlord_persistence::capabilities::{catalogue, usage};
use landlord_persistence::{AnyConnection, Database};
use serde_json::json;
use std::collections::HashMap;

/// The quota's top-ups as shown now: what each active one has left, `None` for the others.
fn views(
    tx: &mut AnyConnection,
    ctx: &Context,
    t: &Target,
    rows: &[TopUpRow],
) -> OpResult<Vec<TopUpView>> {
    let inputs = QuotaInputs::load(tx, t.tenant.tenant_id(), ctx.now)?;
    let base = inputs.limit(&t.definition).0;
    let used = usage::read(tx, t.counter())?.map(|(u, _)| u).unwrap_or(0);
    let left: HashMap<i64, Option<i64>> =
        top_up_views(base, used, &inputs.top_ups_of(&t.definition, &t.period))
            .into_iter()
            .map(|v| (v.id, v.remaining))
            .collect();
    Ok(rows
        .iter()
        .map(|r| top_up_view(r, left.get(&r.id).copied().flatten()))
        .collect())
}

fn record(
    tx: &mut AnyConnection,
    ctx: &Context,
    t: &Target,
    action: AuditAction,
    view: &TopUpView,
) -> OpResult<()> {
    let object = json!({ "tenant_id": t.tenant.id, "quota": t.definition.key,
                         "limit": t.limit, "top_up": view });
    record_change(
        tx,
        ctx,
        Change::new(action, t.tenant.tenant_id(), t.tenant.tenant_path())
            .target(AuditTarget::QuotaTopUp, view.id)
            .details(object.clone())
            .object(object),
    )
}

/// Grants `amount` more of quota `key` to a subtenant until `expires_at` (which must be in
/// the future), or for good. An unlimited quota cannot be topped up (`quota_unlimited`).
pub fn create(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    amount: i64,
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
) -> OpResult<TopUpView> {
    ctx.transaction(db, |tx| {
        let mut t = target(tx, ctx, tenant_id, key)?;
        if expires_at.is_some_and(|at| at.naive_utc() <= ctx.now) {
            return Err(OpError::field(
                "expires_at",
                "in_past",
                "must be in the future",
            ));
        }
        if t.limit == UNLIMITED {
            return Err(OpError::conflict(
                ErrorCode::QuotaUnlimited,
                format!("quota {key:?} is unlimited for this tenant: there is nothing to top up"),
            ));
        }
        let row = top_ups::insert(
            tx,
            NewTopUpRow {
                tenant_id: t.tenant.id,
                quota_key: &t.definition.key,
                period_key: &t.period,
                amount,
                expires_at: expires_at.map(|at| at.naive_utc()),
                created_at: ctx.now,
            },
        )?;
        t.limit = t.limit.saturating_add(amount);
        let view = views(tx, ctx, &t, std::slice::from_ref(&row))?
            .pop()
            .ok_or_else(|| OpError::Internal("a new top-up has no view".into()))?;
        record(tx, ctx, &t, AuditAction::QuotaToppedUp, &view)?;
        Ok(view)
    })
}

/// Every top-up of the visible tenant's quota, newest first; `remaining` is `null` for those
/// that no longer count.
pub fn list(db: &Database, ctx: &Context, tenant_id: i64, key: &str) -> OpResult<Vec<TopUpView>> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesRead)?;
    db.read(|conn| {
        let tenant = visible(conn, caller, tenant_id)?;
        let definition = catalogue::find_quota(conn, key)?.ok_or(OpError::NotFound("quota"))?;
        let inputs = QuotaInputs::load(conn, tenant.tenant_id(), ctx.now)?;
        let kind = super::views::kind_of(&definition)?;
        let period = super::entitlements::period_key(kind, inputs.period_start, ctx.now);
        let t = Target {
            limit: inputs.topped_up(&definition, &period),
            tenant,
            definition,
            kind,
            period,
        };
        let rows = top_ups::of_quota(conn, t.tenant.id, key)?;
        views(conn, ctx, &t, &rows)
    })
}

/// Revokes a top-up: it no longer counts from now on.
pub fn revoke(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    id: i64,
) -> OpResult<TopUpView> {
    ctx.transaction(db, |tx| {
        let mut t = target(tx, ctx, tenant_id, key)?;
        let row = top_ups::revoke(tx, t.tenant.id, key, id, ctx.now)?
            .ok_or(OpError::NotFound("top-up"))?;
        let inputs = QuotaInputs::load(tx, t.tenant.tenant_id(), ctx.now)?;
        t.limit = inputs.topped_up(&t.definition, &t.period);
        let view = top_up_view(&row, None);
        record(tx, ctx, &t, AuditAction::QuotaTopUpRevoked, &view)?;
        Ok(view)
    })
}
