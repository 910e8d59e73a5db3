//! One seeded customer's subscription, decided from its skeleton: which plan, cycle and payment
//! method, which periods were billed up to now and when each invoice was paid, and how it
//! ended (paused, canceled) or fell into dunning. Only decisions here; `rows` writes them.
//!
//! It follows what the operations would have done had the billing run run at every period's
//! end: each period is billed at its start (in advance); a card is charged at once; a transfer
//! arrives within the payment terms; a paused or canceled subscription bills no more periods;
//! an unpaid invoice moves the tenant through the dunning policy's steps, each reached
//! `after_days` after its due date (suspension and cancellation included).

use super::catalogue::{Catalogue, plan_index};
use crate::seed::skeleton::Skeleton;
use chrono::{Datelike, Duration, NaiveDateTime};
use landlord_domain::TenantStatus;
use landlord_domain::billing::{
    BillingCycle, CardBrand, DunningEffect, DunningPolicy, Period, PlanStatus, SubscriptionStatus,
};
use rand::Rng;
use rand::rngs::StdRng;

type Timestamp = NaiveDateTime;

/// Sandbox test cards that always succeed: brand and last four digits (the token is
/// `sandbox_ok_<last4>`, as `SandboxProvider::tokenize` makes it for these numbers).
const CARDS: [(CardBrand, &str); 5] = [
    (CardBrand::Visa, "4242"),       // 4242 4242 4242 4242
    (CardBrand::Visa, "5556"),       // 4000 0566 5566 5556
    (CardBrand::Mastercard, "4444"), // 5555 5555 5555 4444
    (CardBrand::Mastercard, "8210"), // 5200 8282 8282 8210
    (CardBrand::Amex, "0005"),       // 3782 822463 10005
];

#[derive(Debug, Clone, Copy)]
pub(crate) struct SeedCard {
    pub brand: CardBrand,
    pub last4: &'static str,
    pub exp_month: u32,
    pub exp_year: i32,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Payer {
    Card(SeedCard),
    Transfer { terms_days: i64 },
}

impl Payer {
    /// When an invoice issued at `issued` is due: at once for a card, after the terms otherwise.
    pub fn due(&self, issued: Timestamp) -> Timestamp {
        match self {
            Self::Card(_) => issued,
            Self::Transfer { terms_days } => issued + Duration::days(*terms_days),
        }
    }
}

/// How a subscription stopped billing.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ending {
    /// Paused when an operator suspended the tenant.
    Paused(Timestamp),
    /// Canceled at once when an operator deactivated the tenant.
    CanceledNow(Timestamp),
    /// Cancellation requested, effective at the end of that period (after now: still current).
    AtPeriodEnd { requested: Timestamp, at: Timestamp },
    /// Canceled by the dunning policy's cancelling step.
    Dunning(Timestamp),
}

impl Ending {
    /// No period starting at or after this moment is billed.
    fn stops_billing_at(self) -> Timestamp {
        match self {
            Self::Paused(t) | Self::CanceledNow(t) | Self::Dunning(t) => t,
            Self::AtPeriodEnd { at, .. } => at,
        }
    }
}

/// A customer in dunning: invoices from `first_unpaid` on are unpaid, the oldest due at `due`.
#[derive(Debug, Clone)]
pub(crate) struct Overdue {
    pub first_unpaid: usize,
    pub due: Timestamp,
    /// The policy's steps reached by now (their indexes), each with when it was reached.
    pub steps: Vec<(usize, Timestamp)>,
}

#[derive(Debug, Clone)]
pub(crate) struct TenantBilling {
    /// Index into the catalogue.
    pub plan: usize,
    pub cycle: BillingCycle,
    pub price: i64,
    pub payer: Payer,
    pub tax_bp: Option<i32>,
    pub started_at: Timestamp,
    pub trial_end: Option<Timestamp>,
    pub anchor: Timestamp,
    /// The periods billed, oldest first; the last one contains now unless billing stopped.
    pub periods: Vec<Period>,
    /// When each period's invoice was paid; `None` while it is open.
    pub paid_at: Vec<Option<Timestamp>>,
    pub ending: Option<Ending>,
    pub overdue: Option<Overdue>,
}

/// The flat tax rate charged to customers in `country`, in basis points (none outside Europe).
fn tax_rate_bp(country: &str) -> Option<i32> {
    Some(match country {
        "DE" => 1_900,
        "FR" | "GB" => 2_000,
        "NL" | "ES" => 2_100,
        "IT" => 2_200,
        "SE" | "NO" | "DK" => 2_500,
        "CH" => 810,
        _ => return None,
    })
}

fn at(period_boundary: chrono::DateTime<chrono::Utc>) -> Timestamp {
    period_boundary.naive_utc()
}

/// How many customers fall behind on payments for sure (so that even a small demo shows
/// dunning) before the share of `BEHIND_PERCENT` applies.
pub(crate) const SURELY_BEHIND: u32 = 3;
/// The share of the customers who could be in dunning (monthly, current, billed) who are.
const BEHIND_PERCENT: f64 = 0.05;

/// Decides the billing of the customer of `skeleton` as of `now`, or `None` if it never
/// subscribed. Draws from `rng` only, and counts down `surely_behind` as customers fall behind,
/// so the same stream and count give the same decisions twice.
pub(crate) fn decide(
    rng: &mut StdRng,
    skeleton: &Skeleton,
    catalogue: &Catalogue,
    policy: &DunningPolicy,
    now: Timestamp,
    surely_behind: &mut u32,
) -> Option<TenantBilling> {
    let subscribes = rng.gen_range(0..100)
        < match skeleton.status {
            TenantStatus::Active => 92,
            TenantStatus::Suspended => 90,
            _ => 80,
        };
    if !subscribes {
        return None;
    }
    let tier = match rng.gen_range(0..100) {
        0..50 => 0,
        50..85 => 1,
        _ => 2,
    };
    let plan = plan_index(tier, skeleton.currency());
    let row = catalogue.rows.get(plan)?;
    let yearly = rng.gen_bool(0.25);
    let (cycle, price) = match (yearly, row.monthly_minor, row.yearly_minor) {
        (true, _, Some(price)) | (false, None, Some(price)) => (BillingCycle::Yearly, price),
        (_, Some(price), _) => (BillingCycle::Monthly, price),
        _ => return None,
    };
    if row.status != PlanStatus::Active.as_str() {
        return None;
    }
    let mut payer = if rng.gen_bool(0.65) {
        let (brand, last4) = CARDS[rng.gen_range(0..CARDS.len())];
        Payer::Card(SeedCard {
            brand,
            last4,
            exp_month: rng.gen_range(1..=12),
            exp_year: now.year() + rng.gen_range(1..=4),
        })
    } else {
        Payer::Transfer {
            terms_days: if rng.gen_bool(0.7) { 14 } else { 30 },
        }
    };
    let started_at = skeleton.created_at;
    let trial_end = row
        .trial_days
        .filter(|d| *d > 0)
        .map(|d| started_at + Duration::days(i64::from(d)));
    let anchor = trial_end.unwrap_or(started_at);
    let cancels = rng.gen_bool(0.05);
    let cancel_point: f64 = rng.gen_range(0.0..1.0);
    let falls_behind = rng.gen_bool(BEHIND_PERCENT);

    let mut ending = match skeleton.status {
        TenantStatus::Suspended => skeleton.status_changed_at.map(Ending::Paused),
        TenantStatus::Inactive => skeleton.status_changed_at.map(Ending::CanceledNow),
        _ if cancels && anchor < now => {
            let lived = (now - anchor).num_seconds() as f64;
            let requested = anchor + Duration::seconds((lived * cancel_point) as i64);
            let period = Period::containing(anchor.and_utc(), cycle, requested.and_utc());
            Some(Ending::AtPeriodEnd {
                requested,
                at: at(period.end),
            })
        }
        _ => None,
    };
    let stop = ending.map(Ending::stops_billing_at);
    let mut periods = Vec::new();
    for k in 0.. {
        let period = Period::nth(anchor.and_utc(), cycle, k);
        if at(period.start) > now || stop.is_some_and(|s| at(period.start) >= s) {
            break;
        }
        periods.push(period);
    }
    let mut paid_at: Vec<Option<Timestamp>> = periods
        .iter()
        .map(|period| {
            let issued = at(period.start);
            let paid = match payer {
                Payer::Card(_) => issued,
                Payer::Transfer { terms_days } => {
                    issued + Duration::minutes(rng.gen_range(60..terms_days * 24 * 60))
                }
            };
            (paid <= now).then_some(paid)
        })
        .collect();

    let mut overdue = None;
    // The newest invoice due at least a day ago may stay unpaid, with every later one (a card
    // must have paid one before: it expired since).
    let oldest_unpaid = (0..periods.len())
        .rev()
        .find(|&i| payer.due(at(periods[i].start)) <= now - Duration::days(1))
        .filter(|_| ending.is_none() && cycle == BillingCycle::Monthly)
        .filter(|&j| j > 0 || matches!(payer, Payer::Transfer { .. }))
        .filter(|&j| (now - payer.due(at(periods[j].start))).num_days() <= 40);
    if let Some(j) = oldest_unpaid {
        let surely = *surely_behind > 0;
        *surely_behind = surely_behind.saturating_sub(1);
        let due = payer.due(at(periods[j].start));
        let days = (now - due).num_days();
        if surely || falls_behind {
            for paid in &mut paid_at[j..] {
                *paid = None;
            }
            let steps: Vec<(usize, Timestamp)> = policy
                .steps
                .iter()
                .enumerate()
                .filter(|(_, step)| i64::from(step.after_days) <= days)
                .map(|(i, step)| (i, due + Duration::days(i64::from(step.after_days))))
                .collect();
            let canceled = steps
                .iter()
                .find(|(i, _)| policy.steps[*i].effect.includes(DunningEffect::Cancel))
                .map(|(_, t)| *t);
            if let Some(canceled) = canceled {
                periods.retain(|p| at(p.start) < canceled);
                paid_at.truncate(periods.len());
                ending = Some(Ending::Dunning(canceled));
            }
            // A card that charged every invoice before and none since has expired: it was
            // valid through the month of the last invoice it paid.
            if let Payer::Card(card) = &mut payer {
                let last_paid = periods[j - 1].start;
                card.exp_month = last_paid.month();
                card.exp_year = last_paid.year();
            }
            overdue = Some(Overdue {
                first_unpaid: j,
                due,
                steps,
            });
        }
    }
    Some(TenantBilling {
        plan,
        cycle,
        price,
        payer,
        tax_bp: tax_rate_bp(skeleton.country()),
        started_at,
        trial_end,
        anchor,
        periods,
        paid_at,
        ending,
        overdue,
    })
}

impl TenantBilling {
    /// Where the subscription stands at `now`.
    pub fn status(&self, now: Timestamp) -> SubscriptionStatus {
        match self.ending {
            Some(Ending::Paused(_)) => SubscriptionStatus::Paused,
            Some(Ending::CanceledNow(_) | Ending::Dunning(_)) => SubscriptionStatus::Canceled,
            Some(Ending::AtPeriodEnd { at, .. }) if at <= now => SubscriptionStatus::Canceled,
            _ if self.overdue.is_some() => SubscriptionStatus::PastDue,
            _ if self.periods.is_empty() => SubscriptionStatus::Trialing,
            _ if self.paid_at.iter().any(Option::is_some) => SubscriptionStatus::Active,
            _ => SubscriptionStatus::Pending,
        }
    }

    /// When each invoice was issued (the start of its period).
    pub fn issue_times(&self) -> impl Iterator<Item = Timestamp> + '_ {
        self.periods.iter().map(|p| at(p.start))
    }
}
