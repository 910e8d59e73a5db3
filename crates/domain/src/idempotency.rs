//! Idempotency-Key: what a request carrying a key gets, given what is stored for that key.
//! Stripe's semantics: the first request's answer is replayed to retries for at least a
//! day; the same key on a different request is refused; a retry while the first still runs
//! is refused without waiting.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The longest key accepted.
pub const MAX_KEY_LENGTH: usize = 255;
/// How long a key and its answer are kept for replay.
pub const RETENTION: Duration = Duration::hours(24);
/// How long a claim may run before it counts as abandoned (its server died before
/// committing). Operations finish in well under this.
pub const LEASE: Duration = Duration::seconds(60);

string_enum!(/// Where a stored key stands.
    KeyState {
        /// A request holds it and has committed nothing yet.
        Running => "running",
        /// Its change committed; the answer is being stored.
        Committed => "committed",
        /// Its answer is stored.
        Completed => "completed",
    }
);

/// A key as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredKey<'a> {
    pub fingerprint: &'a str,
    pub state: KeyState,
    pub locked_until: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// What to do with a request that carries a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Nothing usable is stored: claim the key and run the request.
    Claim,
    /// An abandoned or expired claim is stored: replace it, then run the request.
    Replace,
    /// Answer with the stored response.
    Replay,
    /// The key was used for a different request: 422 `idempotency_key_reused`.
    Reused,
    /// The first request is still running (or its answer is being stored): 409
    /// `idempotency_key_in_use`.
    InUse,
}

/// Decides, for a request with `fingerprint` at `now`, given what is stored for its key.
pub fn decide(stored: Option<StoredKey<'_>>, fingerprint: &str, now: NaiveDateTime) -> Decision {
    let Some(stored) = stored else {
        return Decision::Claim;
    };
    if stored.expires_at <= now {
        return Decision::Replace;
    }
    if stored.fingerprint != fingerprint {
        return Decision::Reused;
    }
    match stored.state {
        KeyState::Completed => Decision::Replay,
        KeyState::Committed => Decision::InUse,
        KeyState::Running if stored.locked_until <= now => Decision::Replace,
        KeyState::Running => Decision::InUse,
    }
}

/// Whether a header value is an acceptable key: 1 to 255 visible ASCII characters.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= MAX_KEY_LENGTH && key.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap()
    }

    fn key(state: KeyState) -> StoredKey<'static> {
        StoredKey {
            fingerprint: "f",
            state,
            locked_until: at(1),
            expires_at: at(20),
        }
    }

    #[test]
    fn a_fresh_key_is_claimed() {
        assert_eq!(decide(None, "f", at(0)), Decision::Claim);
    }

    #[test]
    fn a_completed_key_replays_only_the_same_request() {
        assert_eq!(
            decide(Some(key(KeyState::Completed)), "f", at(2)),
            Decision::Replay
        );
        assert_eq!(
            decide(Some(key(KeyState::Completed)), "g", at(2)),
            Decision::Reused
        );
    }

    #[test]
    fn a_running_key_is_in_use_until_its_lease_ends() {
        assert_eq!(
            decide(Some(key(KeyState::Running)), "f", at(0)),
            Decision::InUse
        );
        assert_eq!(
            decide(Some(key(KeyState::Running)), "f", at(1)),
            Decision::Replace
        );
    }

    #[test]
    fn a_committed_key_is_never_run_again() {
        assert_eq!(
            decide(Some(key(KeyState::Committed)), "f", at(5)),
            Decision::InUse
        );
    }

    #[test]
    fn an_expired_key_is_replaced_whatever_it_held() {
        for state in [KeyState::Running, KeyState::Committed, KeyState::Completed] {
            assert_eq!(decide(Some(key(state)), "g", at(20)), Decision::Replace);
        }
    }

    #[test]
    fn keys_are_visible_ascii_up_to_255_characters() {
        assert!(valid_key("a"));
        assert!(valid_key(&"k".repeat(255)));
        assert!(!valid_key(&"k".repeat(256)));
        assert!(!valid_key(""));
        assert!(!valid_key("has space"));
        assert!(!valid_key("ünïcode"));
    }
}
