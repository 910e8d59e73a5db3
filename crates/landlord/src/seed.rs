//! `landlord seed`: deterministic, realistic demo customers with users, orders and tickets,
//! and their billing: plans, subscriptions, every invoice since they subscribed, payments and
//! a few customers in dunning; and a small application catalogue the customers subscribe
//! to. Loaded in one transaction with bulk inserts, as of one moment (the seed's now), so
//! that a billing run as of that moment finds nothing to do.

mod applications;
mod billing;
mod customers;
mod skeleton;
mod usage;

use crate::bootstrap::{self, Bootstrap};
use crate::config::SeedArgs;
use crate::seed_history;
use crate::server::open_database;
use anyhow::Context;
use chrono::{NaiveDateTime, SubsecRound};
use indicatif::{ProgressBar, ProgressStyle};
use landlord_api::auth::password;
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::{SystemClock, TenantStatus, TenantType, UserId};
use landlord_operations::{Caller, OpError};
use landlord_persistence::Statistics;
use landlord_persistence::bulk::SeedTenantRow;
use landlord_persistence::bulk::{self, RollupAddition};
use landlord_persistence::models::{NewUserRow, TenantRow};
use landlord_persistence::orders::NewOrderRow;
use landlord_persistence::tickets::NewTicketRow;
use landlord_persistence::{AnyConnection, Database, StoreError, tenants as store_tenants, users};
use rand::SeedableRng;
use rand::rngs::StdRng;
use skeleton::{Skeleton, Timeline};
use std::collections::HashMap;

pub(crate) use billing::BillingBatch;

/// The password of every seeded customer administrator, so a demo can sign in as one.
pub const DEMO_PASSWORD: &str = "demo-pass-1";
/// Tenants generated and inserted per batch.
const BATCH: usize = 2_000;
/// Keeps the stream of sign-ups, places, statuses and billing apart from the main one.
const BILLING_STREAM: u64 = 0x5eed_b111_1000_0001;

/// What one generated batch holds.
#[derive(Default)]
pub(crate) struct Batch {
    pub tenants: Vec<SeedTenantRow>,
    pub users: Vec<NewUserRow>,
    pub orders: Vec<NewOrderRow>,
    pub tickets: Vec<NewTicketRow>,
    pub billing: BillingBatch,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seeded {
    Skipped {
        bootstrap: Bootstrap,
    },
    Created {
        tenants: u32,
        activity_rows: u64,
        bootstrap: Bootstrap,
    },
}

pub fn run(args: &SeedArgs) -> anyhow::Result<Seeded> {
    let db = open_database(&args.database)?;
    let bootstrap = bootstrap::ensure_management_tenant(&db, &SystemClock, &args.bootstrap)?;
    if args.if_empty && db.read(bulk::has_customers)? {
        return Ok(Seeded::Skipped { bootstrap });
    }
    let now = args.now.unwrap_or_else(chrono::Utc::now).naive_utc();
    let activity_rows = seed_database(&db, args.tenants, args.seed, now, !args.quiet)?;
    Ok(Seeded::Created {
        tenants: args.tenants,
        activity_rows,
        bootstrap,
    })
}

/// Adds `tenants` generated customers under the management tenant of `db`, as of `now`
/// (whole seconds), deterministically for a given `seed` and `now`, in one transaction.
/// Returns the number of activity rows.
pub fn seed_database(
    db: &Database,
    tenants: u32,
    seed: u64,
    now: NaiveDateTime,
    show_progress: bool,
) -> anyhow::Result<u64> {
    let now = now.trunc_subsecs(0);
    let demo_hash = password::hash(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!(e))?;
    let progress = if show_progress {
        ProgressBar::new(u64::from(tenants))
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template(
            "{spinner} seeding [{bar:40}] {pos}/{len} tenants ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let mut people = StdRng::seed_from_u64(seed);
    let mut accounts = StdRng::seed_from_u64(seed ^ BILLING_STREAM);
    let mut with_usage = Vec::new();
    let activity = db
        .write(|conn| -> Result<u64, OpError> {
            let load = bulk::begin(conn)?;
            let management = store_tenants::find_by_domain(conn, MANAGEMENT_DOMAIN)?
                .ok_or(StoreError::NotFound)?;
            with_usage.push(management.id);
            let operator = operator(conn, &management)?;
            applications::catalogue(conn, management.id, now)?;
            let root = management.tenant_path();
            let root_id = management.id;
            let first_new_id = bulk::max_tenant_id(conn)? + 1;
            let timeline = Timeline::new(now, first_new_id, tenants);
            let ids = first_new_id..first_new_id + i64::from(tenants);
            let mut billing = billing::Loader::prepare(
                conn,
                management.tenant_id(),
                operator.user_id.0,
                timeline,
                ids.clone(),
                &accounts,
            )?;
            let mut totals = Totals::default();
            let mut activity_rows = 0_u64;
            let mut usage_tenants = 0_usize;
            let ids: Vec<i64> = ids.collect();
            for chunk in ids.chunks(BATCH) {
                let mut batch = Batch::default();
                for &id in chunk {
                    let skeleton = Skeleton::draw(&mut accounts, timeline, id);
                    let plan = billing.decide(&mut accounts, &skeleton);
                    let mut tenant = customers::generate(
                        &mut people,
                        &skeleton,
                        &root,
                        timeline,
                        &demo_hash,
                        &mut batch,
                    );
                    if let Some(plan) = &plan {
                        billing.write(plan, &mut tenant);
                    }
                    totals.count(root_id, &tenant);
                    batch.tenants.push(tenant);
                }
                batch.billing = billing.take_batch();
                for (tenant, currency, amount) in &batch.billing.revenue {
                    totals.revenue(root_id, *tenant, currency.code(), *amount);
                }
                activity_rows += (batch.users.len()
                    + batch.orders.len()
                    + batch.tickets.len()
                    + batch.billing.rows()) as u64;
                bulk::insert_tenants(conn, &batch.tenants)?;
                bulk::insert_empty_rollups(
                    conn,
                    &batch.tenants.iter().map(|t| t.id).collect::<Vec<_>>(),
                )?;
                applications::subscribe(conn, &batch.tenants, now)?;
                bulk::insert_users(conn, &batch.users)?;
                bulk::insert_orders(conn, &batch.orders)?;
                bulk::insert_tickets(conn, &batch.tickets)?;
                let with_history = usage::MAX_TENANTS.saturating_sub(usage_tenants);
                let history: Vec<_> = batch
                    .tenants
                    .iter()
                    .take(with_history)
                    .flat_map(|t| usage::history(t, seed, now))
                    .collect();
                // Their ERP references too, so the usage table's custom property column
                // has values.
                for tenant in batch.tenants.iter().take(with_history) {
                    let values = [(
                        landlord_domain::custom_property::EXTERNAL_REFERENCE.to_owned(),
                        serde_json::json!(format!("ERP-{:06}", tenant.id)),
                    )]
                    .into();
                    landlord_persistence::custom_properties::set_tenant_values(
                        conn,
                        landlord_domain::TenantId(tenant.id),
                        &values,
                    )?;
                }
                usage_tenants += batch.tenants.len().min(with_history);
                with_usage.extend(batch.tenants.iter().take(with_history).map(|t| t.id));
                landlord_persistence::usage::daily::insert_bulk(conn, &history)?;
                batch.billing.insert(conn)?;
                if let (Some(first), Some(last)) = (batch.tenants.first(), batch.tenants.last()) {
                    let ids = bulk::loaded_ids(conn, first.id, last.id)?;
                    seed_history::of_batch(&mut batch, &ids, &operator).write(conn)?;
                }
                progress.inc(chunk.len() as u64);
            }
            billing.finish(conn)?;
            totals.write(conn)?;
            bulk::sync_tenant_ids(conn)?;
            bulk::end(conn, load, first_new_id)?;
            Ok(activity_rows)
        })
        .context("seeding")?;
    progress.finish_and_clear();
    // The microservice meters of the customers with a usage history (and of the
    // management tenant, which pays for the microservices it bills by subscription), from
    // the seeded subscription and instance history: the usage worker recounts only the
    // last two days.
    landlord_operations::applications::usage::refresh_tenants(db, &with_usage, now, usage::DAYS)
        .context("counting the demo microservice usage")?;
    // A bulk load changes the data's shape at once; the planner should know.
    db.refresh_statistics(Statistics::Full)
        .context("refreshing the planner's statistics")?;
    Ok(activity)
}

/// The counters the seeded customers add to: the management tenant's rollup and status counts,
/// and paid revenue (each customer's own and, for the management tenant, its descendants').
#[derive(Default)]
struct Totals {
    rollups: HashMap<i64, RollupAddition>,
    status_counts: HashMap<(i64, String, String), i64>,
    revenue: HashMap<(i64, &'static str), (i64, i64)>,
}

impl Totals {
    fn count(&mut self, root: i64, tenant: &SeedTenantRow) {
        let rollup = self.rollups.entry(root).or_default();
        rollup.customers += 1;
        rollup.companies += i64::from(tenant.tenant_type == TenantType::Company.as_str());
        rollup.individuals += i64::from(tenant.tenant_type == TenantType::Individual.as_str());
        rollup.users += tenant.users_count;
        debug_assert!(TenantStatus::parse(&tenant.status).is_some());
        *self
            .status_counts
            .entry((root, tenant.tenant_type.clone(), tenant.status.clone()))
            .or_default() += 1;
    }

    /// A paid invoice, as `rollups::revenue_added` counts it.
    fn revenue(&mut self, root: i64, tenant: i64, currency: &'static str, amount: i64) {
        self.revenue.entry((tenant, currency)).or_default().0 += amount;
        self.revenue.entry((root, currency)).or_default().1 += amount;
    }

    fn write(self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        for (tenant, addition) in self.rollups {
            bulk::add_rollup(conn, tenant, addition)?;
        }
        for ((tenant, kind, status), count) in self.status_counts {
            bulk::add_status_count(conn, tenant, &kind, &status, count)?;
        }
        for ((tenant, currency), (own, descendants)) in self.revenue {
            bulk::add_revenue(conn, tenant, currency, own, descendants)?;
        }
        Ok(())
    }
}

/// Who creates the demo customers: the management tenant's first administrator.
fn operator(conn: &mut AnyConnection, management: &TenantRow) -> Result<Caller, StoreError> {
    let admin = users::find_by_username(conn, management.tenant_id(), &management.admin_username)?
        .ok_or(StoreError::NotFound)?;
    Ok(Caller {
        user_id: UserId(admin.id),
        username: admin.username.clone(),
        role: admin.role()?,
        tenant_id: management.tenant_id(),
        tenant_domain: management.domain.clone(),
        tenant_path: management.tenant_path(),
        tenant_allows_subtenants: management.allow_subtenants,
        service_scopes: None,
        support: None,
        request_limits: management.request_limits(),
    })
}
