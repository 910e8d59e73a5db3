//! HS256 access tokens. The algorithm is pinned: tokens claiming `none` or any other
//! algorithm are rejected, as are expired, not-yet-valid, tampered, wrong-issuer and
//! wrong-audience ones. Expiry is checked against the injected clock.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "landlord";
pub const AUDIENCE: &str = "landlord-api";
/// Tolerated clock skew between token issuer and verifier.
const LEEWAY_SECONDS: i64 = 5;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The user's tenant id.
    pub tid: i64,
    /// The user's session generation at issue; signing out bumps it and so revokes the token.
    pub sgen: i64,
    /// For a support session: the tenant the support user acts in (`tid` stays their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stid: Option<i64>,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub ttl_seconds: i64,
}

impl TokenKeys {
    pub fn new(secret: &[u8], ttl_seconds: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "nbf", "iss", "aud", "sub"]);
        // Time claims are checked in `verify` against the injected clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl_seconds,
        }
    }

    pub fn issue(
        &self,
        user_id: i64,
        tenant_id: i64,
        session_generation: i64,
        now: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        self.issue_session(user_id, tenant_id, session_generation, None, now)
    }

    /// A token, for a support session when `support_tenant` names the tenant acted in.
    pub fn issue_session(
        &self,
        user_id: i64,
        tenant_id: i64,
        session_generation: i64,
        support_tenant: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let iat = now.timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            tid: tenant_id,
            sgen: session_generation,
            stid: support_tenant,
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            iat,
            nbf: iat,
            exp: iat + self.ttl_seconds,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The token's claims, if it is authentic and valid at `now`.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Option<Claims> {
        let claims = decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()?
            .claims;
        let now = now.timestamp();
        let timely = claims.exp > now - LEEWAY_SECONDS
            && claims.nbf <= now + LEEWAY_SECONDS
            && claims.iat <= now + LEEWAY_SECONDS;
        timely.then_some(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn keys() -> TokenKeys {
        TokenKeys::new(b"0123456789abcdef0123456789abcdef", 3600)
    }

    #[test]
    fn a_fresh_token_verifies_until_it_expires() {
        let now = Utc::now();
        let token = keys().issue(7, 1, 0, now).unwrap();
        assert_eq!(
            keys().verify(&token, now).map(|c| (c.sub, c.tid)),
            Some(("7".to_owned(), 1))
        );
        assert!(
            keys()
                .verify(&token, now + Duration::seconds(3599))
                .is_some()
        );
        assert!(
            keys()
                .verify(&token, now + Duration::seconds(3600 + LEEWAY_SECONDS))
                .is_none()
        );
        assert!(
            keys().verify(&token, now - Duration::seconds(60)).is_none(),
            "not valid before it was issued"
        );
    }

    #[test]
    fn other_secrets_and_tampering_are_rejected() {
        let now = Utc::now();
        let token = keys().issue(7, 1, 0, now).unwrap();
        let other = TokenKeys::new(b"another secret, also long enough!", 3600);
        assert!(other.verify(&token, now).is_none());
        let mut tampered = token.clone();
        tampered.replace_range(tampered.len() - 3.., "AAA");
        assert!(keys().verify(&tampered, now).is_none());
    }
}
