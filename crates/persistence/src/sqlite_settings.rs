//! The settings every SQLite connection opens with, and the cache sizes a bulk load switches
//! between. Apart from the dialect (`dialect/`) so that opening a connection needs nothing
//! that itself needs a connection.

use diesel::SqliteConnection;
use diesel::connection::SimpleConnection;

/// The most memory SQLite may keep for page caches across all connections of the process.
const SQLITE_HEAP_LIMIT_BYTES: i64 = 96 * 1024 * 1024;

/// Per-connection SQLite settings: a busy timeout first (so the rest wait for a lock instead
/// of failing when the pool opens connections at once), WAL so readers never block the
/// writer, and foreign keys (off by default in SQLite), which cascading deletion relies on.
///
/// Memory: a search looks up a few thousand candidates scattered over the table's indexes,
/// and every page missing from the cache is a system call and a copy. SQLite's default 2 MiB
/// cache holds a fraction of a 100,000-tenant database's indexes, so each connection may
/// cache up to 64 MiB, while the process-wide soft heap limit keeps all caches together
/// within [`SQLITE_HEAP_LIMIT_BYTES`] (SQLite evicts pages to stay under it).
pub(crate) fn apply(conn: &mut SqliteConnection) -> diesel::QueryResult<()> {
    conn.batch_execute(&format!(
        "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
         PRAGMA foreign_keys = ON; PRAGMA cache_size = {NORMAL_CACHE}; \
         PRAGMA temp_store = MEMORY; PRAGMA soft_heap_limit = {SQLITE_HEAP_LIMIT_BYTES};"
    ))
}

/// `PRAGMA cache_size` in KiB (negative) for normal use.
pub(crate) const NORMAL_CACHE: i64 = -65536;

/// `PRAGMA cache_size` during a bulk load: 512 MiB.
pub(crate) const BULK_CACHE: i64 = -524288;
