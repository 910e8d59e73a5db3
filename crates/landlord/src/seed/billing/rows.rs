//! Turns a customer's billing decisions into the rows and records the operations would have
//! left: its billing account and subscription here, its invoices in `invoice`, and where the
//! subscription stands (dunning, pause, cancellation) in `standing`.

use super::Loader;
use super::history::TenantLog;
use super::invoice::Billed;
use super::lifecycle::{Payer, TenantBilling};
use landlord_domain::TenantId;
use landlord_domain::audit::AuditAction;
use landlord_domain::billing::{CardBrand, Period, PlanChange, SubscriptionStatus, TaxRate};
use landlord_domain::money::Currency;
use landlord_domain::tenant::TenantPath;
use landlord_persistence::billing::accounts::BillingAccountRow;
use landlord_persistence::billing::subscriptions::SubscriptionRow;
use landlord_persistence::bulk::SeedTenantRow;
use serde_json::json;

fn brand_name(brand: CardBrand) -> &'static str {
    match brand {
        CardBrand::Visa => "Visa",
        CardBrand::Mastercard => "Mastercard",
        CardBrand::Amex => "American Express",
        CardBrand::Discover => "Discover",
        CardBrand::Unknown => "Card",
    }
}

impl Loader {
    /// Writes the billing of `tenant` into the batch and marks the tenant with it.
    pub(crate) fn write(&mut self, billing: &TenantBilling, tenant: &mut SeedTenantRow) {
        let now = self.now;
        let plan = self.catalogue.rows[billing.plan].clone();
        let currency = Currency::parse(&plan.currency).unwrap_or(Currency::EUR);
        let sub_id = self.next_subscription;
        self.next_subscription += 1;
        let mut log = TenantLog {
            tenant: TenantId(tenant.id),
            path: TenantPath::from_stored(tenant.path.clone()),
            entries: Vec::new(),
        };
        self.account(billing, tenant);

        // The subscription as it started, then as it stands now.
        let trial = billing
            .trial_end
            .map(|end| Period {
                start: billing.started_at.and_utc(),
                end: end.and_utc(),
            })
            .unwrap_or_else(|| Period::starting(billing.started_at.and_utc(), billing.cycle));
        let first = billing.periods.first().copied().unwrap_or(trial);
        let mut sub = SubscriptionRow {
            id: sub_id,
            tenant_id: tenant.id,
            plan_id: plan.id,
            cycle: billing.cycle.as_str().into(),
            status: if billing.trial_end.is_some() {
                SubscriptionStatus::Trialing
            } else {
                SubscriptionStatus::Pending
            }
            .as_str()
            .into(),
            anchor_at: billing.started_at,
            current_period_start: first.start.naive_utc(),
            current_period_end: first.end.naive_utc(),
            trial_end: billing.trial_end,
            cancel_at_period_end: false,
            scheduled_plan_id: None,
            scheduled_cycle: None,
            started_at: billing.started_at,
            paused_at: None,
            canceled_at: None,
            created_at: billing.started_at,
            updated_at: billing.started_at,
        };
        if billing.trial_end.is_some() {
            sub.current_period_start = trial.start.naive_utc();
            sub.current_period_end = trial.end.naive_utc();
        }
        log.subscription(
            billing.started_at,
            true,
            AuditAction::SubscriptionCreated,
            &sub,
            &plan.code,
            json!({}),
        );

        let billed = Billed {
            billing,
            tenant,
            subscription: sub_id,
            side: PlanChange {
                plan_code: &plan.code,
                plan_name: &plan.name,
                cycle: billing.cycle,
                price: billing.price,
            },
            tax: billing
                .tax_bp
                .and_then(|bp| TaxRate::from_basis_points(i64::from(bp)).ok()),
            currency,
        };
        let mut first_unpaid_id = None;
        for i in 0..billing.periods.len() {
            // The first period of a plan without a trial is invoiced as the operator starts
            // the subscription; the others by a billing run.
            let by_operator = i == 0 && billing.trial_end.is_none();
            let id = self.invoice(&billed, i, &mut log, by_operator);
            if billing
                .overdue
                .as_ref()
                .is_some_and(|o| o.first_unpaid == i)
            {
                first_unpaid_id = Some(id);
            }
        }
        tenant.invoices_count = billing.periods.len() as i64;

        // Where it stands now.
        let status = billing.status(now);
        if let Some(last) = billing.periods.last() {
            sub.anchor_at = billing.anchor;
            sub.current_period_start = last.start.naive_utc();
            sub.current_period_end = last.end.naive_utc();
            sub.trial_end = None;
        }
        // Billing periods start the subscription pending; its first payment makes it active.
        if !billing.periods.is_empty() {
            sub.status = SubscriptionStatus::Pending.as_str().into();
        }
        if let Some(paid) = billing.paid_at.iter().flatten().min() {
            sub.status = SubscriptionStatus::Active.as_str().into();
            sub.updated_at = *paid;
        }
        self.overdue(billing, tenant, &mut sub, first_unpaid_id, &mut log);
        self.ending(billing, tenant, &mut sub, currency, &plan.code, &mut log);
        sub.status = status.as_str().into();
        self.out.subscriptions.push(sub);
        self.out.logs.push(log);
    }

    fn account(&mut self, billing: &TenantBilling, tenant: &mut SeedTenantRow) {
        let mut account = BillingAccountRow::empty(TenantId(tenant.id), billing.started_at);
        account.tax_rate_bp = billing.tax_bp;
        match billing.payer {
            Payer::Card(card) => {
                account.payment_method = "card".into();
                account.card_brand = Some(card.brand.as_str().into());
                account.card_last4 = Some(card.last4.into());
                account.card_exp_month = Some(card.exp_month as i32);
                account.card_exp_year = Some(card.exp_year);
                account.payment_provider = Some("sandbox".into());
                account.payment_token = Some(format!("sandbox_ok_{}", card.last4));
                tenant.billing_payment_method =
                    Some(format!("{} •••• {}", brand_name(card.brand), card.last4));
            }
            Payer::Transfer { terms_days } => {
                account.payment_method = "invoice".into();
                account.payment_terms_days = terms_days as i32;
                let domain = tenant.admin_email.rsplit('@').next().unwrap_or("example");
                account.billing_email = Some(format!("billing@{domain}"));
                tenant.billing_payment_method = Some("Bank transfer".into());
            }
        }
        self.out.accounts.push(account);
    }
}
