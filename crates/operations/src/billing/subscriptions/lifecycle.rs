//! Cancelling, pausing and resuming a subscription, and the status moves payments and dunning
//! make. Cancelling now or pausing credits the unused time of a paid-in-advance period to the
//! tenant's balance; resuming starts a new period at once.

use super::super::catalogue::issuer_of;
use super::super::issue::{NewInvoice, issue};
use super::super::views::{currency, prices, subscription_status};
use super::{load_view, no_subscription, period_key, plan_and_cycle, record, ts};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::managed;
use landlord_domain::audit::AuditAction;
use landlord_domain::billing::change::period_line;
use landlord_domain::billing::{InvoiceStatus, Period, PlanChange, SubscriptionStatus, prorate};
use landlord_domain::wire::SubscriptionView;
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::billing::accounts;
use landlord_persistence::billing::subscriptions::{self as store, SubscriptionRow};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Database};
use serde_json::json;

/// Runs `work` on the managed tenant's current subscription, locked.
fn with_current(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    work: impl FnOnce(&mut AnyConnection, &TenantRow, SubscriptionRow) -> OpResult<SubscriptionView>,
) -> OpResult<SubscriptionView> {
    let caller = ctx.caller()?;
    caller.require(Permission::BillingManage)?;
    ctx.transaction(db, |tx| {
        let tenant = managed(tx, caller, tenant_id)?;
        let sub = store::current_for_update(tx, tenant.tenant_id())?.ok_or_else(no_subscription)?;
        work(tx, &tenant, sub)
    })
}

/// Credits the unused part of the current period (when it was charged: not during a trial).
fn credit_unused(tx: &mut AnyConnection, ctx: &Context, sub: &SubscriptionRow) -> OpResult<i64> {
    if subscription_status(sub)? == SubscriptionStatus::Trialing {
        return Ok(0);
    }
    let (plan, cycle) = plan_and_cycle(tx, sub)?;
    let price = prices(&plan).get(cycle).unwrap_or(0);
    let period = Period {
        start: sub.current_period_start.and_utc(),
        end: sub.current_period_end.and_utc(),
    };
    let credit = prorate(
        price,
        period.seconds_left(ctx.now.and_utc()),
        period.seconds(),
    );
    accounts::add_credit(tx, sub.tenant(), &plan.currency, credit)?;
    Ok(credit)
}

/// Cancels now (crediting the unused time) or at the end of the period (access until then;
/// `PUT` with the same plan undoes it before the end).
pub fn cancel(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    at_period_end: bool,
) -> OpResult<SubscriptionView> {
    with_current(db, ctx, tenant_id, |tx, tenant, mut sub| {
        sub.updated_at = ctx.now;
        if at_period_end {
            if subscription_status(&sub)? == SubscriptionStatus::Paused {
                return Err(OpError::conflict(
                    ErrorCode::InvalidTransition,
                    "a paused subscription has no period to end; cancel it now",
                ));
            }
            sub.cancel_at_period_end = true;
            store::save(tx, &sub)?;
            return record(
                tx,
                ctx,
                tenant,
                &sub,
                AuditAction::SubscriptionUpdated,
                json!({ "after": { "cancel_at_period_end": true } }),
            );
        }
        let credited = if subscription_status(&sub)? == SubscriptionStatus::Paused {
            0
        } else {
            credit_unused(tx, ctx, &sub)?
        };
        sub.status = SubscriptionStatus::Canceled.as_str().to_owned();
        sub.canceled_at = Some(ctx.now);
        store::save(tx, &sub)?;
        record(
            tx,
            ctx,
            tenant,
            &sub,
            AuditAction::SubscriptionCanceled,
            json!({ "reason": "requested", "credited_minor": credited }),
        )
    })
}

/// Pauses: no invoices while paused; the unused time of the period is credited.
pub fn pause(db: &Database, ctx: &Context, tenant_id: i64) -> OpResult<SubscriptionView> {
    with_current(db, ctx, tenant_id, |tx, tenant, mut sub| {
        let status = subscription_status(&sub)?;
        if !matches!(
            status,
            SubscriptionStatus::Active | SubscriptionStatus::PastDue | SubscriptionStatus::Trialing
        ) {
            return Err(OpError::conflict(
                ErrorCode::InvalidTransition,
                format!("a {} subscription cannot be paused", status.as_str()),
            ));
        }
        let credited = credit_unused(tx, ctx, &sub)?;
        sub.status = SubscriptionStatus::Paused.as_str().to_owned();
        sub.paused_at = Some(ctx.now);
        sub.trial_end = None;
        sub.cancel_at_period_end = false;
        sub.updated_at = ctx.now;
        store::save(tx, &sub)?;
        record(
            tx,
            ctx,
            tenant,
            &sub,
            AuditAction::SubscriptionPaused,
            json!({ "credited_minor": credited }),
        )
    })
}

/// Resumes a paused subscription: a new period starts now and is invoiced at once.
pub fn resume(db: &Database, ctx: &Context, tenant_id: i64) -> OpResult<SubscriptionView> {
    with_current(db, ctx, tenant_id, |tx, tenant, mut sub| {
        if subscription_status(&sub)? != SubscriptionStatus::Paused {
            return Err(OpError::conflict(
                ErrorCode::InvalidTransition,
                "only a paused subscription can be resumed",
            ));
        }
        let (plan, cycle) = plan_and_cycle(tx, &sub)?;
        let price = prices(&plan).get(cycle).unwrap_or(0);
        let now = ctx.now.and_utc();
        let period = Period::starting(now, cycle);
        sub.status = SubscriptionStatus::Pending.as_str().to_owned();
        sub.anchor_at = ctx.now;
        sub.current_period_start = ts(period.start);
        sub.current_period_end = ts(period.end);
        sub.paused_at = None;
        sub.updated_at = ctx.now;
        store::save(tx, &sub)?;
        record(
            tx,
            ctx,
            tenant,
            &sub,
            AuditAction::SubscriptionResumed,
            json!({}),
        )?;
        let side = PlanChange {
            plan_code: &plan.code,
            plan_name: &plan.name,
            cycle,
            price,
        };
        issue(
            tx,
            ctx,
            NewInvoice {
                tenant,
                issuer: issuer_of(tenant)?,
                currency: currency(&plan.currency)?,
                lines: vec![period_line(&side, period)],
                subscription_id: Some(sub.id),
                billing_key: Some(period_key(sub.id, period.start)),
                period: Some(period),
                issued_at: ctx.now,
                action: AuditAction::InvoiceFinalized,
                status: InvoiceStatus::Open,
                number: None,
                due_at: None,
            },
        )?;
        let sub = store::find_for_update(tx, sub.id)?.ok_or_else(no_subscription)?;
        load_view(tx, tenant, &sub)
    })
}

/// Moves a subscription to `status` for `reason` (dunning, payment) and records it.
pub(crate) fn set_status(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    mut sub: SubscriptionRow,
    status: SubscriptionStatus,
    reason: &str,
) -> OpResult<()> {
    let before = sub.status.clone();
    sub.status = status.as_str().to_owned();
    sub.updated_at = ctx.now;
    if status == SubscriptionStatus::Canceled {
        sub.canceled_at = Some(ctx.now);
    }
    store::save(tx, &sub)?;
    let action = match status {
        SubscriptionStatus::PastDue => AuditAction::SubscriptionPastDue,
        SubscriptionStatus::Canceled => AuditAction::SubscriptionCanceled,
        _ => AuditAction::SubscriptionUpdated,
    };
    record(
        tx,
        ctx,
        tenant,
        &sub,
        action,
        json!({ "reason": reason, "before": { "status": before }, "after": { "status": status } }),
    )?;
    Ok(())
}

/// An invoice of subscription `id` was paid: a pending subscription becomes active (a past-due
/// one is left to dunning, which knows whether other invoices are still overdue).
pub(crate) fn invoice_paid(tx: &mut AnyConnection, ctx: &Context, id: i64) -> OpResult<()> {
    let Some(sub) = store::find_for_update(tx, id)? else {
        return Ok(());
    };
    if subscription_status(&sub)? != SubscriptionStatus::Pending {
        return Ok(());
    }
    let tenant = landlord_persistence::tenants::find(tx, sub.tenant())?
        .ok_or(OpError::NotFound("tenant"))?;
    set_status(tx, ctx, &tenant, sub, SubscriptionStatus::Active, "paid")
}
