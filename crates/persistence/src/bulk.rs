//! Bulk loading for demo and benchmark data: multi-row inserts with counters and rollups
//! supplied by the caller (who computed them while generating), in the caller's transaction.

use crate::invoices::NewLineRow;
use crate::models::{NewAuditRow, NewUserRow};
use crate::orders::NewOrderRow;
use crate::schema::{
    audit_events, invoice_lines, orders, tenant_rollups as r, tenants, tickets, users,
};
use crate::tickets::NewTicketRow;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use diesel::prelude::*;

/// A tenant with its id, path and counters already known.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tenants)]
pub struct SeedTenantRow {
    pub id: i64,
    pub domain: String,
    pub name: String,
    pub tenant_type: String,
    pub status: String,
    pub parent_id: Option<i64>,
    pub path: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub admin_username: String,
    pub admin_email: String,
    pub allow_subtenants: bool,
    pub search_text: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub contact_address: Option<String>,
    pub country: Option<String>,
    pub billing_payment_method: Option<String>,
    pub billing_address: Option<String>,
    pub users_count: i64,
    pub orders_count: i64,
    pub invoices_count: i64,
    pub tickets_count: i64,
    /// `ok`, or the dunning state the tenant is in.
    pub billing_state: String,
    /// Why a suspended tenant is suspended (`operator` or `dunning`).
    pub status_reason: Option<String>,
    pub web_address: Option<String>,
    pub support_email: Option<String>,
    pub billing_email: Option<String>,
    pub company_size: Option<String>,
    pub time_zone: Option<String>,
    pub language: Option<String>,
    pub admin_first_name: Option<String>,
}

/// SQLite allows 32,766 bound values per statement; stay well below for every table.
const MAX_BINDS: usize = 30_000;

macro_rules! insert_chunks {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {{
        for chunk in $rows.chunks((MAX_BINDS / $columns).max(1)) {
            // Multi-row inserts are not available on the multi-backend connection.
            match &mut *$conn {
                AnyConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                AnyConnection::Postgresql(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
            };
        }
    }};
}

pub mod billing;

pub fn insert_tenants(conn: &mut AnyConnection, rows: &[SeedTenantRow]) -> Result<(), StoreError> {
    insert_chunks!(conn, tenants::table, rows, 33);
    Ok(())
}

pub fn insert_users(conn: &mut AnyConnection, rows: &[NewUserRow]) -> Result<(), StoreError> {
    insert_chunks!(conn, users::table, rows, 12);
    Ok(())
}

pub fn insert_orders(conn: &mut AnyConnection, rows: &[NewOrderRow]) -> Result<(), StoreError> {
    insert_chunks!(conn, orders::table, rows, 6);
    Ok(())
}

pub fn insert_invoice_lines(
    conn: &mut AnyConnection,
    rows: &[NewLineRow],
) -> Result<(), StoreError> {
    insert_chunks!(conn, invoice_lines::table, rows, 9);
    Ok(())
}

pub fn insert_application_subscriptions(
    conn: &mut AnyConnection,
    rows: &[crate::applications::SubscriptionRow],
) -> Result<(), StoreError> {
    insert_chunks!(
        conn,
        crate::schema::application_subscriptions::table,
        rows,
        3
    );
    Ok(())
}

pub fn insert_application_instances(
    conn: &mut AnyConnection,
    rows: &[crate::applications::InstancesRow],
) -> Result<(), StoreError> {
    insert_chunks!(conn, crate::schema::application_instances::table, rows, 8);
    Ok(())
}

pub fn insert_subscription_periods(
    conn: &mut AnyConnection,
    rows: &[crate::application_history::NewPeriodRow],
) -> Result<(), StoreError> {
    insert_chunks!(
        conn,
        crate::schema::application_subscription_periods::table,
        rows,
        4
    );
    Ok(())
}

pub fn insert_instance_segments(
    conn: &mut AnyConnection,
    rows: &[crate::application_history::NewSegmentRow],
) -> Result<(), StoreError> {
    insert_chunks!(
        conn,
        crate::schema::application_instance_segments::table,
        rows,
        6
    );
    Ok(())
}

pub fn insert_tickets(conn: &mut AnyConnection, rows: &[NewTicketRow]) -> Result<(), StoreError> {
    insert_chunks!(conn, tickets::table, rows, 5);
    Ok(())
}

pub fn insert_audit_rows(conn: &mut AnyConnection, rows: &[NewAuditRow]) -> Result<(), StoreError> {
    insert_chunks!(conn, audit_events::table, rows, 11);
    Ok(())
}

/// The ids the database gave the users, orders and tickets of tenants
/// `first..=last`, so their history can name them.
#[derive(Debug, Default)]
pub struct LoadedIds {
    /// (tenant, username) -> id
    pub users: std::collections::HashMap<(i64, String), i64>,
    /// (tenant, number) -> id
    pub orders: std::collections::HashMap<(i64, String), i64>,
    /// tenant -> ids in insertion order (tickets carry no number)
    pub tickets: std::collections::HashMap<i64, Vec<i64>>,
}

pub fn loaded_ids(
    conn: &mut AnyConnection,
    first: i64,
    last: i64,
) -> Result<LoadedIds, StoreError> {
    let mut ids = LoadedIds::default();
    for (id, tenant, username) in users::table
        .filter(users::tenant_id.between(first, last))
        .select((users::id, users::tenant_id, users::username))
        .load::<(i64, i64, String)>(conn)?
    {
        ids.users.insert((tenant, username), id);
    }
    for (id, tenant, number) in orders::table
        .filter(orders::tenant_id.between(first, last))
        .select((orders::id, orders::tenant_id, orders::number))
        .load::<(i64, i64, String)>(conn)?
    {
        ids.orders.insert((tenant, number), id);
    }
    for (id, tenant) in tickets::table
        .filter(tickets::tenant_id.between(first, last))
        .order(tickets::id)
        .select((tickets::id, tickets::tenant_id))
        .load::<(i64, i64)>(conn)?
    {
        ids.tickets.entry(tenant).or_default().push(id);
    }
    Ok(ids)
}

/// Totals to add to one tenant's rollup row (created if missing).
#[derive(Debug, Clone, Copy, Default)]
pub struct RollupAddition {
    pub customers: i64,
    pub companies: i64,
    pub individuals: i64,
    pub users: i64,
}

pub fn add_rollup(
    conn: &mut AnyConnection,
    tenant: i64,
    add: RollupAddition,
) -> Result<(), StoreError> {
    let updated = diesel::update(r::table.find(tenant))
        .set((
            r::customers.eq(r::customers + add.customers),
            r::companies.eq(r::companies + add.companies),
            r::individuals.eq(r::individuals + add.individuals),
            r::users.eq(r::users + add.users),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(r::table)
            .values((
                r::tenant_id.eq(tenant),
                r::customers.eq(add.customers),
                r::companies.eq(add.companies),
                r::individuals.eq(add.individuals),
                r::users.eq(add.users),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Creates empty rollup rows for new tenants.
pub fn insert_empty_rollups(
    conn: &mut AnyConnection,
    tenant_ids: &[i64],
) -> Result<(), StoreError> {
    let rows: Vec<_> = tenant_ids
        .iter()
        .map(|id| (r::tenant_id.eq(*id), r::customers.eq(0_i64)))
        .collect();
    insert_chunks!(conn, r::table, rows, 2);
    Ok(())
}

pub fn add_revenue(
    conn: &mut AnyConnection,
    tenant: i64,
    currency: &str,
    own: i64,
    descendants: i64,
) -> Result<(), StoreError> {
    dialect::upsert_revenue(conn, tenant, currency, own, descendants)?;
    Ok(())
}

/// Adds `count` tenants of this type and status below `tenant`.
pub fn add_status_count(
    conn: &mut AnyConnection,
    tenant: i64,
    tenant_type: &str,
    status: &str,
    count: i64,
) -> Result<(), StoreError> {
    dialect::upsert_status_count(conn, tenant, tenant_type, status, count)?;
    Ok(())
}

pub use crate::dialect::BulkLoad;

/// Prepares the database for a bulk load; call first in the load's transaction.
pub fn begin(conn: &mut AnyConnection) -> Result<BulkLoad, StoreError> {
    Ok(dialect::begin_bulk_load(conn)?)
}

/// Ends a bulk load of tenants with ids from `first_new_id` on; call last in the load's
/// transaction.
pub fn end(conn: &mut AnyConnection, load: BulkLoad, first_new_id: i64) -> Result<(), StoreError> {
    Ok(dialect::end_bulk_load(conn, load, first_new_id)?)
}

/// The largest tenant id so far (0 for an empty table).
pub fn max_tenant_id(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(tenants::table
        .select(diesel::dsl::max(tenants::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// After inserting explicit ids, moves PostgreSQL's id sequence past them.
pub fn sync_tenant_ids(conn: &mut AnyConnection) -> Result<(), StoreError> {
    dialect::sync_id_sequence(conn, "tenants")?;
    Ok(())
}

/// Whether any tenant besides the management tenant exists.
pub fn has_customers(conn: &mut AnyConnection) -> Result<bool, StoreError> {
    Ok(tenants::table
        .filter(tenants::parent_id.is_not_null())
        .count()
        .get_result::<i64>(conn)?
        > 0)
}
