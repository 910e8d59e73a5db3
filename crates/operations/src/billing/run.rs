//! The billing run: as of a moment, it renews every subscription whose period (or trial) has
//! ended — applying scheduled downgrades and cancellations at the period's end and billing the
//! next period in advance — then retries due card collections, then moves tenants through
//! dunning. Each subscription, collection and tenant is its own transaction with its rows
//! locked, and each period has a unique billing key, so re-running it, or running it in two
//! processes at once, never bills a period twice.

use super::catalogue::issuer_of;
use super::issue::{NewInvoice, issue};
use super::subscriptions::{period_key, plan_and_cycle, record, set_status};
use super::views::{currency, prices, subscription_status};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::audit::AuditAction;
use landlord_domain::billing::change::period_line;
use landlord_domain::billing::{
    InvoiceStatus, Period, PlanChange, SubscriptionStatus, check_run_date,
};
use landlord_domain::wire::BillingRunView;
use landlord_domain::{ErrorCode, TenantId};
use landlord_persistence::billing::runs::{self, BillingRunRow, RunCounts};
use landlord_persistence::billing::subscriptions as subs;
use landlord_persistence::{AnyConnection, Database, Timestamp, invoices, tenants};
use serde_json::json;

/// Who asked for a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Schedule,
    Api,
    Cli,
}

impl Trigger {
    fn as_str(self) -> &'static str {
        match self {
            Self::Schedule => "schedule",
            Self::Api => "api",
            Self::Cli => "cli",
        }
    }
}

/// How many subscriptions a batch of the run reads at once.
const BATCH: i64 = 500;
/// A subscription catches up at most this many periods in one run (ten years of months).
const MAX_PERIODS: i64 = 120;

/// `POST /billing/runs`: the management tenant runs billing as of `at` (default now).
pub fn run_requested(
    db: &Database,
    ctx: &Context,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> OpResult<BillingRunView> {
    let caller = ctx.caller()?;
    caller.require(landlord_domain::Permission::BillingManage)?;
    if !caller.is_management() {
        return Err(OpError::forbidden(
            ErrorCode::ManagementOnly,
            "only the management tenant runs billing",
        ));
    }
    run(db, ctx, at.map_or(ctx.now, |t| t.naive_utc()), Trigger::Api)
}

/// Runs billing, collection retries and dunning as of `at`.
pub fn run(
    db: &Database,
    ctx: &Context,
    at: Timestamp,
    trigger: Trigger,
) -> OpResult<BillingRunView> {
    check_run_date(at, ctx.now).map_err(|e| OpError::field("at", "too_far_ahead", e))?;
    // The run's own steps are stamped with the moment billed as of; the request's
    // Idempotency-Key, if any, is committed with the run's record at the end.
    let step = Context {
        now: at,
        idempotency_claim: None,
        ..ctx.clone()
    };
    let id = db.write(|tx| Ok::<_, OpError>(runs::start(tx, at, trigger.as_str(), ctx.now)?))?;
    // The last two days' microservice usage is settled into the daily rollups first.
    crate::applications::usage::refresh(db, at, 2)?;
    let mut counts = RunCounts::default();

    let mut after = 0;
    loop {
        let due = db.read(|conn| subs::due_ids(conn, at, after, BATCH))?;
        let Some(last) = due.last().copied() else {
            break;
        };
        for sub in due {
            let (periods, invoices) = step.transaction(db, |tx| renew(tx, &step, sub, at))?;
            counts.periods_billed += periods;
            counts.invoices_created += invoices;
        }
        after = last;
    }

    // Each due collection is tried once per run (its next retry is then in the future).
    let mut after = 0;
    loop {
        let due = db.read(|conn| invoices::collection_due(conn, at, after, BATCH))?;
        let Some(last) = due.last().copied() else {
            break;
        };
        for invoice in due {
            counts.collections_attempted +=
                step.transaction(db, |tx| retry_collection(tx, &step, invoice, at))?;
        }
        after = last;
    }

    let candidates = db.read(|conn| invoices::dunning_candidates(conn, at))?;
    for tenant in candidates {
        counts.dunning_transitions += step.transaction(db, |tx| {
            super::dunning::reevaluate(tx, &step, TenantId(tenant))
        })?;
    }

    let row = ctx.transaction(db, |tx| Ok(runs::finish(tx, id, counts, ctx.now)?))?;
    Ok(run_view(&row))
}

fn run_view(row: &BillingRunRow) -> BillingRunView {
    BillingRunView {
        id: row.id,
        at: row.as_of.and_utc(),
        triggered_by: row.triggered_by.clone(),
        started_at: row.started_at.and_utc(),
        finished_at: row.finished_at.map(|t| t.and_utc()),
        periods_billed: row.periods_billed,
        invoices_created: row.invoices_created,
        collections_attempted: row.collections_attempted,
        dunning_transitions: row.dunning_transitions,
    }
}

/// The latest billing runs.
pub fn recent(db: &Database, ctx: &Context) -> OpResult<Vec<BillingRunView>> {
    let caller = ctx.caller()?;
    caller.require(landlord_domain::Permission::BillingRead)?;
    if !caller.is_management() {
        return Err(OpError::forbidden(
            ErrorCode::ManagementOnly,
            "only the management tenant runs billing",
        ));
    }
    Ok(db
        .read(|conn| runs::recent(conn, 20))?
        .iter()
        .map(run_view)
        .collect())
}

/// Brings one subscription up to `at`, locked: a trial that ended starts the first paid
/// period; each period that ended applies a scheduled change or cancellation and bills the
/// next one. Answers (periods moved on, invoices issued).
fn renew(tx: &mut AnyConnection, ctx: &Context, id: i64, at: Timestamp) -> OpResult<(i64, i64)> {
    let (mut periods, mut issued) = (0, 0);
    while periods < MAX_PERIODS {
        let Some(mut sub) = subs::find_for_update(tx, id)? else {
            break;
        };
        let status = subscription_status(&sub)?;
        let tenant = tenants::find(tx, sub.tenant())?.ok_or(OpError::NotFound("tenant"))?;
        let trial_over =
            status == SubscriptionStatus::Trialing && sub.trial_end.is_some_and(|t| t <= at);
        let period_over = matches!(
            status,
            SubscriptionStatus::Active | SubscriptionStatus::PastDue | SubscriptionStatus::Pending
        ) && sub.current_period_end <= at;
        if !trial_over && !period_over {
            break;
        }
        let ended = if trial_over {
            sub.trial_end.unwrap_or(sub.current_period_end)
        } else {
            sub.current_period_end
        };
        // A paid period that ended is billed its microservice usage in arrears, on the
        // prices of the plan it was on (a trial's usage is not billed).
        let arrears = if period_over {
            let (ended_plan, _) = plan_and_cycle(tx, &sub)?;
            let ended_period = Period {
                start: sub.current_period_start.and_utc(),
                end: ended.and_utc(),
            };
            let currency = currency(&ended_plan.currency)?;
            let lines = super::microservices::lines(
                tx,
                tenant.id,
                &ended_plan,
                currency,
                ended_period,
                at,
            )?;
            Some((currency, lines))
        } else {
            None
        };
        if period_over && sub.cancel_at_period_end {
            sub.canceled_at = Some(ended);
            set_status(
                tx,
                ctx,
                &tenant,
                sub,
                SubscriptionStatus::Canceled,
                "canceled at period end",
            )?;
            periods += 1;
            break;
        }
        let mut details = json!({});
        if let (Some(plan), Some(cycle)) = (sub.scheduled_plan_id, sub.scheduled_cycle.clone()) {
            details = json!({ "scheduled_change_applied": { "plan_id": plan, "cycle": cycle } });
            if cycle != sub.cycle {
                sub.anchor_at = ended;
            }
            sub.plan_id = plan;
            sub.cycle = cycle;
            sub.scheduled_plan_id = None;
            sub.scheduled_cycle = None;
        }
        if trial_over {
            sub.anchor_at = ended;
            sub.trial_end = None;
            sub.status = SubscriptionStatus::Pending.as_str().to_owned();
            details["trial_ended"] = json!(true);
        }
        let (plan, cycle) = plan_and_cycle(tx, &sub)?;
        let invoice_currency = currency(&plan.currency)?;
        let arrears = match arrears {
            Some((c, lines)) if c == invoice_currency => lines,
            Some((c, _)) => {
                tracing::warn!(subscription = id, ended = %c, next = %invoice_currency, "the plan changed currency; the ended period's microservice usage is not billed");
                Vec::new()
            }
            None => Vec::new(),
        };
        let Some(price) = prices(&plan).get(cycle) else {
            tracing::warn!(subscription = id, plan = %plan.code, "the plan has no price for the subscription's cycle any more; not renewed");
            break;
        };
        let period = Period::containing(sub.anchor_at.and_utc(), cycle, ended.and_utc());
        sub.current_period_start = period.start.naive_utc();
        sub.current_period_end = period.end.naive_utc();
        sub.updated_at = ctx.now;
        subs::save(tx, &sub)?;
        record(
            tx,
            ctx,
            &tenant,
            &sub,
            AuditAction::SubscriptionRenewed,
            details,
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
                tenant: &tenant,
                issuer: issuer_of(&tenant)?,
                currency: invoice_currency,
                lines: std::iter::once(period_line(&side, period))
                    .chain(arrears)
                    .collect(),
                subscription_id: Some(sub.id),
                billing_key: Some(period_key(sub.id, period.start)),
                period: Some(period),
                issued_at: period.start.naive_utc(),
                action: AuditAction::InvoiceFinalized,
                status: InvoiceStatus::Open,
                number: None,
                due_at: None,
            },
        )?;
        periods += 1;
        issued += 1;
    }
    Ok((periods, issued))
}

/// Retries the card on an open invoice whose next collection is due; answers 1 if it tried.
fn retry_collection(
    tx: &mut AnyConnection,
    ctx: &Context,
    id: i64,
    at: Timestamp,
) -> OpResult<i64> {
    let Some(row) = invoices::find_for_update(tx, id)? else {
        return Ok(0);
    };
    let due = row.status == InvoiceStatus::Open.as_str()
        && row.next_collection_at.is_some_and(|t| t <= at);
    if !due {
        return Ok(0);
    }
    super::collection::attempt(tx, ctx, row)?;
    Ok(1)
}
