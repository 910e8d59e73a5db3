//! Claiming an Idempotency-Key before a request runs, and storing its answer after.
//! The change itself marks the claim committed in its own transaction
//! ([`crate::Context::transaction`]), so a change never exists without its key's record.

use crate::error::{OpError, OpResult};
use landlord_domain::ErrorCode;
use landlord_domain::idempotency::{Decision, KeyState, LEASE, RETENTION, StoredKey, decide};
use landlord_persistence::idempotency::{self as store, NewClaim, StoredResponse};
use landlord_persistence::{Database, StoreError, Timestamp};

/// What the request should do.
#[derive(Debug)]
pub enum Claim {
    /// Run it, holding this claim.
    Run(i64),
    /// Answer with what the first request answered.
    Replay(StoredResponse),
}

/// Claims `key` for `user_id`'s request with `fingerprint`, or says why it may not run.
pub fn claim(
    db: &Database,
    user_id: i64,
    key: &str,
    fingerprint: &str,
    now: Timestamp,
) -> OpResult<Claim> {
    let outcome = db.write(|tx| {
        let stored = store::find(tx, user_id, key)?;
        let state =
            match &stored {
                Some(row) => Some(KeyState::parse(&row.state).ok_or_else(|| {
                    OpError::Internal(format!("unknown key state {:?}", row.state))
                })?),
                None => None,
            };
        let decision = decide(
            stored.as_ref().zip(state).map(|(row, state)| StoredKey {
                fingerprint: &row.fingerprint,
                state,
                locked_until: row.locked_until,
                expires_at: row.expires_at,
            }),
            fingerprint,
            now,
        );
        match (decision, stored) {
            (Decision::Replay, Some(row)) => Ok(Claim::Replay(StoredResponse {
                status: row.response_status.unwrap_or(200),
                content_type: row.response_content_type,
                location: row.response_location,
                body: row.response_body.unwrap_or_default(),
            })),
            (Decision::Reused, _) => Err(OpError::Unprocessable {
                code: ErrorCode::IdempotencyKeyReused,
                detail: "this Idempotency-Key was already used for a different request \
                         (method, path or body)"
                    .into(),
                errors: vec![landlord_domain::wire::FieldError::new(
                    "Idempotency-Key",
                    ErrorCode::IdempotencyKeyReused.as_str(),
                    "was already used for a different request",
                )],
            }),
            (Decision::InUse, _) => Err(in_use()),
            (decision, stored) => {
                if let (Decision::Replace, Some(row)) = (decision, stored) {
                    store::delete(tx, row.id)?;
                }
                store::purge_expired_for(tx, user_id, now)?;
                let id = store::insert(
                    tx,
                    NewClaim {
                        user_id,
                        idempotency_key: key.to_owned(),
                        fingerprint: fingerprint.to_owned(),
                        state: KeyState::Running.as_str().to_owned(),
                        locked_until: now + LEASE,
                        created_at: now,
                        expires_at: now + RETENTION,
                    },
                )?;
                Ok(Claim::Run(id))
            }
        }
    });
    match outcome {
        // Two requests raced to insert the same key: the other one holds it.
        Err(OpError::Store(StoreError::Conflict(_))) => Err(in_use()),
        other => other,
    }
}

/// After the request: stores its answer if its change committed; otherwise releases the
/// claim, since nothing happened and a retry must run afresh.
pub fn finish(db: &Database, claim: i64, response: StoredResponse) -> OpResult<()> {
    db.write(|tx| {
        if !store::complete_if_committed(tx, claim, response)? {
            store::release_if_running(tx, claim)?;
        }
        Ok(())
    })
}

fn in_use() -> OpError {
    OpError::conflict(
        ErrorCode::IdempotencyKeyInUse,
        "a request with this Idempotency-Key is still being processed; retry later",
    )
}
