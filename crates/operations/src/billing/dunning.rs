//! Dunning drives the tenant: as its oldest unpaid invoice grows overdue, the tenant moves
//! through the issuer's policy (reminder, restricted, suspended, canceled by default), and
//! paying every overdue invoice steps it back at once. A tenant suspended by dunning is
//! reactivated; one suspended by an operator stays suspended.

use super::catalogue::own_catalogue;
use super::views::subscription_status;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::tenants::apply_status;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::billing::{DunningEffect, DunningPolicy, SubscriptionStatus};
use landlord_domain::tenant::{StatusChange, StatusReason};
use landlord_domain::{Permission, TenantId, TenantStatus};
use landlord_persistence::billing::dunning as policies;
use landlord_persistence::billing::subscriptions;
use landlord_persistence::invoices;
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Database, tenants};
use serde_json::json;

/// The billing state of a tenant with nothing overdue.
pub const OK: &str = "ok";

/// The policy of the catalogue `owner` (its own, or the default).
pub(crate) fn policy_of(conn: &mut AnyConnection, owner: TenantId) -> OpResult<DunningPolicy> {
    Ok(policies::find(conn, owner)?.unwrap_or_default())
}

fn tenant_policy(conn: &mut AnyConnection, tenant: &TenantRow) -> OpResult<DunningPolicy> {
    match tenant.parent_id {
        Some(parent) => policy_of(conn, TenantId(parent)),
        None => Ok(DunningPolicy { steps: Vec::new() }),
    }
}

/// The effect of the tenant's current billing state, if it is in one.
pub(crate) fn current_effect(
    conn: &mut AnyConnection,
    tenant: &TenantRow,
) -> OpResult<Option<DunningEffect>> {
    if tenant.billing_state == OK {
        return Ok(None);
    }
    let policy = tenant_policy(conn, tenant)?;
    Ok(policy
        .steps
        .iter()
        .find(|s| s.name == tenant.billing_state)
        .map(|s| s.effect))
}

/// Brings the tenant's billing state, subscription and status in line with its overdue
/// invoices as of now. Answers how many transitions it made.
pub(crate) fn reevaluate(tx: &mut AnyConnection, ctx: &Context, id: TenantId) -> OpResult<i64> {
    let Some(tenant) = tenants::find(tx, id)? else {
        return Ok(0);
    };
    let now = ctx.now;
    let oldest_overdue = invoices::open_of_tenant(tx, id)?
        .into_iter()
        .filter(|i| i.issuer_tenant_id.is_some() && i.amount_due_minor() > 0)
        .filter_map(|i| i.due_at.filter(|due| *due < now).map(|due| (due, i.id)))
        .min();
    let policy = tenant_policy(tx, &tenant)?;
    let days = oldest_overdue.map(|(due, _)| (now - due).num_days());
    let step = days.and_then(|d| policy.state_for(d)).cloned();
    let state = step.as_ref().map_or(OK, |s| s.name.as_str()).to_owned();
    let mut transitions = 0;

    if let Some(sub) = subscriptions::current_for_update(tx, id)? {
        let status = subscription_status(&sub)?;
        let overdue = oldest_overdue.is_some();
        let next = match status {
            SubscriptionStatus::Active | SubscriptionStatus::Pending if overdue => {
                Some(SubscriptionStatus::PastDue)
            }
            SubscriptionStatus::PastDue if !overdue => Some(SubscriptionStatus::Active),
            _ => None,
        };
        let cancel = step
            .as_ref()
            .is_some_and(|s| s.effect.includes(DunningEffect::Cancel));
        let next = if cancel {
            Some(SubscriptionStatus::Canceled)
        } else {
            next
        };
        if let Some(next) = next {
            super::subscriptions::set_status(tx, ctx, &tenant, sub, next, "dunning")?;
            transitions += 1;
        }
    }

    if state != tenant.billing_state {
        tenants::set_billing_state(tx, id, &state)?;
        record_change(
            tx,
            ctx,
            Change::new(AuditAction::DunningStateChanged, id, tenant.tenant_path())
                .target(AuditTarget::Tenant, id.0)
                .details(json!({
                    "before": { "billing_state": tenant.billing_state },
                    "after": { "billing_state": state },
                    "days_overdue": days,
                    "oldest_overdue_invoice_id": oldest_overdue.map(|(_, invoice)| invoice),
                }))
                .object(json!({
                    "tenant_id": id.0,
                    "billing_state": state,
                    "days_overdue": days,
                    "effect": step.as_ref().map(|s| s.effect),
                }))
                .previous_attributes(json!({ "billing_state": tenant.billing_state })),
        )?;
        // Entering a dunning step reminds the tenant of its oldest overdue invoice.
        if let (Some(_), Some((_, invoice))) = (&step, oldest_overdue) {
            crate::mail::notices::dunning_reminder(tx, now, &tenant, invoice)?;
        }
        transitions += 1;
    }

    let tenant = tenants::find(tx, id)?.ok_or(OpError::NotFound("tenant"))?;
    let suspend = step
        .as_ref()
        .is_some_and(|s| s.effect.includes(DunningEffect::Suspend));
    let status = tenant.status()?;
    let by_dunning = tenant.status_reason.as_deref() == Some(StatusReason::Dunning.as_str());
    if suspend && status == TenantStatus::Active {
        apply_status(
            tx,
            ctx,
            &tenant,
            StatusChange::Suspend,
            StatusReason::Dunning,
        )?;
        transitions += 1;
    } else if !suspend && status == TenantStatus::Suspended && by_dunning {
        apply_status(
            tx,
            ctx,
            &tenant,
            StatusChange::Activate,
            StatusReason::Dunning,
        )?;
        transitions += 1;
    }
    Ok(transitions)
}

/// The caller's dunning policy (its catalogue's).
pub fn get_policy(db: &Database, ctx: &Context) -> OpResult<DunningPolicy> {
    let owner = own_catalogue(ctx.caller()?, Permission::BillingRead)?;
    db.read(|conn| policy_of(conn, owner))
}

/// Replaces the caller's dunning policy; it applies from the next billing run on.
pub fn set_policy(db: &Database, ctx: &Context, policy: DunningPolicy) -> OpResult<DunningPolicy> {
    let owner = own_catalogue(ctx.caller()?, Permission::BillingManage)?;
    policy
        .validate()
        .map_err(|e| OpError::field("steps", "invalid_policy", e))?;
    ctx.transaction(db, |tx| {
        let before = policy_of(tx, owner)?;
        policies::save(tx, owner, &policy, ctx.now)?;
        let tenant = tenants::find(tx, owner)?.ok_or(OpError::NotFound("tenant"))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::DunningPolicyUpdated,
                owner,
                tenant.tenant_path(),
            )
            .untargeted(AuditTarget::DunningPolicy)
            .details(json!({ "before": before, "after": policy })),
        )?;
        Ok(policy.clone())
    })
}
