//! Where SQLite and PostgreSQL are migrated and written differently (a SQLite connection's
//! own settings are `sqlite_settings`). Everything
//! else in this crate is written once against `AnyConnection`, except two readers that take
//! each backend's fastest path: the search (`tenants::text_search`) and the CSV export (`export`).

use crate::connection::AnyConnection;
use crate::schema::credit_balances::dsl as cb;
use crate::schema::invoice_number_sequences::dsl as seq;
use crate::schema::revenue_rollups::dsl as rv;
use crate::schema::subscription_counts::dsl as sc;
use crate::schema::tenant_status_rollups::dsl as sr;
use crate::sqlite_settings::{BULK_CACHE, NORMAL_CACHE};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Applies the pending migrations of the connection's backend; returns their names.
pub(crate) fn run_migrations(
    conn: &mut AnyConnection,
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let applied = match conn {
        AnyConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS)?,
        AnyConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS)?,
    };
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}

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

/// After rows were inserted with explicit ids, PostgreSQL's sequence must move past them;
/// SQLite's AUTOINCREMENT tracks explicit ids by itself.
pub(crate) fn sync_id_sequence(conn: &mut AnyConnection, table: &'static str) -> QueryResult<()> {
    match conn {
        AnyConnection::Sqlite(_) => Ok(()),
        AnyConnection::Postgresql(c) => c.batch_execute(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))"
        )),
    }
}

/// How thoroughly to refresh the planner's statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statistics {
    /// Re-read every table, e.g. after a bulk load or a migration that added indexes.
    Full,
    /// Only tables that changed a lot since they were last read (cheap when nothing did).
    IfStale,
}

/// Refreshes the statistics the query planner chooses indexes by. SQLite has none until
/// `ANALYZE` runs, and without them it may filter through a low-selectivity index and sort
/// the rest instead of walking the sort index; PostgreSQL's autovacuum keeps its own fresh,
/// but only eventually, so a bulk load analyzes at once.
pub(crate) fn refresh_statistics(conn: &mut AnyConnection, how: Statistics) -> QueryResult<()> {
    match (conn, how) {
        (AnyConnection::Sqlite(c), Statistics::Full) => c.batch_execute("ANALYZE"),
        // 0x10002: consider every table, not only those this connection has used.
        (AnyConnection::Sqlite(c), Statistics::IfStale) => {
            c.batch_execute("PRAGMA optimize = 0x10002")
        }
        (AnyConnection::Postgresql(c), Statistics::Full) => c.batch_execute("ANALYZE"),
        (AnyConnection::Postgresql(_), Statistics::IfStale) => Ok(()),
    }
}

/// PostgreSQL's GIN index of search keys (migration `search_keys`).
const POSTGRES_SEARCH_INDEX: &str = "tenants_search_keys_idx";

/// What a bulk load changed and must put back.
#[derive(Debug)]
pub struct BulkLoad {
    /// The search index's insert trigger, as stored, dropped for the load's duration.
    search_trigger: Option<String>,
}

/// Prepares SQLite for a bulk load, which is one long transaction:
/// - a large page cache, or its dirty pages spill to the WAL and are read back repeatedly;
/// - no per-row search-index trigger: FTS5 flushes its pending terms at every statement's
///   savepoint and merges the segments that makes, which made loading 100,000 tenants take
///   ten minutes. [`end_bulk_load`] indexes the new rows in one statement instead.
///
/// PostgreSQL: the search-keys index gathers the new rows' keys in its pending list and
/// merges them in large sorted batches, instead of taking each row's keys at once as it
/// does otherwise (see the `search_keys_immediate` migration); [`end_bulk_load`] merges
/// the rest.
pub(crate) fn begin_bulk_load(conn: &mut AnyConnection) -> QueryResult<BulkLoad> {
    let c = match conn {
        AnyConnection::Sqlite(c) => c,
        AnyConnection::Postgresql(c) => {
            c.batch_execute(&format!(
                "ALTER INDEX {POSTGRES_SEARCH_INDEX} SET (fastupdate = on)"
            ))?;
            return Ok(BulkLoad {
                search_trigger: None,
            });
        }
    };
    #[derive(QueryableByName)]
    struct Sql {
        #[diesel(sql_type = diesel::sql_types::Text)]
        sql: String,
    }
    let trigger = diesel::sql_query(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'tenants_search_insert'",
    )
    .get_result::<Sql>(c)
    .optional()?;
    c.batch_execute(&format!("PRAGMA cache_size = {BULK_CACHE}"))?;
    if trigger.is_some() {
        c.batch_execute("DROP TRIGGER tenants_search_insert")?;
    }
    Ok(BulkLoad {
        search_trigger: trigger.map(|t| t.sql),
    })
}

/// Ends a bulk load in the same transaction. SQLite: indexes the tenants from
/// `first_new_id` on for search and restores the trigger and cache size. PostgreSQL: merges
/// the search index's pending list, which every search would otherwise read, and has the
/// index take keys at once again.
pub(crate) fn end_bulk_load(
    conn: &mut AnyConnection,
    load: BulkLoad,
    first_new_id: i64,
) -> QueryResult<()> {
    let c = match conn {
        AnyConnection::Sqlite(c) => c,
        AnyConnection::Postgresql(c) => {
            return c.batch_execute(&format!(
                "SELECT gin_clean_pending_list('{POSTGRES_SEARCH_INDEX}'); \
                 ALTER INDEX {POSTGRES_SEARCH_INDEX} SET (fastupdate = off)"
            ));
        }
    };
    if let Some(trigger) = load.search_trigger {
        diesel::sql_query(
            "INSERT INTO tenant_search (rowid, search_text) \
             SELECT id, search_text || char(31) FROM tenants WHERE id >= ?",
        )
        .bind::<diesel::sql_types::BigInt, _>(first_new_id)
        .execute(c)?;
        c.batch_execute(&trigger)?;
    }
    c.batch_execute(&format!("PRAGMA cache_size = {NORMAL_CACHE}"))
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

/// The deliveries due at a time, in the order they are due: pending, unclaimed or with a
/// lapsed claim, to an enabled endpoint, and with no earlier event to the same endpoint
/// about the same tenant still pending (deliveries go in event order per endpoint and
/// tenant). `{now}` and `{limit}` are the backend's placeholders.
const DUE_DELIVERIES: &str = "SELECT d.id FROM webhook_deliveries d \
     JOIN webhook_endpoints e ON e.id = d.endpoint_id \
     WHERE d.status = 'pending' AND d.next_attempt_at <= {now} \
       AND (d.locked_until IS NULL OR d.locked_until <= {now}) \
       AND e.enabled \
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p \
           WHERE p.endpoint_id = d.endpoint_id AND p.tenant_id = d.tenant_id \
             AND p.status = 'pending' AND p.event_id < d.event_id) \
     ORDER BY d.next_attempt_at, d.id \
     LIMIT {limit}";

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}

/// Reads the due deliveries (see [`DUE_DELIVERIES`]). For claiming (`for_update`),
/// PostgreSQL locks them `FOR UPDATE SKIP LOCKED`, so concurrent claimers in other processes
/// pass over rows one of them is claiming, and re-checks the claim columns of rows claimed
/// meanwhile; SQLite has a single writer (the database serializes write transactions), so
/// a plain read in the claiming transaction suffices there.
pub(crate) fn due_deliveries(
    conn: &mut AnyConnection,
    now: crate::Timestamp,
    limit: i64,
    for_update: bool,
) -> QueryResult<Vec<i64>> {
    use diesel::sql_types::{BigInt, Timestamp};
    let rows = match conn {
        AnyConnection::Sqlite(c) => diesel::sql_query(
            DUE_DELIVERIES
                .replace("{now}", "?1")
                .replace("{limit}", "?2"),
        )
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .load::<IdRow>(c)?,
        AnyConnection::Postgresql(c) => {
            let sql = DUE_DELIVERIES
                .replace("{now}", "$1")
                .replace("{limit}", "$2");
            let lock = if for_update {
                " FOR UPDATE OF d SKIP LOCKED"
            } else {
                ""
            };
            diesel::sql_query(format!("{sql}{lock}"))
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit)
                .load::<IdRow>(c)?
        }
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The PostgreSQL advisory lock key of webhook fan-out ("LLWHFAN" in ASCII).
const FANOUT_LOCK_KEY: i64 = 0x004c_4c57_4846_414e;

/// Takes the fan-out lock for the rest of the transaction, if no other process holds it:
/// one fan-out at a time gives deliveries in event order, and a second process simply
/// skips its turn. SQLite's single writer needs no lock, so there it is always taken.
pub(crate) fn try_fanout_lock(conn: &mut AnyConnection) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Locked {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        locked: bool,
    }
    match conn {
        AnyConnection::Sqlite(_) => Ok(true),
        AnyConnection::Postgresql(c) => {
            diesel::sql_query("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .bind::<diesel::sql_types::BigInt, _>(FANOUT_LOCK_KEY)
                .get_result::<Locked>(c)
                .map(|l| l.locked)
        }
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

/// Takes the next value of an issuer's invoice-number sequence for `year`: one upsert that
/// creates the row at 1 or increments it, answering the new value. On PostgreSQL the row stays
/// locked until the transaction ends, so concurrent finalisations queue and numbers never skip.
pub(crate) fn next_in_sequence(
    conn: &mut AnyConnection,
    issuer: i64,
    year: i32,
) -> QueryResult<i64> {
    macro_rules! next {
        ($c:expr) => {
            diesel::insert_into(seq::invoice_number_sequences)
                .values((
                    seq::issuer_tenant_id.eq(issuer),
                    seq::year.eq(year),
                    seq::last_value.eq(1_i64),
                ))
                .on_conflict((seq::issuer_tenant_id, seq::year))
                .do_update()
                .set(seq::last_value.eq(seq::last_value + 1))
                .returning(seq::last_value)
                .get_result::<i64>($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => next!(c),
        AnyConnection::Postgresql(c) => next!(c),
    }
}

/// Tables whose rows an operation locks before deciding from them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lockable {
    Subscriptions,
    Invoices,
}

/// Locks one row for the rest of the transaction on PostgreSQL (`SELECT ... FOR UPDATE`), so
/// two processes acting on it queue and the second sees the first's outcome. SQLite's single
/// writer serializes write transactions already, so there this is a no-op.
pub(crate) fn lock_row(conn: &mut AnyConnection, table: Lockable, id: i64) -> QueryResult<()> {
    let sql = match table {
        Lockable::Subscriptions => "SELECT id FROM subscriptions WHERE id = $1 FOR UPDATE",
        Lockable::Invoices => "SELECT id FROM invoices WHERE id = $1 FOR UPDATE",
    };
    match conn {
        AnyConnection::Sqlite(_) => Ok(()),
        AnyConnection::Postgresql(c) => diesel::sql_query(sql)
            .bind::<diesel::sql_types::BigInt, _>(id)
            .load::<IdRow>(c)
            .map(|_| ()),
    }
}

/// Runs `work` in a SQLite transaction that takes the write lock at `BEGIN IMMEDIATE`, so the
/// busy timeout applies to waiting for it: a deferred transaction that reads first and writes
/// later fails at once when another process wrote in between. Rolled back when `work` fails.
/// (On a PostgreSQL connection the three steps are no-ops; callers use diesel's transaction.)
pub(crate) fn immediate_transaction<T, E>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    use diesel::sqlite::SqliteConnection;
    type Manager = AnsiTransactionManager;
    fn on_sqlite(
        conn: &mut AnyConnection,
        step: impl FnOnce(&mut SqliteConnection) -> QueryResult<()>,
    ) -> QueryResult<()> {
        match conn {
            AnyConnection::Sqlite(c) => step(c),
            AnyConnection::Postgresql(_) => Ok(()),
        }
    }
    on_sqlite(conn, |c| {
        Manager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
    })?;
    match work(conn) {
        Ok(value) => {
            on_sqlite(
                conn,
                <Manager as TransactionManager<SqliteConnection>>::commit_transaction,
            )?;
            Ok(value)
        }
        Err(err) => {
            on_sqlite(
                conn,
                <Manager as TransactionManager<SqliteConnection>>::rollback_transaction,
            )?;
            Err(err)
        }
    }
}

/// Inserts usage events unless their id is stored already; answers the ids it added.
/// PostgreSQL: one multi-row `INSERT ... ON CONFLICT DO NOTHING RETURNING id` (a concurrent
/// batch inserting the same id makes this one wait for it to commit, then skip the id).
/// SQLite: its single writer holds the write lock for the whole transaction, so the stored
/// ids are read first and the others inserted in one multi-row statement (diesel's
/// multi-row `RETURNING` under `INSERT OR IGNORE` fails there when an ignored row is last).
pub(crate) fn insert_events_returning_new(
    conn: &mut AnyConnection,
    rows: &[crate::usage::events::NewEventRow],
) -> QueryResult<Vec<String>> {
    use crate::schema::usage_events::dsl as e;
    match conn {
        AnyConnection::Sqlite(c) => {
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            let stored: std::collections::HashSet<String> = e::usage_events
                .filter(e::id.eq_any(&ids))
                .select(e::id)
                .load::<String>(c)?
                .into_iter()
                .collect();
            let new: Vec<&crate::usage::events::NewEventRow> =
                rows.iter().filter(|r| !stored.contains(&r.id)).collect();
            if !new.is_empty() {
                diesel::insert_into(e::usage_events)
                    .values(new.iter().copied().cloned().collect::<Vec<_>>())
                    .execute(c)?;
            }
            Ok(new.into_iter().map(|r| r.id.clone()).collect())
        }
        AnyConnection::Postgresql(c) => diesel::insert_into(e::usage_events)
            .values(rows)
            .on_conflict_do_nothing()
            .returning(e::id)
            .get_results::<String>(c),
    }
}

/// Records unique_count property values unless stored already; answers the ones it added
/// (PostgreSQL: one `ON CONFLICT DO NOTHING RETURNING`; SQLite: `INSERT OR IGNORE` row by
/// row under its single writer, as [`insert_events_returning_new`] explains).
pub(crate) fn insert_distinct_returning_new(
    conn: &mut AnyConnection,
    rows: &[crate::usage::events::DistinctRow],
) -> QueryResult<Vec<crate::usage::events::DistinctRow>> {
    use crate::schema::usage_distinct::dsl as u;
    match conn {
        AnyConnection::Sqlite(c) => {
            let mut added = Vec::new();
            for row in rows {
                if diesel::insert_or_ignore_into(u::usage_distinct)
                    .values(row)
                    .execute(c)?
                    == 1
                {
                    added.push(row.clone());
                }
            }
            Ok(added)
        }
        AnyConnection::Postgresql(c) => diesel::insert_into(u::usage_distinct)
            .values(rows)
            .on_conflict_do_nothing()
            .returning((u::tenant_id, u::meter_key, u::day, u::value))
            .get_results::<crate::usage::events::DistinctRow>(c),
    }
}

/// Merges a batch's figure into a daily usage row, creating it if needed: one `INSERT ...
/// ON CONFLICT DO UPDATE` whose SQL both backends read alike (`$n` placeholders are numbered
/// parameters on PostgreSQL and named ones, bound in order, on SQLite; CASE rather than
/// `MAX`/`GREATEST`, which differ).
pub(crate) fn merge_usage_day(
    conn: &mut AnyConnection,
    row: &crate::usage::daily::DailyRow,
    how: crate::usage::daily::Merge,
    gauge: bool,
) -> QueryResult<usize> {
    use crate::usage::daily::Merge;
    use diesel::sql_types::{BigInt, Date, Double, Nullable, Text, Timestamp};
    const OLD: &str = "usage_daily";
    let merged = match how {
        Merge::Add => format!("{OLD}.value + excluded.value"),
        Merge::Max => format!(
            "CASE WHEN excluded.value > {OLD}.value THEN excluded.value ELSE {OLD}.value END"
        ),
        Merge::Latest => format!(
            "CASE WHEN excluded.last_at >= {OLD}.last_at THEN excluded.value ELSE {OLD}.value END"
        ),
    };
    // A gauge's peak: the highest reading (latest, max) or the highest running figure.
    let candidate = match how {
        Merge::Add => merged.clone(),
        Merge::Max | Merge::Latest => "excluded.peak".to_owned(),
    };
    let peak = if gauge {
        format!(
            "CASE WHEN {OLD}.peak IS NULL OR ({candidate}) > {OLD}.peak THEN ({candidate}) ELSE {OLD}.peak END"
        )
    } else {
        format!("{OLD}.peak")
    };
    let sql = format!(
        "INSERT INTO usage_daily (tenant_id, meter_key, day, value, peak, last_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (tenant_id, meter_key, day) DO UPDATE SET value = {merged}, peak = {peak}, \
         last_at = CASE WHEN excluded.last_at > {OLD}.last_at THEN excluded.last_at ELSE {OLD}.last_at END"
    );
    macro_rules! run {
        ($c:expr) => {
            diesel::sql_query(sql.as_str())
                .bind::<BigInt, _>(row.tenant_id)
                .bind::<Text, _>(&row.meter_key)
                .bind::<Date, _>(row.day)
                .bind::<Double, _>(row.value)
                .bind::<Nullable<Double>, _>(row.peak)
                .bind::<Timestamp, _>(row.last_at)
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => run!(c),
        AnyConnection::Postgresql(c) => run!(c),
    }
}

/// Inserts daily usage rows, many per statement, skipping days that have one.
pub(crate) fn insert_daily_rows(
    conn: &mut AnyConnection,
    rows: &[crate::usage::daily::DailyRow],
) -> QueryResult<usize> {
    use crate::schema::usage_daily::dsl as d;
    macro_rules! insert {
        ($c:expr) => {
            diesel::insert_into(d::usage_daily)
                .values(rows)
                .on_conflict_do_nothing()
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => insert!(c),
        AnyConnection::Postgresql(c) => insert!(c),
    }
}
