use crate::connection::{AnyConnection, Backend, ConnectionManager};
use crate::dialect::Statistics;
use crate::{StoreError, dialect};
use diesel::Connection;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Pool = r2d2::Pool<ConnectionManager>;

/// A pool of connections to one database, plus the rules for using it safely.
#[derive(Clone)]
pub struct Database {
    pool: Pool,
    backend: Backend,
    /// SQLite allows one writer at a time, and a deferred transaction that upgrades to a
    /// write can fail with SQLITE_BUSY without waiting. Serializing writers in-process
    /// avoids that, and write transactions begin `IMMEDIATE` so writers in other processes
    /// (several servers over one file) wait their turn too; PostgreSQL needs no such lock.
    sqlite_writer: Arc<Mutex<()>>,
    /// The SQLite database file (or `file:` URI), for readers that open their own connection.
    sqlite_file: Option<String>,
}

impl Database {
    /// Opens a pool for `url` (`sqlite://path` or `postgres://...`). For SQLite the parent
    /// directory of the file is created if missing.
    pub fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let (backend, target) =
            Backend::from_url(url).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        if backend == Backend::Sqlite
            && let Some(dir) = std::path::Path::new(&target).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Unavailable(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
        let pool = r2d2::Pool::builder()
            .max_size(max_connections.max(1))
            // A round trip per checkout costs more than the rare broken connection, which
            // fails its query and is replaced.
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(10))
            .build(ConnectionManager::new(backend, target.clone()))?;
        Ok(Self {
            pool,
            backend,
            sqlite_writer: Arc::new(Mutex::new(())),
            sqlite_file: (backend == Backend::Sqlite).then_some(target),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SQLite database file, if this is SQLite.
    pub(crate) fn sqlite_file(&self) -> Option<&str> {
        self.sqlite_file.as_deref()
    }

    /// Applies pending migrations; returns the names of those applied.
    pub fn migrate(&self) -> Result<Vec<String>, StoreError> {
        let mut conn = self.pool.get()?;
        dialect::run_migrations(&mut conn)
            .map_err(|e| StoreError::Unavailable(format!("migration failed: {e}")))
    }

    /// Runs read-only work on a pooled connection. Blocking: call from a blocking thread.
    pub fn read<T, E>(&self, work: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let mut conn = self.pool.get().map_err(StoreError::from)?;
        work(&mut conn)
    }

    /// Runs `work` in one transaction: everything it writes commits together or not at all.
    /// Blocking: call from a blocking thread.
    pub fn write<T, E>(&self, work: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError> + From<diesel::result::Error>,
    {
        let _guard = match self.backend {
            Backend::Sqlite => Some(
                self.sqlite_writer
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()),
            ),
            Backend::Postgres => None,
        };
        let mut pooled = self.pool.get().map_err(StoreError::from)?;
        let conn: &mut AnyConnection = &mut pooled;
        match conn {
            AnyConnection::Sqlite(_) => dialect::immediate_transaction(conn, work),
            AnyConnection::Postgresql(_) => conn.transaction(work),
        }
    }

    /// Refreshes the query planner's statistics (see [`Statistics`]).
    pub fn refresh_statistics(&self, how: Statistics) -> Result<(), StoreError> {
        let mut conn = self.pool.get()?;
        dialect::refresh_statistics(&mut conn, how).map_err(StoreError::from)
    }

    /// Whether the database answers.
    pub fn ping(&self) -> Result<(), StoreError> {
        use diesel::connection::SimpleConnection;
        let mut conn = self.pool.get()?;
        conn.batch_execute("SELECT 1").map_err(StoreError::from)
    }
}
