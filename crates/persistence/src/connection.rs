use crate::sqlite_settings;
use diesel::{Connection, ConnectionError, PgConnection, SqliteConnection};

/// One connection type over both backends; queries written once run on either.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// The backend type of `AnyConnection`, for naming boxed queries.
pub(crate) type Db = <AnyConnection as diesel::Connection>::Backend;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Chooses the backend from the URL scheme and returns what its driver expects.
    /// (diesel's own `establish` on the enum tries backends in turn, and SQLite accepts any
    /// string as a file name, so a mistyped PostgreSQL URL would silently create a file.)
    pub fn from_url(url: &str) -> Result<(Self, String), ConnectionError> {
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            return Ok((Self::Sqlite, path.to_owned()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok((Self::Postgres, url.to_owned()));
        }
        Err(ConnectionError::InvalidConnectionUrl(
            "the database URL must start with sqlite:// or postgres://".to_owned(),
        ))
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// An r2d2 manager that opens the backend named by the URL and prepares each connection.
#[derive(Debug)]
pub(crate) struct ConnectionManager {
    backend: Backend,
    target: String,
}

impl ConnectionManager {
    pub(crate) fn new(backend: Backend, target: String) -> Self {
        Self { backend, target }
    }
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        let conn = match self.backend {
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.target)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                sqlite_settings::apply(&mut conn).map_err(diesel::r2d2::Error::QueryError)?;
                AnyConnection::Sqlite(conn)
            }
            Backend::Postgres => {
                // No session settings: PostgreSQL may keep generic plans for diesel's cached
                // statements, and the searches, whose plans depend on the needle, are raw SQL,
                // which diesel never caches, so they are planned for their values every time.
                let conn = PgConnection::establish(&self.target)
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                AnyConnection::Postgresql(conn)
            }
        };
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        use diesel::connection::SimpleConnection;
        conn.batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut AnyConnection) -> bool {
        false
    }
}
