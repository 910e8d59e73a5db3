//! The demo catalogue: three plans in euros and the same three in US dollars (a plan has one
//! currency), owned by the management tenant. Customers paying in a European currency buy the
//! euro plans, everyone else the dollar plans.

use chrono::NaiveDateTime;
use landlord_domain::TenantId;
use landlord_domain::billing::PlanStatus;
use landlord_persistence::billing::plans::{self, NewPlanRow, PlanRow};
use landlord_persistence::{AnyConnection, StoreError};

/// One plan of the demo catalogue; prices in minor units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlanSpec {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub currency: &'static str,
    pub monthly: i64,
    pub yearly: i64,
    pub trial_days: Option<i64>,
}

const fn plan(
    code: &'static str,
    name: &'static str,
    description: &'static str,
    currency: &'static str,
    monthly: i64,
    yearly: i64,
    trial_days: Option<i64>,
) -> PlanSpec {
    PlanSpec {
        code,
        name,
        description,
        currency,
        monthly,
        yearly,
        trial_days,
    }
}

/// Starter, Team and Business in EUR, then the same in USD.
pub(crate) const PLANS: [PlanSpec; 6] = [
    plan(
        "starter",
        "Starter",
        STARTER,
        "EUR",
        1_900,
        19_000,
        Some(14),
    ),
    plan("team", "Team", TEAM, "EUR", 4_900, 49_000, Some(14)),
    plan(
        "business", "Business", BUSINESS, "EUR", 14_900, 149_000, None,
    ),
    plan(
        "starter-usd",
        "Starter",
        STARTER,
        "USD",
        1_900,
        19_000,
        Some(14),
    ),
    plan("team-usd", "Team", TEAM, "USD", 4_900, 49_000, Some(14)),
    plan(
        "business-usd",
        "Business",
        BUSINESS,
        "USD",
        14_900,
        149_000,
        None,
    ),
];

const STARTER: &str = "For small teams getting started: 5 users, email support.";
const TEAM: &str = "For growing teams: 25 users, SSO and priority support.";
const BUSINESS: &str = "For organisations: unlimited users, audit exports and an SLA.";

/// The plan of `tier` (0 Starter, 1 Team, 2 Business) for a customer paying in `currency`.
pub(crate) fn plan_index(tier: usize, currency: &str) -> usize {
    let european = matches!(currency, "EUR" | "GBP" | "CHF" | "SEK" | "NOK" | "DKK");
    tier.min(2) + if european { 0 } else { 3 }
}

/// The catalogue as stored: `PLANS[i]` is `rows[i]`.
pub(crate) struct Catalogue {
    pub rows: Vec<PlanRow>,
}

impl Catalogue {
    /// Finds each demo plan in `owner`'s catalogue, creating the missing ones at `at`.
    pub fn ensure(
        conn: &mut AnyConnection,
        owner: TenantId,
        at: NaiveDateTime,
    ) -> Result<Self, StoreError> {
        let mut rows = Vec::with_capacity(PLANS.len());
        for spec in &PLANS {
            let row = match plans::find_by_code(conn, owner, spec.code)? {
                Some(row) => row,
                None => plans::insert(
                    conn,
                    NewPlanRow {
                        tenant_id: owner.0,
                        code: spec.code.into(),
                        name: spec.name.into(),
                        description: Some(spec.description.into()),
                        currency: spec.currency.into(),
                        monthly_minor: Some(spec.monthly),
                        quarterly_minor: None,
                        yearly_minor: Some(spec.yearly),
                        trial_days: spec.trial_days.map(|d| d as i32),
                        status: PlanStatus::Active.as_str().into(),
                        created_at: at,
                        updated_at: at,
                        cpu_day_price_micros: None,
                        gb_day_price_micros: None,
                    },
                )?,
            };
            rows.push(row);
        }
        Ok(Self { rows })
    }
}
