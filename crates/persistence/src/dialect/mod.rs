//! Where SQLite and PostgreSQL are migrated and written differently: `upserts` (the
//! insert-or-add statements), `usage` (metering's bulk statements and the usage table's
//! grouped read), `claims` (which background work is due, locked for its claim), and here
//! migrations, sequences, statistics, row locks and SQLite's immediate transactions (a SQLite
//! connection's own settings are `sqlite_settings`). Everything else in this crate is written
//! once against `AnyConnection`, except two readers that take each backend's fastest path:
//! the search (`tenants::text_search`) and the CSV export (`export`).

use crate::connection::AnyConnection;
use crate::schema::invoice_number_sequences::dsl as seq;
use crate::sqlite_settings::{BULK_CACHE, NORMAL_CACHE};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

mod claims;
mod upserts;
mod usage;
pub(crate) use claims::*;
pub(crate) use upserts::*;
pub(crate) use usage::*;

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

#[derive(QueryableByName)]
pub(crate) struct IdRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub(crate) id: i64,
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
    /// Keyed by tenant id.
    RequestRateSlots,
}

/// Locks one row for the rest of the transaction on PostgreSQL (`SELECT ... FOR UPDATE`), so
/// two processes acting on it queue and the second sees the first's outcome. SQLite's single
/// writer serializes write transactions already, so there this is a no-op.
pub(crate) fn lock_row(conn: &mut AnyConnection, table: Lockable, id: i64) -> QueryResult<()> {
    let sql = match table {
        Lockable::Subscriptions => "SELECT id FROM subscriptions WHERE id = $1 FOR UPDATE",
        Lockable::Invoices => "SELECT id FROM invoices WHERE id = $1 FOR UPDATE",
        Lockable::RequestRateSlots => {
            "SELECT tenant_id AS id FROM request_rate_slots WHERE tenant_id = $1 FOR UPDATE"
        }
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
