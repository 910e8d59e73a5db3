//! The seed's billing: a plan catalogue owned by the management tenant, and for most customers
//! a billing account, a subscription and every invoice it was billed since it started (one per
//! period, numbered gapless per year in issue order), with payments, a few customers in
//! dunning, and the history of it all. What the billing run would have written had it run at
//! every period's end, so the first real run after seeding bills only what is due since.

mod catalogue;
mod history;
mod invoice;
mod lifecycle;
mod numbers;
mod rows;
mod standing;

pub(crate) use history::Entry;
pub(crate) use lifecycle::TenantBilling;

use super::skeleton::{Skeleton, Timeline};
use catalogue::Catalogue;
use history::TenantLog;
use landlord_domain::TenantId;
use landlord_domain::billing::DunningPolicy;
use landlord_domain::money::Currency;
use landlord_persistence::billing::accounts::BillingAccountRow;
use landlord_persistence::billing::dunning as policies;
use landlord_persistence::billing::payments::NewPaymentRow;
use landlord_persistence::billing::subscriptions::SubscriptionRow;
use landlord_persistence::bulk::billing::{self as bulk, NewCreditRow};
use landlord_persistence::invoices::{InvoiceRow, NewLineRow};
use landlord_persistence::{AnyConnection, StoreError, bulk as tenant_bulk};
use numbers::{Counter, Numbers};
use rand::rngs::StdRng;
use std::collections::BTreeMap;

/// The billing rows of one batch of customers.
#[derive(Default)]
pub(crate) struct BillingBatch {
    pub subscriptions: Vec<SubscriptionRow>,
    pub invoices: Vec<InvoiceRow>,
    pub lines: Vec<NewLineRow>,
    pub payments: Vec<NewPaymentRow>,
    pub accounts: Vec<BillingAccountRow>,
    pub credits: Vec<NewCreditRow>,
    pub logs: Vec<TenantLog>,
    /// Paid invoice totals: (tenant, currency, amount).
    pub revenue: Vec<(i64, Currency, i64)>,
}

impl BillingBatch {
    pub fn rows(&self) -> usize {
        self.subscriptions.len() + self.invoices.len() + self.payments.len()
    }

    /// Inserts the batch (its tenants must be in already).
    pub fn insert(&self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        bulk::insert_billing_accounts(conn, &self.accounts)?;
        bulk::insert_subscriptions(conn, &self.subscriptions)?;
        bulk::insert_invoice_rows(conn, &self.invoices)?;
        tenant_bulk::insert_invoice_lines(conn, &self.lines)?;
        bulk::insert_payments(conn, &self.payments)?;
        bulk::insert_credit_balances(conn, &self.credits)?;
        Ok(())
    }

    /// Every record of the batch, for its history.
    pub fn entries(&mut self) -> impl Iterator<Item = Entry> + '_ {
        self.logs.drain(..).flat_map(|log| log.entries)
    }
}

/// Decides and writes billing customer by customer, handing out ids and invoice numbers.
pub(crate) struct Loader {
    catalogue: Catalogue,
    policy: DunningPolicy,
    numbers: Numbers,
    issuer: i64,
    operator_user: i64,
    now: chrono::NaiveDateTime,
    next_subscription: i64,
    next_invoice: i64,
    /// Customers still to fall behind for sure.
    surely_behind: u32,
    /// The batch being filled.
    out: BillingBatch,
}

impl Loader {
    /// Creates the catalogue of `issuer` (the customers' parent) if needed, and walks the
    /// billing of customers `ids` once, from a copy of `rng`, counting their invoices per
    /// minute so that their numbers follow the issue time.
    pub fn prepare(
        conn: &mut AnyConnection,
        issuer: TenantId,
        operator_user: i64,
        timeline: Timeline,
        ids: std::ops::Range<i64>,
        rng: &StdRng,
    ) -> Result<Self, StoreError> {
        let now = timeline.now;
        let catalogue = Catalogue::ensure(conn, issuer, timeline.start)?;
        let policy = policies::find(conn, issuer)?.unwrap_or_default();
        let used: BTreeMap<i32, i64> = bulk::invoice_number_sequences(conn, issuer.0)?
            .into_iter()
            .collect();
        let mut counter = Counter::new(timeline.start, now);
        let mut rng = rng.clone();
        let mut behind = lifecycle::SURELY_BEHIND;
        for id in ids {
            let skeleton = Skeleton::draw(&mut rng, timeline, id);
            let billing =
                lifecycle::decide(&mut rng, &skeleton, &catalogue, &policy, now, &mut behind);
            if let Some(billing) = billing {
                billing.issue_times().for_each(|at| counter.add(at));
            }
        }
        Ok(Self {
            numbers: counter.numbers(&used),
            next_subscription: bulk::max_subscription_id(conn)? + 1,
            next_invoice: bulk::max_invoice_id(conn)? + 1,
            catalogue,
            policy,
            issuer: issuer.0,
            operator_user,
            now,
            surely_behind: lifecycle::SURELY_BEHIND,
            out: BillingBatch::default(),
        })
    }

    /// Decides the billing of the customer of `skeleton`, drawing from `rng` as `prepare` did.
    pub fn decide(&mut self, rng: &mut StdRng, skeleton: &Skeleton) -> Option<TenantBilling> {
        let behind = &mut self.surely_behind;
        lifecycle::decide(
            rng,
            skeleton,
            &self.catalogue,
            &self.policy,
            self.now,
            behind,
        )
    }

    /// The rows written since the last call.
    pub fn take_batch(&mut self) -> BillingBatch {
        std::mem::take(&mut self.out)
    }

    /// Ends the load: the issuer's sequences continue after the last number used, and
    /// PostgreSQL's id sequences after the ids given.
    pub fn finish(self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        for (year, last) in self.numbers.last_used() {
            bulk::set_invoice_number_sequence(conn, self.issuer, *year, *last)?;
        }
        bulk::sync_billing_ids(conn)
    }
}
