//! `landlord seed`: deterministic, realistic demo customers with users, orders, invoices and
//! tickets (about ten activity rows each), loaded in one transaction with bulk inserts.

use crate::bootstrap::{self, Bootstrap};
use crate::config::SeedArgs;
use crate::demo_data::*;
use crate::seed_history;
use crate::server::open_database;
use anyhow::Context;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use indicatif::{ProgressBar, ProgressStyle};
use landlord_api::auth::password;
use landlord_domain::UserId;
use landlord_domain::billing::InvoiceStatus;
use landlord_domain::money::Currency;
use landlord_domain::order::OrderStatus;
use landlord_domain::support::{TicketPriority, TicketStatus};
use landlord_domain::tenant::{MANAGEMENT_DOMAIN, TenantPath};
use landlord_domain::{Role, SystemClock, TenantId, TenantStatus, TenantType};
use landlord_operations::{Caller, OpError};
use landlord_persistence::Statistics;
use landlord_persistence::bulk::{self, RollupAddition, SeedTenantRow};
use landlord_persistence::invoices::NewInvoiceRow;
use landlord_persistence::models::TenantRow;
use landlord_persistence::models::{NewUserRow, search_text};
use landlord_persistence::orders::NewOrderRow;
use landlord_persistence::tickets::NewTicketRow;
use landlord_persistence::{AnyConnection, Database, StoreError, tenants as store_tenants, users};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

/// The password of every seeded customer administrator, so a demo can sign in as one.
pub const DEMO_PASSWORD: &str = "demo-pass-1";
/// Tenants generated and inserted per batch.
const BATCH: usize = 2_000;

/// What one generated batch holds.
#[derive(Default)]
pub(crate) struct Batch {
    pub tenants: Vec<SeedTenantRow>,
    pub users: Vec<NewUserRow>,
    pub orders: Vec<NewOrderRow>,
    pub invoices: Vec<NewInvoiceRow>,
    pub tickets: Vec<NewTicketRow>,
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
    let activity_rows = seed_database(&db, args.tenants, args.seed, !args.quiet)?;
    Ok(Seeded::Created {
        tenants: args.tenants,
        activity_rows,
        bootstrap,
    })
}

/// Adds `tenants` generated customers under the management tenant of `db`, deterministically
/// for a given `seed`, in one transaction. Returns the number of activity rows.
pub fn seed_database(
    db: &Database,
    tenants: u32,
    seed: u64,
    show_progress: bool,
) -> anyhow::Result<u64> {
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
    let mut rng = StdRng::seed_from_u64(seed);
    let epoch = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default();
    let activity = db
        .write(|conn| -> Result<u64, OpError> {
            let load = bulk::begin(conn)?;
            let management = store_tenants::find_by_domain(conn, MANAGEMENT_DOMAIN)?
                .ok_or(StoreError::NotFound)?;
            let operator = operator(conn, &management)?;
            let root = management.tenant_path();
            let mut next_id = bulk::max_tenant_id(conn)? + 1;
            let first_new_id = next_id;
            let timeline = Timeline::new(epoch, first_new_id, tenants);
            let mut activity_rows = 0_u64;
            let mut remaining = tenants as usize;
            let mut rollups: HashMap<i64, RollupAddition> = HashMap::new();
            let mut status_counts = HashMap::new();
            let mut revenue: HashMap<(i64, &'static str), (i64, i64)> = HashMap::new();
            while remaining > 0 {
                let size = remaining.min(BATCH);
                let batch = generate(
                    &mut rng,
                    &root,
                    &mut next_id,
                    size,
                    timeline,
                    &demo_hash,
                    &mut rollups,
                    &mut status_counts,
                    &mut revenue,
                );
                activity_rows += (batch.users.len()
                    + batch.orders.len()
                    + batch.invoices.len()
                    + batch.tickets.len()) as u64;
                bulk::insert_tenants(conn, &batch.tenants)?;
                bulk::insert_empty_rollups(
                    conn,
                    &batch.tenants.iter().map(|t| t.id).collect::<Vec<_>>(),
                )?;
                bulk::insert_users(conn, &batch.users)?;
                bulk::insert_orders(conn, &batch.orders)?;
                bulk::insert_invoices(conn, &batch.invoices)?;
                bulk::insert_tickets(conn, &batch.tickets)?;
                if let (Some(first), Some(last)) = (batch.tenants.first(), batch.tenants.last()) {
                    let ids = bulk::loaded_ids(conn, first.id, last.id)?;
                    let lines = bulk::single_lines(conn, first.id, last.id)?;
                    bulk::insert_invoice_lines(conn, &lines)?;
                    seed_history::of_batch(&batch, &ids, &operator).write(conn)?;
                }
                remaining -= size;
                progress.inc(size as u64);
            }
            for (tenant, addition) in rollups {
                bulk::add_rollup(conn, tenant, addition)?;
            }
            for ((tenant, kind, status), count) in status_counts {
                bulk::add_status_count(conn, tenant, kind, status, count)?;
            }
            for ((tenant, currency), (own, descendants)) in revenue {
                bulk::add_revenue(conn, tenant, currency, own, descendants)?;
            }
            bulk::sync_tenant_ids(conn)?;
            bulk::end(conn, load, first_new_id)?;
            Ok(activity_rows)
        })
        .context("seeding")?;
    progress.finish_and_clear();
    // A bulk load changes the data's shape at once; the planner should know.
    db.refresh_statistics(Statistics::Full)
        .context("refreshing the planner's statistics")?;
    Ok(activity)
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
    })
}

/// When the seeded customers signed up: one after another over the two years before the
/// epoch, so that, as in a real database, a later id means a later sign-up (and the newest
/// first order reads the table backwards rather than at random).
#[derive(Debug, Clone, Copy)]
struct Timeline {
    start: NaiveDateTime,
    first_id: i64,
    step_seconds: i64,
}

impl Timeline {
    const SPAN_SECONDS: i64 = 730 * 24 * 60 * 60;

    fn new(epoch: NaiveDateTime, first_id: i64, tenants: u32) -> Self {
        Self {
            start: epoch - Duration::seconds(Self::SPAN_SECONDS),
            first_id,
            step_seconds: (Self::SPAN_SECONDS / i64::from(tenants.max(1))).max(1),
        }
    }

    /// Somewhere within the tenant's own step of the timeline.
    fn signed_up(self, id: i64, rng: &mut StdRng) -> NaiveDateTime {
        let step = id - self.first_id;
        self.start
            + Duration::seconds(self.step_seconds * step + rng.gen_range(0..self.step_seconds))
    }
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

#[allow(clippy::too_many_arguments)]
fn generate(
    rng: &mut StdRng,
    root: &TenantPath,
    next_id: &mut i64,
    size: usize,
    timeline: Timeline,
    demo_hash: &str,
    rollups: &mut HashMap<i64, RollupAddition>,
    status_counts: &mut HashMap<(i64, &'static str, &'static str), i64>,
    revenue: &mut HashMap<(i64, &'static str), (i64, i64)>,
) -> Batch {
    let mut batch = Batch::default();
    let root_id = root.ids().last().map(|id| id.0).unwrap_or(1);
    for _ in 0..size {
        let id = *next_id;
        *next_id += 1;
        let path = root.child(TenantId(id));
        let individual = rng.gen_bool(0.3);
        let (first, last) = (*pick(rng, FIRST_NAMES), *pick(rng, LAST_NAMES));
        let name = if individual {
            format!("{first} {last}")
        } else {
            let qualifier = *pick(rng, COMPANY_QUALIFIERS);
            let stem = *pick(rng, COMPANY_STEMS);
            let suffix = *pick(rng, COMPANY_SUFFIXES);
            [stem, qualifier, suffix]
                .iter()
                .filter(|w| !w.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let domain = format!("{}-{id}", slug(&name));
        let (country, currency_code, city, street) = *pick(rng, PLACES);
        let currency = Currency::parse(currency_code).unwrap_or(Currency::EUR);
        let mail_domain = format!("{}.example", slug(&name));
        let contact_email = format!("{}.{}@{mail_domain}", slug(first), slug(last));
        let admin_email = format!("admin@{mail_domain}");
        let created_at = timeline.signed_up(id, rng);
        let status = match rng.gen_range(0..100) {
            0..85 => TenantStatus::Active,
            85..93 => TenantStatus::Suspended,
            _ => TenantStatus::Inactive,
        };
        let address = format!(
            "{} {}, {} {city}",
            street,
            rng.gen_range(1..200),
            rng.gen_range(10000..99999)
        );

        // Users: the first administrator and a few more.
        let extra_users = rng.gen_range(0..=4);
        batch.users.push(NewUserRow {
            tenant_id: id,
            username: "admin".into(),
            email: admin_email.clone(),
            display_name: Some(format!("{first} {last}")),
            role: Role::Admin.as_str().into(),
            status: "active".into(),
            password_hash: Some(demo_hash.to_owned()),
            is_first_admin: true,
            password_reset_token_hash: None,
            password_reset_expires_at: None,
            created_at,
            updated_at: created_at,
        });
        for n in 0..extra_users {
            let (f, l) = (*pick(rng, FIRST_NAMES), *pick(rng, LAST_NAMES));
            batch.users.push(NewUserRow {
                tenant_id: id,
                username: format!("{}.{}{n}", slug(f), slug(l)),
                email: format!("{}.{}{n}@{mail_domain}", slug(f), slug(l)),
                display_name: Some(format!("{f} {l}")),
                role: (*pick(rng, &["member", "member", "viewer", "manager"])).to_owned(),
                status: if rng.gen_bool(0.95) {
                    "active"
                } else {
                    "disabled"
                }
                .into(),
                password_hash: None,
                is_first_admin: false,
                password_reset_token_hash: None,
                password_reset_expires_at: None,
                created_at: created_at + Duration::days(rng.gen_range(0..60)),
                updated_at: created_at,
            });
        }
        let users_count = 1 + extra_users as i64;

        let scale = if currency == Currency::JPY { 1 } else { 100 };
        let orders = rng.gen_range(0..=5);
        for n in 1..=orders {
            let total = rng.gen_range(5..2_500) * scale + rng.gen_range(0..scale);
            batch.orders.push(NewOrderRow {
                tenant_id: id,
                number: format!("ORD-{n:05}"),
                status: pick(
                    rng,
                    &[
                        OrderStatus::Paid,
                        OrderStatus::Paid,
                        OrderStatus::Fulfilled,
                        OrderStatus::Pending,
                        OrderStatus::Cancelled,
                        OrderStatus::Refunded,
                    ],
                )
                .as_str()
                .into(),
                total_minor: total,
                currency: currency_code.into(),
                placed_at: created_at + Duration::hours(rng.gen_range(1..8_000)),
            });
        }
        let invoices = rng.gen_range(0..=4);
        let mut paid = 0;
        for n in 1..=invoices {
            let amount = rng.gen_range(10..1_200) * scale;
            let status = *pick(
                rng,
                &[
                    InvoiceStatus::Paid,
                    InvoiceStatus::Paid,
                    InvoiceStatus::Paid,
                    InvoiceStatus::Open,
                    InvoiceStatus::Draft,
                    InvoiceStatus::Void,
                ],
            );
            if status == InvoiceStatus::Paid {
                paid += amount;
            }
            let issued_at = created_at + Duration::days(30 * i64::from(n));
            batch.invoices.push(NewInvoiceRow::recorded(
                id,
                (status != InvoiceStatus::Draft).then(|| format!("INV-{n:05}")),
                status,
                amount,
                currency_code,
                issued_at,
                Some(issued_at + Duration::days(14)),
            ));
        }
        let tickets = rng.gen_range(0..=2);
        for _ in 0..tickets {
            batch.tickets.push(NewTicketRow {
                tenant_id: id,
                subject: (*pick(rng, TICKET_SUBJECTS)).into(),
                status: pick(
                    rng,
                    &[
                        TicketStatus::Open,
                        TicketStatus::Pending,
                        TicketStatus::Closed,
                        TicketStatus::Closed,
                    ],
                )
                .as_str()
                .into(),
                priority: pick(
                    rng,
                    &[
                        TicketPriority::Low,
                        TicketPriority::Normal,
                        TicketPriority::Normal,
                        TicketPriority::High,
                        TicketPriority::Urgent,
                    ],
                )
                .as_str()
                .into(),
                created_at: created_at + Duration::hours(rng.gen_range(1..8_000)),
            });
        }

        let kind = if individual {
            TenantType::Individual
        } else {
            TenantType::Company
        };
        let root_rollup = rollups.entry(root_id).or_default();
        root_rollup.customers += 1;
        root_rollup.companies += i64::from(kind == TenantType::Company);
        root_rollup.individuals += i64::from(kind == TenantType::Individual);
        root_rollup.users += users_count;
        *status_counts
            .entry((root_id, kind.as_str(), status.as_str()))
            .or_default() += 1;
        if paid > 0 {
            revenue.entry((id, currency_code)).or_default().0 += paid;
            revenue.entry((root_id, currency_code)).or_default().1 += paid;
        }
        let card = *pick(rng, CARDS);
        batch.tenants.push(SeedTenantRow {
            id,
            search_text: search_text(&name, &domain, Some(&contact_email), &admin_email),
            domain,
            name,
            tenant_type: kind.as_str().into(),
            status: status.as_str().into(),
            parent_id: Some(root_id),
            path: path.as_str().to_owned(),
            contact_name: Some(format!("{first} {last}")),
            contact_email: Some(contact_email),
            contact_phone: Some(format!(
                "+{} {} {:07}",
                rng.gen_range(1..99),
                rng.gen_range(10..999),
                rng.gen_range(0..9_999_999)
            )),
            admin_username: "admin".into(),
            admin_email,
            allow_subtenants: false,
            created_at,
            updated_at: created_at,
            contact_address: Some(address.clone()),
            country: Some(country.into()),
            billing_payment_method: Some(if card.contains("Bank") || card.contains("SEPA") {
                card.to_owned()
            } else {
                format!("{card} •••• {:04}", rng.gen_range(0..10_000))
            }),
            billing_address: Some(address),
            users_count,
            orders_count: orders,
            invoices_count: invoices as i64,
            tickets_count: tickets,
        });
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::{StdRng, Timeline};
    use chrono::NaiveDate;
    use rand::SeedableRng;

    #[test]
    fn later_ids_signed_up_later_within_the_two_years_before_the_epoch() {
        let epoch = NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let timeline = Timeline::new(epoch, 2, 1_000);
        let mut rng = StdRng::seed_from_u64(7);
        let times: Vec<_> = (2..1_002)
            .map(|id| timeline.signed_up(id, &mut rng))
            .collect();
        assert!(times.windows(2).all(|pair| pair[0] <= pair[1]));
        assert!(times[0] >= epoch - chrono::Duration::days(730));
        assert!(times[999] < epoch);
    }
}
