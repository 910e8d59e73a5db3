//! Where a subscription stands at the seed's now beyond its invoices: dunning's marks (past
//! due, each policy step reached, the tenant suspended) and how it stopped billing (paused,
//! canceled at once, at the period's end, or by dunning), with the credit a pause or an
//! immediate cancellation gives back.

use super::Loader;
use super::history::{TenantLog, status_moved};
use super::lifecycle::{Ending, TenantBilling};
use chrono::{Duration, NaiveDateTime};
use landlord_domain::TenantStatus;
use landlord_domain::audit::AuditAction;
use landlord_domain::billing::{DunningEffect, SubscriptionStatus, prorate};
use landlord_domain::money::Currency;
use landlord_domain::tenant::StatusReason;
use landlord_persistence::billing::subscriptions::SubscriptionRow;
use landlord_persistence::bulk::SeedTenantRow;
use landlord_persistence::bulk::billing::NewCreditRow;
use serde_json::json;

type Timestamp = NaiveDateTime;

impl Loader {
    /// Dunning's marks: the subscription past due, each policy step reached, the tenant
    /// suspended when a step suspends.
    pub(super) fn overdue(
        &mut self,
        billing: &TenantBilling,
        tenant: &mut SeedTenantRow,
        sub: &mut SubscriptionRow,
        oldest: Option<i64>,
        log: &mut TenantLog,
    ) {
        let (Some(overdue), Some(invoice)) = (&billing.overdue, oldest) else {
            return;
        };
        let before = if overdue.first_unpaid > 0 {
            SubscriptionStatus::Active
        } else {
            SubscriptionStatus::Pending
        };
        // The first hourly run after the due date finds it overdue.
        let past_due_at = overdue.due + Duration::hours(1);
        sub.status = SubscriptionStatus::PastDue.as_str().into();
        sub.updated_at = past_due_at;
        let plan_code = self.catalogue.rows[billing.plan].code.clone();
        log.subscription(
            past_due_at,
            false,
            AuditAction::SubscriptionPastDue,
            sub,
            &plan_code,
            status_moved("dunning", before, SubscriptionStatus::PastDue),
        );
        let mut state = "ok".to_owned();
        for (step, at) in &overdue.steps {
            let step = &self.policy.steps[*step];
            log.dunning_state(*at, &state, &step.name, i64::from(step.after_days), invoice);
            state = step.name.clone();
            if step.effect.includes(DunningEffect::Suspend)
                && tenant.status == TenantStatus::Active.as_str()
            {
                tenant.status = TenantStatus::Suspended.as_str().into();
                tenant.status_reason = Some(StatusReason::Dunning.as_str().into());
                tenant.updated_at = *at;
                log.suspended_by_dunning(*at);
            }
        }
        tenant.billing_state = state;
    }

    /// How the subscription stopped billing, if it did.
    pub(super) fn ending(
        &mut self,
        billing: &TenantBilling,
        tenant: &SeedTenantRow,
        sub: &mut SubscriptionRow,
        currency: Currency,
        plan_code: &str,
        log: &mut TenantLog,
    ) {
        let Some(ending) = billing.ending else {
            return;
        };
        // Pausing or cancelling at once credits the unused time of a charged period.
        let credit_unused = |at: Timestamp| {
            billing.periods.last().map_or(0, |period| {
                prorate(
                    billing.price,
                    period.seconds_left(at.and_utc()),
                    period.seconds(),
                )
            })
        };
        let credit = |loader: &mut Self, amount: i64| {
            if amount > 0 {
                loader.out.credits.push(NewCreditRow {
                    tenant_id: tenant.id,
                    currency: currency.code().into(),
                    balance_minor: amount,
                });
            }
        };
        let status_now = billing.status(self.now);
        match ending {
            Ending::Paused(at) => {
                let credited = credit_unused(at);
                credit(self, credited);
                sub.status = SubscriptionStatus::Paused.as_str().into();
                sub.paused_at = Some(at);
                sub.trial_end = None;
                sub.updated_at = at;
                log.subscription(
                    at,
                    true,
                    AuditAction::SubscriptionPaused,
                    sub,
                    plan_code,
                    json!({ "credited_minor": credited }),
                );
            }
            Ending::CanceledNow(at) => {
                let credited = if billing.periods.is_empty() {
                    0
                } else {
                    credit_unused(at)
                };
                credit(self, credited);
                sub.status = SubscriptionStatus::Canceled.as_str().into();
                sub.canceled_at = Some(at);
                sub.updated_at = at;
                log.subscription(
                    at,
                    true,
                    AuditAction::SubscriptionCanceled,
                    sub,
                    plan_code,
                    json!({ "reason": "requested", "credited_minor": credited }),
                );
            }
            Ending::AtPeriodEnd { requested, at } => {
                sub.cancel_at_period_end = true;
                sub.updated_at = requested;
                log.subscription(
                    requested,
                    true,
                    AuditAction::SubscriptionUpdated,
                    sub,
                    plan_code,
                    json!({ "after": { "cancel_at_period_end": true } }),
                );
                if status_now == SubscriptionStatus::Canceled {
                    let before = SubscriptionStatus::parse(&sub.status)
                        .unwrap_or(SubscriptionStatus::Active);
                    sub.status = SubscriptionStatus::Canceled.as_str().into();
                    sub.canceled_at = Some(at);
                    sub.updated_at = at;
                    log.subscription(
                        at,
                        false,
                        AuditAction::SubscriptionCanceled,
                        sub,
                        plan_code,
                        status_moved(
                            "canceled at period end",
                            before,
                            SubscriptionStatus::Canceled,
                        ),
                    );
                }
            }
            Ending::Dunning(at) => {
                sub.status = SubscriptionStatus::Canceled.as_str().into();
                sub.canceled_at = Some(at);
                sub.updated_at = at;
                log.subscription(
                    at,
                    false,
                    AuditAction::SubscriptionCanceled,
                    sub,
                    plan_code,
                    status_moved(
                        "dunning",
                        SubscriptionStatus::PastDue,
                        SubscriptionStatus::Canceled,
                    ),
                );
            }
        }
    }
}
