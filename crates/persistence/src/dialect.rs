//! The one place where SQLite and PostgreSQL are treated differently. Everything else in
//! this crate is written once against `AnyConnection`.

use crate::connection::AnyConnection;
use diesel::SqliteConnection;
use diesel::connection::SimpleConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Per-connection SQLite settings: a busy timeout first (so the rest wait for a lock instead
/// of failing when the pool opens connections at once), WAL so readers never block the
/// writer, and foreign keys (off by default in SQLite), which cascading deletion relies on.
pub(crate) fn prepare_sqlite(conn: &mut SqliteConnection) -> diesel::QueryResult<()> {
    conn.batch_execute(
        "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
    )
}

/// Applies the pending migrations of the connection's backend; returns their names.
pub(crate) fn run_migrations(conn: &mut AnyConnection) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let applied = match conn {
        AnyConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS)?,
        AnyConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS)?,
    };
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}
