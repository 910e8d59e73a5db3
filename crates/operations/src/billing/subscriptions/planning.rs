//! What a start or a change would do, computed from stored rows without writing anything:
//! shared by `put` (which then applies it) and `preview` (which only answers it).

use super::super::views::{cycle, prices, subscription_status};
use crate::error::{OpError, OpResult};
use chrono::{DateTime, Duration, Utc};
use landlord_domain::ErrorCode;
use landlord_domain::billing::change::{change_lines, period_line};
use landlord_domain::billing::{
    BillingCycle, ChangeKind, InvoiceLine, Period, PlanChange, SubscriptionStatus, classify_change,
};
use landlord_domain::wire::ChangeEffect;
use landlord_persistence::billing::plans::PlanRow;
use landlord_persistence::billing::subscriptions::SubscriptionRow;

/// The outcome of a planned start or change.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub effect: ChangeEffect,
    pub applies_at: DateTime<Utc>,
    pub lines: Vec<InvoiceLine>,
    /// The subscription's period after the change (a new one for a start or a cycle change).
    pub period: Period,
    /// The period's anchor after the change.
    pub anchor: DateTime<Utc>,
    /// A trial that starts (for a start on a plan with trial days).
    pub trial_end: Option<DateTime<Utc>>,
}

pub(crate) fn side<'a>(plan: &'a PlanRow, cycle: BillingCycle) -> OpResult<PlanChange<'a>> {
    let price = prices(plan)
        .get(cycle)
        .ok_or_else(|| OpError::Unprocessable {
            code: ErrorCode::CycleNotOffered,
            detail: format!("plan {:?} has no {} price", plan.code, cycle.as_str()),
            errors: vec![landlord_domain::wire::FieldError::new(
                "cycle",
                "cycle_not_offered",
                "the plan has no price for this cycle",
            )],
        })?;
    Ok(PlanChange {
        plan_code: &plan.code,
        plan_name: &plan.name,
        cycle,
        price,
    })
}

/// A new subscription on `plan` starting at `start`, looked at from `now`: a trial first if
/// the plan has one that has not ended by now; otherwise the period containing now is billed
/// in advance (earlier periods of a backdated start count as settled elsewhere).
pub(crate) fn start(
    plan: &PlanRow,
    cycle: BillingCycle,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> OpResult<Planned> {
    let to = side(plan, cycle)?;
    let trial_end = plan
        .trial_days
        .filter(|d| *d > 0)
        .map(|d| start + Duration::days(i64::from(d)));
    if let Some(trial_end) = trial_end.filter(|end| *end > now) {
        return Ok(Planned {
            effect: ChangeEffect::New,
            applies_at: start,
            lines: Vec::new(),
            period: Period {
                start,
                end: trial_end,
            },
            anchor: start,
            trial_end: Some(trial_end),
        });
    }
    let anchor = trial_end.unwrap_or(start);
    let period = Period::containing(anchor, cycle, now.max(anchor));
    Ok(Planned {
        effect: ChangeEffect::New,
        applies_at: start,
        lines: vec![period_line(&to, period)],
        period,
        anchor,
        trial_end: None,
    })
}

/// A change of `sub` (on `current`) to `plan` on `cycle`, made at `at`: computed in the period
/// containing `at`.
pub(crate) fn change(
    sub: &SubscriptionRow,
    current: &PlanRow,
    plan: &PlanRow,
    new_cycle: BillingCycle,
    at: DateTime<Utc>,
) -> OpResult<Planned> {
    let old_cycle = cycle(&sub.cycle)?;
    let from = side(current, old_cycle)?;
    let to = side(plan, new_cycle)?;
    let trialing = subscription_status(sub)? == SubscriptionStatus::Trialing;
    let anchor = sub.anchor_at.and_utc();
    let period = if trialing {
        Period {
            start: sub.current_period_start.and_utc(),
            end: sub.current_period_end.and_utc(),
        }
    } else {
        Period::containing(anchor, old_cycle, at)
    };
    let kind = classify_change(&from, &to);
    let lines = change_lines(&from, &to, period, at, trialing);
    let same = |effect, applies_at| Planned {
        effect,
        applies_at,
        lines: lines.clone(),
        period,
        anchor,
        trial_end: None,
    };
    Ok(match kind {
        ChangeKind::None => same(ChangeEffect::None, at),
        ChangeKind::Downgrade if !trialing => Planned {
            lines: Vec::new(),
            ..same(ChangeEffect::Downgrade, period.end)
        },
        ChangeKind::Downgrade | ChangeKind::Upgrade => same(
            if kind == ChangeKind::Upgrade {
                ChangeEffect::Upgrade
            } else {
                ChangeEffect::Downgrade
            },
            at,
        ),
        ChangeKind::CycleChange if trialing => same(ChangeEffect::CycleChange, at),
        ChangeKind::CycleChange => Planned {
            period: Period::starting(at, new_cycle),
            anchor: at,
            ..same(ChangeEffect::CycleChange, at)
        },
    })
}
