//! Idempotency-Key claims and the responses they replay.

use crate::schema::idempotency_keys::dsl as k;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::idempotency_keys)]
pub struct IdempotencyRow {
    pub id: i64,
    pub user_id: i64,
    pub idempotency_key: String,
    pub fingerprint: String,
    pub state: String,
    pub locked_until: Timestamp,
    pub response_status: Option<i32>,
    pub response_content_type: Option<String>,
    pub response_location: Option<String>,
    pub response_body: Option<Vec<u8>>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::idempotency_keys)]
pub struct NewClaim {
    pub user_id: i64,
    pub idempotency_key: String,
    pub fingerprint: String,
    pub state: String,
    pub locked_until: Timestamp,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// The stored response of a completed request.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub status: i32,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

pub fn find(
    conn: &mut AnyConnection,
    user_id: i64,
    key: &str,
) -> Result<Option<IdempotencyRow>, StoreError> {
    Ok(k::idempotency_keys
        .filter(k::user_id.eq(user_id))
        .filter(k::idempotency_key.eq(key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Inserts a claim; `StoreError::Conflict` when the (user, key) pair is already claimed.
pub fn insert(conn: &mut AnyConnection, claim: NewClaim) -> Result<i64, StoreError> {
    Ok(diesel::insert_into(k::idempotency_keys)
        .values(claim)
        .returning(k::id)
        .get_result(conn)?)
}

/// Deletes a claim (an abandoned or expired one being replaced, or one whose request
/// changed nothing and may be retried afresh).
pub fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    diesel::delete(k::idempotency_keys.filter(k::id.eq(id))).execute(conn)?;
    Ok(())
}

/// Marks the claim as committed; called in the transaction of the change it guards.
pub fn mark_committed(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    diesel::update(k::idempotency_keys.filter(k::id.eq(id)))
        .set(k::state.eq("committed"))
        .execute(conn)?;
    Ok(())
}

/// Stores the response that retries replay, if the claim's change committed; answers
/// whether it did.
pub fn complete_if_committed(
    conn: &mut AnyConnection,
    id: i64,
    response: StoredResponse,
) -> Result<bool, StoreError> {
    let updated = diesel::update(
        k::idempotency_keys
            .filter(k::id.eq(id))
            .filter(k::state.eq("committed")),
    )
    .set((
        k::state.eq("completed"),
        k::response_status.eq(Some(response.status)),
        k::response_content_type.eq(response.content_type),
        k::response_location.eq(response.location),
        k::response_body.eq(Some(response.body)),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Releases a claim whose request committed nothing, so a retry runs afresh.
pub fn release_if_running(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    diesel::delete(
        k::idempotency_keys
            .filter(k::id.eq(id))
            .filter(k::state.eq("running")),
    )
    .execute(conn)?;
    Ok(())
}

/// Removes one user's expired keys (cheap: the user's keys are one index range).
pub fn purge_expired_for(
    conn: &mut AnyConnection,
    user_id: i64,
    now: Timestamp,
) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        k::idempotency_keys
            .filter(k::user_id.eq(user_id))
            .filter(k::expires_at.le(now)),
    )
    .execute(conn)?)
}

/// Removes every key past its expiry; returns how many.
pub fn purge_expired(conn: &mut AnyConnection, now: Timestamp) -> Result<usize, StoreError> {
    Ok(diesel::delete(k::idempotency_keys.filter(k::expires_at.le(now))).execute(conn)?)
}
