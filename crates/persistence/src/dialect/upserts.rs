//! Insert-or-add and insert-unless-present statements: diesel's `on_conflict` is not
//! available on the multi-backend connection, so each backend runs the same statement through
//! its own connection type.

use crate::connection::AnyConnection;
use crate::schema::credit_balances::dsl as cb;
use crate::schema::revenue_rollups::dsl as rv;
use crate::schema::subscription_counts::dsl as sc;
use crate::schema::tenant_status_rollups::dsl as sr;
use diesel::prelude::*;

/// Adds to a tenant's revenue row for `currency`, creating it if needed. diesel's
/// `on_conflict` is not available on the multi-backend connection, so each backend gets
/// the same statement through its own connection type.
pub(crate) fn upsert_revenue(
    conn: &mut AnyConnection,
    tenant: i64,
    currency: &str,
    own: i64,
    descendants: i64,
) -> QueryResult<usize> {
    macro_rules! upsert {
        ($c:expr) => {
            diesel::insert_into(rv::revenue_rollups)
                .values((
                    rv::tenant_id.eq(tenant),
                    rv::currency.eq(currency),
                    rv::own_minor.eq(own),
                    rv::descendants_minor.eq(descendants),
                ))
                .on_conflict((rv::tenant_id, rv::currency))
                .do_update()
                .set((
                    rv::own_minor.eq(rv::own_minor + own),
                    rv::descendants_minor.eq(rv::descendants_minor + descendants),
                ))
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => upsert!(c),
        AnyConnection::Postgresql(c) => upsert!(c),
    }
}

/// Adds `delta` to how many of `tenant`'s descendants have this type and status, creating
/// the row if needed (the same `on_conflict` limitation as [`upsert_revenue`]).
pub(crate) fn upsert_status_count(
    conn: &mut AnyConnection,
    tenant: i64,
    tenant_type: &str,
    status: &str,
    delta: i64,
) -> QueryResult<usize> {
    macro_rules! upsert {
        ($c:expr) => {
            diesel::insert_into(sr::tenant_status_rollups)
                .values((
                    sr::tenant_id.eq(tenant),
                    sr::tenant_type.eq(tenant_type),
                    sr::status.eq(status),
                    sr::descendants.eq(delta),
                ))
                .on_conflict((sr::tenant_id, sr::tenant_type, sr::status))
                .do_update()
                .set(sr::descendants.eq(sr::descendants + delta))
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => upsert!(c),
        AnyConnection::Postgresql(c) => upsert!(c),
    }
}

/// Adds `delta` to how many recurring subscriptions `plan` has on `cycle`, creating the row
/// if needed (the same `on_conflict` limitation as [`upsert_revenue`]).
pub(crate) fn upsert_recurring_count(
    conn: &mut AnyConnection,
    plan: i64,
    cycle: &str,
    delta: i64,
) -> QueryResult<usize> {
    macro_rules! upsert {
        ($c:expr) => {
            diesel::insert_into(sc::subscription_counts)
                .values((
                    sc::plan_id.eq(plan),
                    sc::cycle.eq(cycle),
                    sc::recurring.eq(delta),
                ))
                .on_conflict((sc::plan_id, sc::cycle))
                .do_update()
                .set(sc::recurring.eq(sc::recurring + delta))
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => upsert!(c),
        AnyConnection::Postgresql(c) => upsert!(c),
    }
}

/// Adds a webhook delivery unless its (event, endpoint) has one already: `INSERT OR IGNORE`
/// on SQLite, `ON CONFLICT DO NOTHING` on PostgreSQL. Returns 1 if it was added.
pub(crate) fn insert_delivery_unless_present(
    conn: &mut AnyConnection,
    row: &crate::webhooks::NewDeliveryRow,
) -> QueryResult<usize> {
    use crate::schema::webhook_deliveries::dsl as d;
    match conn {
        AnyConnection::Sqlite(c) => diesel::insert_or_ignore_into(d::webhook_deliveries)
            .values(row)
            .execute(c),
        AnyConnection::Postgresql(c) => diesel::insert_into(d::webhook_deliveries)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c),
    }
}

/// Creates a quota usage counter at 0 unless it exists: `INSERT OR IGNORE` on SQLite,
/// `ON CONFLICT DO NOTHING` on PostgreSQL. Returns 1 if it was added.
pub(crate) fn insert_usage_unless_present(
    conn: &mut AnyConnection,
    tenant: i64,
    quota: &str,
    period: &str,
    now: crate::Timestamp,
) -> QueryResult<usize> {
    use crate::schema::quota_usage::dsl as u;
    let row = (
        u::tenant_id.eq(tenant),
        u::quota_key.eq(quota),
        u::period_key.eq(period),
        u::used.eq(0_i64),
        u::overage.eq(0_i64),
        u::updated_at.eq(now),
    );
    match conn {
        AnyConnection::Sqlite(c) => diesel::insert_or_ignore_into(u::quota_usage)
            .values(row)
            .execute(c),
        AnyConnection::Postgresql(c) => diesel::insert_into(u::quota_usage)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c),
    }
}

/// Claims a consume's idempotency key: inserts its row unless the key has one (`INSERT OR
/// IGNORE` / `ON CONFLICT DO NOTHING`; on PostgreSQL a concurrent claim of the same key waits
/// for the first to commit or roll back). Returns 1 if this call claimed it.
pub(crate) fn insert_consumption_unless_present(
    conn: &mut AnyConnection,
    row: &crate::capabilities::usage::ConsumptionRow,
) -> QueryResult<usize> {
    use crate::schema::quota_consumptions::dsl as c;
    match conn {
        AnyConnection::Sqlite(c) => {
            diesel::insert_or_ignore_into(crate::schema::quota_consumptions::table)
                .values(row)
                .execute(c)
        }
        AnyConnection::Postgresql(conn) => diesel::insert_into(c::quota_consumptions)
            .values(row)
            .on_conflict_do_nothing()
            .execute(conn),
    }
}

/// Records a quota threshold's firing unless it fired already in the period (`INSERT OR
/// IGNORE` / `ON CONFLICT DO NOTHING`; on PostgreSQL a concurrent insert of the same key
/// waits for the first to commit or roll back). Returns 1 if this call recorded it.
pub(crate) fn insert_alert_unless_present(
    conn: &mut AnyConnection,
    key: crate::capabilities::alerts::AlertKey<'_>,
    now: crate::Timestamp,
) -> QueryResult<usize> {
    use crate::schema::quota_alerts::dsl as a;
    let row = (
        a::tenant_id.eq(key.tenant),
        a::quota_key.eq(key.quota),
        a::period_key.eq(key.period),
        a::threshold.eq(key.threshold),
        a::fired_at.eq(now),
    );
    match conn {
        AnyConnection::Sqlite(c) => diesel::insert_or_ignore_into(a::quota_alerts)
            .values(row)
            .execute(c),
        AnyConnection::Postgresql(c) => diesel::insert_into(a::quota_alerts)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c),
    }
}

/// Adds `delta` to a tenant's credit balance in `currency`, creating the row if needed (the
/// same upsert on each backend's own connection, as `upsert_revenue`).
pub(crate) fn upsert_credit(
    conn: &mut AnyConnection,
    tenant: i64,
    currency: &str,
    delta: i64,
) -> QueryResult<usize> {
    macro_rules! upsert {
        ($c:expr) => {
            diesel::insert_into(cb::credit_balances)
                .values((
                    cb::tenant_id.eq(tenant),
                    cb::currency.eq(currency),
                    cb::balance_minor.eq(delta),
                ))
                .on_conflict((cb::tenant_id, cb::currency))
                .do_update()
                .set(cb::balance_minor.eq(cb::balance_minor + delta))
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => upsert!(c),
        AnyConnection::Postgresql(c) => upsert!(c),
    }
}

/// Sets one option of a tenant, creating it if needed (the same upsert on each backend's
/// own connection, as `upsert_revenue`).
pub(crate) fn upsert_tenant_option(
    conn: &mut AnyConnection,
    row: &crate::policies::OptionRow,
) -> QueryResult<usize> {
    use crate::schema::tenant_options::dsl as o;
    macro_rules! upsert {
        ($c:expr) => {
            diesel::insert_into(o::tenant_options)
                .values(row)
                .on_conflict((o::tenant_id, o::category, o::option_key))
                .do_update()
                .set((
                    o::value.eq(&row.value),
                    o::encrypted.eq(row.encrypted),
                    o::locked.eq(row.locked),
                    o::updated_at.eq(row.updated_at),
                ))
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => upsert!(c),
        AnyConnection::Postgresql(c) => upsert!(c),
    }
}

/// Gives `tenant` a request-rate slot free since the epoch unless it has one.
pub(crate) fn insert_rate_slot_unless_present(
    conn: &mut AnyConnection,
    tenant: i64,
) -> QueryResult<usize> {
    use crate::schema::request_rate_slots::dsl as r;
    let row = (r::tenant_id.eq(tenant), r::next_free_us.eq(0_i64));
    match conn {
        AnyConnection::Sqlite(c) => diesel::insert_or_ignore_into(r::request_rate_slots)
            .values(row)
            .execute(c),
        AnyConnection::Postgresql(c) => diesel::insert_into(r::request_rate_slots)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c),
    }
}
