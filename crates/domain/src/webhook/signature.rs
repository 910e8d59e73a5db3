//! Standard Webhooks signatures (<https://www.standardwebhooks.com/>): every delivery
//! carries `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, the last being
//! `v1,<base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))>`, where the key is the
//! base64-decoded part of the secret after `whsec_`. While a rotated-out secret is still
//! valid, the header holds one signature per secret, separated by spaces.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;

/// What every endpoint secret starts with.
pub const SECRET_PREFIX: &str = "whsec_";

/// How many random bytes a new secret holds.
pub const SECRET_BYTES: usize = 32;

/// The header names, as Standard Webhooks spells them.
pub const HEADER_ID: &str = "webhook-id";
pub const HEADER_TIMESTAMP: &str = "webhook-timestamp";
pub const HEADER_SIGNATURE: &str = "webhook-signature";

/// An endpoint's signing secret. Its `Debug` form hides the key.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret {
    key: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("a webhook secret starts with \"whsec_\"")]
    MissingPrefix,
    #[error("a webhook secret is whsec_ followed by base64")]
    NotBase64,
    #[error("a webhook secret's key holds 24 to 64 bytes")]
    BadLength,
}

impl WebhookSecret {
    /// A secret over `key`, which must hold 24 to 64 bytes (Standard Webhooks' range).
    pub fn from_key(key: Vec<u8>) -> Result<Self, SecretError> {
        if (24..=64).contains(&key.len()) {
            Ok(Self { key })
        } else {
            Err(SecretError::BadLength)
        }
    }

    /// Reads `whsec_<base64>`.
    pub fn parse(secret: &str) -> Result<Self, SecretError> {
        let encoded = secret
            .strip_prefix(SECRET_PREFIX)
            .ok_or(SecretError::MissingPrefix)?;
        let key = STANDARD
            .decode(encoded)
            .map_err(|_| SecretError::NotBase64)?;
        Self::from_key(key)
    }

    /// The secret as stored and shown once to its owner: `whsec_<base64>`.
    pub fn expose(&self) -> String {
        format!("{SECRET_PREFIX}{}", STANDARD.encode(&self.key))
    }

    fn mac(&self, id: &str, timestamp: i64, body: &str) -> Hmac<Sha256> {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body.as_bytes());
        mac
    }

    /// One signature: `v1,<base64>`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &str) -> String {
        let tag = self.mac(id, timestamp, body).finalize().into_bytes();
        format!("v1,{}", STANDARD.encode(tag))
    }

    /// Whether any `v1` signature in a `webhook-signature` header was made with this secret
    /// (compared in constant time).
    pub fn verify(&self, header: &str, id: &str, timestamp: i64, body: &str) -> bool {
        header.split(' ').any(|part| {
            part.strip_prefix("v1,")
                .and_then(|b64| STANDARD.decode(b64).ok())
                .is_some_and(|tag| self.mac(id, timestamp, body).verify_slice(&tag).is_ok())
        })
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

/// The `webhook-signature` header: one signature per secret, space-separated.
pub fn signature_header(secrets: &[WebhookSecret], id: &str, timestamp: i64, body: &str) -> String {
    secrets
        .iter()
        .map(|s| s.sign(id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks reference implementations.
    #[test]
    fn matches_the_standard_webhooks_test_vector() {
        let secret = WebhookSecret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let signature = secret.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn verification_needs_the_same_secret_id_timestamp_and_body() {
        let secret = WebhookSecret::from_key(vec![7; 32]).unwrap();
        let other = WebhookSecret::from_key(vec![8; 32]).unwrap();
        let header = signature_header(&[other.clone(), secret.clone()], "evt_1", 100, "{}");
        assert_eq!(header.split(' ').count(), 2);
        assert!(secret.verify(&header, "evt_1", 100, "{}"));
        assert!(other.verify(&header, "evt_1", 100, "{}"));
        assert!(!secret.verify(&header, "evt_2", 100, "{}"));
        assert!(!secret.verify(&header, "evt_1", 101, "{}"));
        assert!(!secret.verify(&header, "evt_1", 100, "{ }"));
        let third = WebhookSecret::from_key(vec![9; 32]).unwrap();
        assert!(!third.verify(&header, "evt_1", 100, "{}"));
    }

    #[test]
    fn secrets_round_trip_and_bad_ones_are_refused() {
        let secret = WebhookSecret::from_key((0..32).collect()).unwrap();
        let shown = secret.expose();
        assert!(shown.starts_with("whsec_"));
        assert_eq!(WebhookSecret::parse(&shown), Ok(secret));
        assert_eq!(WebhookSecret::parse("abc"), Err(SecretError::MissingPrefix));
        assert_eq!(
            WebhookSecret::parse("whsec_!!"),
            Err(SecretError::NotBase64)
        );
        assert_eq!(
            WebhookSecret::parse("whsec_AAAA"),
            Err(SecretError::BadLength)
        );
        assert_eq!(
            format!("{:?}", WebhookSecret::from_key(vec![1; 24]).unwrap()),
            "WebhookSecret(…)"
        );
    }
}
