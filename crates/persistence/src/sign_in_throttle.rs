//! Sign-in throttling state: one row per [`ThrottleKey`] holding its current streak of
//! failures. The rule that reads and advances a streak is `landlord_domain::sign_in_throttle`;
//! this module stores it.
//!
//! Concurrency: [`lock`] takes the key's row lock (PostgreSQL: a row lock held until the
//! transaction ends; SQLite: `Database::write` already serializes writers), so the read, the
//! rule and the [`save`] that follows are one atomic step however many attempts arrive at
//! once, in one process or several. Transactions lock account keys before address keys and
//! take no other throttle row after an address key, so they cannot deadlock each other.

use crate::schema::sign_in_throttle::dsl as s;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use landlord_domain::sign_in_throttle::{FailureRecord, ThrottleKey, ThrottleScope};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::sign_in_throttle)]
pub struct ThrottleRow {
    pub id: i64,
    pub scope: String,
    pub tenant: String,
    pub subject: String,
    pub failures: i32,
    pub first_failure_at: Timestamp,
    pub last_failure_at: Timestamp,
    pub locked_until: Option<Timestamp>,
    pub expires_at: Timestamp,
}

impl ThrottleRow {
    /// The streak this row holds; `None` for a row without failures.
    pub fn record(&self) -> Option<FailureRecord> {
        let failures = u32::try_from(self.failures).ok().filter(|&n| n > 0)?;
        Some(FailureRecord {
            failures,
            first_failure_at: self.first_failure_at,
            last_failure_at: self.last_failure_at,
        })
    }
}

/// The rows of `key` (at most one).
fn of_key(key: &ThrottleKey) -> of_parts<'_> {
    of_parts(key.scope.as_str(), &key.tenant, &key.subject)
}

#[diesel::dsl::auto_type]
fn of_parts<'a>(scope: &'a str, tenant: &'a str, subject: &'a str) -> _ {
    s::sign_in_throttle
        .filter(s::scope.eq(scope))
        .filter(s::tenant.eq(tenant))
        .filter(s::subject.eq(subject))
}

/// The key's row, without locking it (for reading the state from outside a sign-in).
pub fn find(
    conn: &mut AnyConnection,
    key: &ThrottleKey,
) -> Result<Option<ThrottleRow>, StoreError> {
    Ok(of_key(key)
        .select(ThrottleRow::as_select())
        .first(conn)
        .optional()?)
}

/// Locks the key's row until the transaction ends, creating it if there is none yet, and
/// returns the streak it holds. Call it inside `Database::write`.
pub fn lock(
    conn: &mut AnyConnection,
    key: &ThrottleKey,
    now: Timestamp,
) -> Result<Option<FailureRecord>, StoreError> {
    // Each round either locks an existing row or creates one. A round fails only when
    // another transaction created the row meanwhile (then the next round locks it) or
    // deleted it while this one waited for its lock (then the next round creates it).
    for _ in 0..4 {
        // An update that changes nothing takes the row lock (PostgreSQL waits here for a
        // transaction holding it and then sees its committed row).
        let locked = diesel::update(of_key(key))
            .set(s::failures.eq(s::failures))
            .execute(conn)?;
        if locked > 0 {
            return Ok(find(conn, key)?.and_then(|row| row.record()));
        }
        // In a savepoint: on PostgreSQL a failed statement would abort the whole transaction.
        let created = conn.transaction(|tx| {
            diesel::insert_into(s::sign_in_throttle)
                .values((
                    s::scope.eq(key.scope.as_str()),
                    s::tenant.eq(key.tenant.as_str()),
                    s::subject.eq(key.subject.as_str()),
                    s::failures.eq(0),
                    s::first_failure_at.eq(now),
                    s::last_failure_at.eq(now),
                    s::locked_until.eq(None::<Timestamp>),
                    s::expires_at.eq(now),
                ))
                .execute(tx)
        });
        match created {
            // A row this transaction inserted is its own until it commits.
            Ok(_) => return Ok(None),
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(StoreError::Unavailable(format!(
        "the sign-in throttle row of {} {:?} kept changing",
        key.scope.as_str(),
        key.subject
    )))
}

/// Stores the key's streak (`None` clears it). The key must be [`lock`]ed in this transaction.
pub fn save(
    conn: &mut AnyConnection,
    key: &ThrottleKey,
    record: Option<FailureRecord>,
) -> Result<(), StoreError> {
    let Some(record) = record else {
        diesel::delete(of_key(key)).execute(conn)?;
        return Ok(());
    };
    let rule = key.rule();
    diesel::update(of_key(key))
        .set((
            s::failures.eq(i32::try_from(record.failures).unwrap_or(i32::MAX)),
            s::first_failure_at.eq(record.first_failure_at),
            s::last_failure_at.eq(record.last_failure_at),
            s::locked_until.eq(rule.locked_until(&record)),
            s::expires_at.eq(rule.expires_at(&record)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes the scope's rows whose streak is over at `now`; returns how many. Run it in a
/// transaction of its own, one scope at a time: it then holds only rows of one scope while
/// it waits for others, which keeps it from deadlocking with sign-ins.
pub fn purge_expired(
    conn: &mut AnyConnection,
    scope: ThrottleScope,
    now: Timestamp,
) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        s::sign_in_throttle
            .filter(s::scope.eq(scope.as_str()))
            .filter(s::expires_at.le(now)),
    )
    .execute(conn)?)
}
