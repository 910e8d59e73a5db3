use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

string_enum!(/// Where a delivery stands.
    DeliveryStatus {
        /// Waiting for its next attempt (or for an earlier delivery to the same endpoint about
        /// the same tenant, which goes first).
        Pending => "pending",
        /// An attempt was answered with a 2xx status.
        Succeeded => "succeeded",
        /// Every attempt of the schedule failed; only a resend tries again.
        Failed => "failed",
    }
);

/// How long to wait after each failed attempt before the next: 5 s, 5 min, 30 min, 2 h,
/// 5 h, 10 h. After the seventh attempt fails the delivery has failed for good.
pub const RETRY_DELAYS_SECS: [i64; 6] = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600];

/// The most a delay is lengthened by jitter, as a fraction of it, so that deliveries that
/// failed together do not all come back at the same moment.
pub const RETRY_JITTER: f64 = 0.1;

/// When to try again after `failures` failed attempts in a row (1 after the first), given
/// `jitter` in `[0, 1)` from the caller's randomness; `None` once the schedule is spent.
/// Jitter only ever lengthens a delay, so a retry never comes before its nominal time.
pub fn retry_delay(failures: u32, jitter: f64) -> Option<Duration> {
    let index = usize::try_from(failures.checked_sub(1)?).ok()?;
    let base = *RETRY_DELAYS_SECS.get(index)?;
    let jitter = jitter.clamp(0.0, 1.0);
    let millis = (base as f64 * 1000.0 * (1.0 + RETRY_JITTER * jitter)).round() as i64;
    Some(Duration::milliseconds(millis))
}

/// Every attempt a delivery gets before it fails for good: the first and the retries.
pub const MAX_ATTEMPTS: u32 = RETRY_DELAYS_SECS.len() as u32 + 1;

/// How long an endpoint may go without one successful attempt before a delivery that
/// fails for good disables it.
pub const DISABLE_AFTER_DAYS: i64 = 5;

/// Whether an endpoint whose attempts have all failed since `failing_since` is to be
/// disabled now that a delivery has failed for good.
pub fn should_disable(failing_since: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - failing_since >= Duration::days(DISABLE_AFTER_DAYS)
}

/// Why the server disabled an endpoint, as its `disabled_reason` says.
pub fn disabled_reason(failing_since: DateTime<Utc>) -> String {
    format!(
        "disabled automatically: no delivery attempt has succeeded since {} ({DISABLE_AFTER_DAYS} days or more)",
        failing_since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    )
}

/// Whether a response status counts as received.
pub fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// How much of a response body an attempt keeps.
pub const RESPONSE_SNIPPET_BYTES: usize = 1024;

/// The first [`RESPONSE_SNIPPET_BYTES`] of a body as text, cut at a character boundary.
pub fn response_snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(RESPONSE_SNIPPET_BYTES)]);
    let mut end = text.len().min(RESPONSE_SNIPPET_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_schedule_is_5s_5m_30m_2h_5h_10h_then_failed() {
        let nominal: Vec<i64> = (1..=6)
            .map(|n| retry_delay(n, 0.0).unwrap().num_seconds())
            .collect();
        assert_eq!(nominal, [5, 300, 1800, 7200, 18000, 36000]);
        assert_eq!(retry_delay(7, 0.0), None);
        assert_eq!(retry_delay(0, 0.0), None);
        assert_eq!(MAX_ATTEMPTS, 7);
    }

    proptest! {
        #[test]
        fn jitter_lengthens_by_at_most_a_tenth(failures in 1u32..=6, jitter in 0.0f64..1.0) {
            let base = retry_delay(failures, 0.0).unwrap();
            let delay = retry_delay(failures, jitter).unwrap();
            prop_assert!(delay >= base);
            prop_assert!(delay.num_milliseconds() as f64 <= base.num_milliseconds() as f64 * 1.1 + 1.0);
        }

        #[test]
        fn snippets_are_bounded_and_valid_text(body in proptest::collection::vec(any::<u8>(), 0..3000)) {
            let snippet = response_snippet(&body);
            prop_assert!(snippet.len() <= RESPONSE_SNIPPET_BYTES);
        }
    }

    #[test]
    fn snippets_cut_at_character_boundaries() {
        let body = "é".repeat(600);
        let snippet = response_snippet(body.as_bytes());
        assert_eq!(snippet, "é".repeat(512));
    }

    #[test]
    fn five_days_without_success_disable_an_endpoint() {
        let since = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(!should_disable(since, since + Duration::days(4)));
        assert!(should_disable(since, since + Duration::days(5)));
        assert!(disabled_reason(since).contains("2026-01-01T00:00:00Z"));
    }

    #[test]
    fn only_2xx_is_success() {
        assert!(is_success(200) && is_success(204) && is_success(299));
        assert!(!is_success(301) && !is_success(404) && !is_success(500));
    }
}
