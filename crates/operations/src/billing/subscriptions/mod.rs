//! A tenant's subscription: read it, start or change it (with proration), preview a change,
//! cancel, pause and resume. At most one current subscription per tenant; its plans come from
//! the catalogue of the tenant's parent, which also issues its invoices.

mod account;
mod lifecycle;
mod planning;

pub use lifecycle::{cancel, pause, resume};
pub(crate) use lifecycle::{invoice_paid, set_status};

use super::catalogue::{issuer_of, plan_for_subscription};
use super::issue::{NewInvoice, account_of, issue};
use super::views::{
    SubscriptionParts, currency, cycle, subscription_status, subscription_view, tax_rate,
};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::{managed, visible};
use account::AccountChanges;
use chrono::{DateTime, Utc};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::billing::{
    BillingCycle, DunningEffect, InvoiceStatus, InvoiceTotals, SubscriptionStatus,
};
use landlord_domain::money::format_amount;
use landlord_domain::wire::{
    ChangeEffect, FieldErrors, PreviewLine, PreviewSubscriptionRequest, PutSubscriptionRequest,
    SubscriptionPreview, SubscriptionView,
};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::billing::accounts;
use landlord_persistence::billing::plans::{self, PlanRow};
use landlord_persistence::billing::subscriptions::{self as store, SubscriptionRow};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Database, Timestamp, tenants};
use serde_json::json;

/// The subscription as the API shows it, read in `conn`.
pub(crate) fn load_view(
    conn: &mut AnyConnection,
    tenant: &TenantRow,
    sub: &SubscriptionRow,
) -> OpResult<SubscriptionView> {
    let plan = plans::find(conn, sub.plan_id)?.ok_or(OpError::NotFound("plan"))?;
    let scheduled = match sub.scheduled_plan_id {
        Some(id) => plans::find(conn, id)?,
        None => None,
    };
    let account = account_of(conn, tenant.tenant_id(), sub.updated_at)?;
    let credit = accounts::credit_balance(conn, tenant.tenant_id(), &plan.currency)?;
    let billing_state = tenants::find(conn, tenant.tenant_id())?
        .map_or_else(|| tenant.billing_state.clone(), |t| t.billing_state);
    subscription_view(SubscriptionParts {
        row: sub,
        plan: &plan,
        scheduled_plan: scheduled.as_ref(),
        account: &account,
        credit_balance: credit,
        billing_state: &billing_state,
    })
}

/// Records a change to the subscription in its tenant's audit log and as an event.
pub(crate) fn record(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    sub: &SubscriptionRow,
    action: AuditAction,
    details: serde_json::Value,
) -> OpResult<SubscriptionView> {
    let view = load_view(tx, tenant, sub)?;
    let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
    let mut details = details;
    if let serde_json::Value::Object(map) = &mut details {
        map.insert("subscription".into(), object.clone());
    }
    record_change(
        tx,
        ctx,
        Change::new(action, tenant.tenant_id(), tenant.tenant_path())
            .target(AuditTarget::Subscription, sub.id)
            .details(details)
            .object(object),
    )?;
    Ok(view)
}

/// The billing key of a subscription's period: the billing run's unique key (public so that
/// bulk loads of billing history key their invoices exactly as the run would).
pub fn period_key(sub: i64, start: DateTime<Utc>) -> String {
    format!("sub_{sub}_{}", start.format("%Y%m%dT%H%M%S"))
}

fn ts(at: DateTime<Utc>) -> Timestamp {
    at.naive_utc()
}

/// The tenant's current subscription.
pub fn get(db: &Database, ctx: &Context, tenant_id: i64) -> OpResult<SubscriptionView> {
    let caller = ctx.caller()?;
    caller.require(Permission::BillingRead)?;
    db.read(|conn| {
        let tenant = visible(conn, caller, tenant_id)?;
        let sub = store::current(conn, tenant.tenant_id())?.ok_or_else(no_subscription)?;
        load_view(conn, &tenant, &sub)
    })
}

fn no_subscription() -> OpError {
    OpError::NotFound("subscription")
}

/// Starts the tenant's subscription, or changes the current one's plan or cycle (an upgrade or
/// a cycle change now, with proration; a downgrade at the period's end). The same plan and
/// cycle undoes a scheduled downgrade or a cancellation at the period's end.
pub fn put(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    request: PutSubscriptionRequest,
) -> OpResult<SubscriptionView> {
    let caller = ctx.caller()?;
    caller.require(Permission::BillingManage)?;
    let changes = AccountChanges::parse(&request, ctx.now)?;
    ctx.transaction(db, |tx| {
        let tenant = managed(tx, caller, tenant_id)?;
        // A new plan changes the tenant's limits: the licence and its parent's caps apply.
        let parent = landlord_domain::TenantId(tenant.parent_id.unwrap_or(tenant.id));
        let guard = crate::capabilities::caps::guard(tx, &[parent, tenant.tenant_id()])?;
        let view = put_in(
            tx,
            ctx,
            &tenant,
            &request.plan,
            request.cycle,
            request.start_at,
            &changes,
        )?;
        guard.verify(tx)?;
        Ok(view)
    })
}

/// `put` inside a transaction, for tenant creation too.
pub(crate) fn put_in(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    plan_code: &str,
    cycle_: BillingCycle,
    start_at: Option<DateTime<Utc>>,
    changes: &AccountChanges,
) -> OpResult<SubscriptionView> {
    let issuer = issuer_of(tenant)?;
    if !changes.is_empty() {
        let mut account = account_of(tx, tenant.tenant_id(), ctx.now)?;
        changes.apply(&mut account, ctx.now);
        accounts::save(tx, &account)?;
    }
    match store::current_for_update(tx, tenant.tenant_id())? {
        None => start(tx, ctx, tenant, issuer, plan_code, cycle_, start_at),
        Some(sub) => {
            if start_at.is_some() {
                return Err(OpError::field(
                    "start_at",
                    "already_started",
                    "the tenant's subscription has started already",
                ));
            }
            change(tx, ctx, tenant, issuer, sub, plan_code, cycle_)
        }
    }
}

fn start(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    issuer: landlord_domain::TenantId,
    plan_code: &str,
    cycle_: BillingCycle,
    start_at: Option<DateTime<Utc>>,
) -> OpResult<SubscriptionView> {
    let now = ctx.now.and_utc();
    let start = start_at.unwrap_or(now);
    if start > now {
        return Err(OpError::field(
            "start_at",
            "in_future",
            "must not be in the future",
        ));
    }
    let plan = plan_for_subscription(tx, issuer, plan_code, "plan", None)?;
    let planned = planning::start(&plan, cycle_, start, now)?;
    let status = if planned.trial_end.is_some() {
        SubscriptionStatus::Trialing
    } else {
        SubscriptionStatus::Pending
    };
    let sub = store::insert(
        tx,
        &SubscriptionRow {
            id: 0,
            tenant_id: tenant.id,
            plan_id: plan.id,
            cycle: cycle_.as_str().to_owned(),
            status: status.as_str().to_owned(),
            anchor_at: ts(planned.anchor),
            current_period_start: ts(planned.period.start),
            current_period_end: ts(planned.period.end),
            trial_end: planned.trial_end.map(ts),
            cancel_at_period_end: false,
            scheduled_plan_id: None,
            scheduled_cycle: None,
            started_at: ts(start),
            paused_at: None,
            canceled_at: None,
            created_at: ctx.now,
            updated_at: ctx.now,
        },
    )?;
    record(
        tx,
        ctx,
        tenant,
        &sub,
        AuditAction::SubscriptionCreated,
        json!({}),
    )?;
    if !planned.lines.is_empty() {
        issue(
            tx,
            ctx,
            NewInvoice {
                tenant,
                issuer,
                currency: currency(&plan.currency)?,
                lines: planned.lines,
                subscription_id: Some(sub.id),
                billing_key: Some(period_key(sub.id, planned.period.start)),
                period: Some(planned.period),
                issued_at: ctx.now,
                action: AuditAction::InvoiceFinalized,
                status: InvoiceStatus::Open,
                number: None,
                due_at: None,
            },
        )?;
    }
    let sub = store::find_for_update(tx, sub.id)?.ok_or_else(no_subscription)?;
    load_view(tx, tenant, &sub)
}

fn change(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    issuer: landlord_domain::TenantId,
    mut sub: SubscriptionRow,
    plan_code: &str,
    cycle_: BillingCycle,
) -> OpResult<SubscriptionView> {
    let status = subscription_status(&sub)?;
    if status == SubscriptionStatus::Paused {
        return Err(OpError::conflict(
            ErrorCode::InvalidTransition,
            "the subscription is paused; resume it first",
        ));
    }
    let current = plans::find(tx, sub.plan_id)?.ok_or(OpError::NotFound("plan"))?;
    let plan = plan_for_subscription(tx, issuer, plan_code, "plan", Some(sub.plan_id))?;
    if plan.currency != current.currency {
        return Err(OpError::Unprocessable {
            code: ErrorCode::CurrencyMismatch,
            detail: format!(
                "the subscription is billed in {}; plan {:?} is in {}",
                current.currency, plan.code, plan.currency
            ),
            errors: vec![landlord_domain::wire::FieldError::new(
                "plan",
                "currency_mismatch",
                "is in another currency",
            )],
        });
    }
    let now = ctx.now.and_utc();
    let planned = planning::change(&sub, &current, &plan, cycle_, now)?;
    if planned.effect != ChangeEffect::None
        && super::dunning::current_effect(tx, tenant)?
            .is_some_and(|e| e.includes(DunningEffect::Restrict))
    {
        return Err(OpError::conflict(
            ErrorCode::BillingRestricted,
            "plan changes are blocked while the tenant has overdue invoices; pay them first",
        ));
    }
    let before = json!({ "plan": current.code, "cycle": sub.cycle });
    let after = json!({ "plan": plan.code, "cycle": cycle_ });
    sub.updated_at = ctx.now;
    let action = match planned.effect {
        ChangeEffect::None | ChangeEffect::New => {
            let undo = sub.cancel_at_period_end || sub.scheduled_plan_id.is_some();
            sub.cancel_at_period_end = false;
            sub.scheduled_plan_id = None;
            sub.scheduled_cycle = None;
            store::save(tx, &sub)?;
            if !undo {
                return load_view(tx, tenant, &sub);
            }
            AuditAction::SubscriptionUpdated
        }
        ChangeEffect::Downgrade if status != SubscriptionStatus::Trialing => {
            sub.scheduled_plan_id = Some(plan.id);
            sub.scheduled_cycle = Some(cycle_.as_str().to_owned());
            sub.cancel_at_period_end = false;
            store::save(tx, &sub)?;
            AuditAction::SubscriptionChangeScheduled
        }
        _ => {
            sub.plan_id = plan.id;
            sub.cycle = cycle_.as_str().to_owned();
            sub.scheduled_plan_id = None;
            sub.scheduled_cycle = None;
            sub.cancel_at_period_end = false;
            if status != SubscriptionStatus::Trialing {
                sub.anchor_at = ts(planned.anchor);
                sub.current_period_start = ts(planned.period.start);
                sub.current_period_end = ts(planned.period.end);
            }
            store::save(tx, &sub)?;
            AuditAction::SubscriptionUpdated
        }
    };
    record(
        tx,
        ctx,
        tenant,
        &sub,
        action,
        json!({ "before": before, "after": after, "change": planned.effect, "applies_at": planned.applies_at }),
    )?;
    if !planned.lines.is_empty() {
        let key = (planned.effect == ChangeEffect::CycleChange)
            .then(|| period_key(sub.id, planned.period.start));
        issue(
            tx,
            ctx,
            NewInvoice {
                tenant,
                issuer,
                currency: currency(&plan.currency)?,
                lines: planned.lines,
                subscription_id: Some(sub.id),
                billing_key: key,
                period: Some(landlord_domain::billing::Period {
                    start: now,
                    end: planned.period.end,
                }),
                issued_at: ctx.now,
                action: AuditAction::InvoiceFinalized,
                status: InvoiceStatus::Open,
                number: None,
                due_at: None,
            },
        )?;
    }
    let sub = store::find_for_update(tx, sub.id)?.ok_or_else(no_subscription)?;
    load_view(tx, tenant, &sub)
}

/// The invoice a start or change would produce if made at `at`, without changing anything.
pub fn preview(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    request: PreviewSubscriptionRequest,
) -> OpResult<SubscriptionPreview> {
    let caller = ctx.caller()?;
    caller.require(Permission::BillingRead)?;
    let now = ctx.now.and_utc();
    let at = request.at.unwrap_or(now);
    db.read(|conn| {
        let tenant = visible(conn, caller, tenant_id)?;
        let issuer = issuer_of(&tenant)?;
        let current = store::current(conn, tenant.tenant_id())?;
        let current_plan = match &current {
            Some(sub) => plans::find(conn, sub.plan_id)?,
            None => None,
        };
        let plan = plan_for_subscription(
            conn,
            issuer,
            &request.plan,
            "plan",
            current.as_ref().map(|s| s.plan_id),
        )?;
        let planned = match (&current, &current_plan) {
            (Some(sub), Some(current_plan)) => {
                if at < sub.started_at.and_utc() {
                    return Err(OpError::field(
                        "at",
                        "before_start",
                        "must not be before the subscription started",
                    ));
                }
                if current_plan.currency != plan.currency {
                    return Err(OpError::field(
                        "plan",
                        "currency_mismatch",
                        "is in another currency",
                    ));
                }
                planning::change(sub, current_plan, &plan, request.cycle, at)?
            }
            _ => planning::start(&plan, request.cycle, at, at)?,
        };
        let currency = currency(&plan.currency)?;
        let account = account_of(conn, tenant.tenant_id(), ctx.now)?;
        let balance = accounts::credit_balance(conn, tenant.tenant_id(), currency.code())?;
        let totals = InvoiceTotals::compute(&planned.lines, tax_rate(account.tax_rate_bp), balance);
        let money = |m: i64| format_amount(m, currency);
        Ok(SubscriptionPreview {
            change: planned.effect,
            applies_at: planned.applies_at,
            currency,
            lines: planned
                .lines
                .iter()
                .map(|l| PreviewLine::from_line(l, currency))
                .collect(),
            subtotal: money(totals.subtotal),
            tax: money(totals.tax),
            total: money(totals.total),
            credit_applied: money(totals.credit_applied),
            amount_due: money(totals.amount_due),
            credit_balance_after: money(if planned.lines.is_empty() {
                balance
            } else {
                totals.credit_balance_after
            }),
        })
    })
}

/// Parses the subscription fields of a tenant creation (`plan`, `cycle`, `payment_method`).
pub(crate) fn parse_for_creation(
    request: &PutSubscriptionRequest,
    now: Timestamp,
) -> Result<AccountChanges, FieldErrors> {
    AccountChanges::parse(request, now)
}

/// Starts the new tenant's subscription inside its creation's transaction.
pub(crate) fn start_for_new_tenant(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    request: &PutSubscriptionRequest,
    changes: &AccountChanges,
) -> OpResult<SubscriptionView> {
    put_in(
        tx,
        ctx,
        tenant,
        &request.plan,
        request.cycle,
        request.start_at,
        changes,
    )
}

/// The plan and cycle a subscription row is on (for the run).
pub(crate) fn plan_and_cycle(
    conn: &mut AnyConnection,
    sub: &SubscriptionRow,
) -> OpResult<(PlanRow, BillingCycle)> {
    let plan = plans::find(conn, sub.plan_id)?.ok_or(OpError::NotFound("plan"))?;
    Ok((plan, cycle(&sub.cycle)?))
}
