use super::TokenKeys;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use landlord_domain::{Clock, UserId};
use landlord_operations::Caller;
use landlord_operations::auth::{self, Session};
use std::future::Future;
use std::pin::Pin;

/// The authenticated caller. Extracting it verifies the bearer token and then checks the
/// database on every request (`operations::auth::authenticate`), so suspending a tenant (or
/// any ancestor), disabling a user or signing out takes effect on the very next request,
/// not when the token expires. It is the operations layer's [`Caller`], which decides what
/// the caller may do.
#[derive(Debug, Clone)]
pub struct Principal(pub Caller);

impl std::ops::Deref for Principal {
    type Target = Caller;

    fn deref(&self) -> &Caller {
        &self.0
    }
}

/// The caller as the operations layer knows them.
impl From<Principal> for Caller {
    fn from(principal: Principal) -> Self {
        principal.0
    }
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Once per request, however many extractors ask: a second admission would count
        // the request against its tenant's rate twice.
        if let Some(known) = req.extensions().get::<Principal>().cloned() {
            return Box::pin(async move { Ok(known) });
        }
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let req = req.clone();
        let session = state
            .as_ref()
            .map(|state| session(&req, &state.tokens, state.clock.as_ref()));
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let session = match session {
                Some(Ok(session)) => session,
                Some(Err(refusal)) => return Err(ApiError::unauthorized(refusal.detail())),
                None => return Err(ApiError::Internal("application state missing".into())),
            };
            let now = state.now();
            let caller = state
                .read(move |db| auth::authenticate(db, session, now))
                .await?;
            crate::request_rate::serve(&state, &req, caller.request_limits).await?;
            let principal = Principal(caller);
            req.extensions_mut().insert(principal.clone());
            Ok(principal)
        })
    }
}

/// Why a request has no session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    NoToken,
    BadToken,
}

impl Refusal {
    fn detail(self) -> &'static str {
        match self {
            Self::NoToken => "send a bearer token in the Authorization header",
            Self::BadToken => "the token is invalid or expired",
        }
    }
}

/// The outcome of verifying a request's token, kept in its extensions so the token is
/// verified once per request whoever asks first (the idempotency middleware or the
/// extractor).
#[derive(Debug, Clone, Copy)]
struct Verified(Result<Session, Refusal>);

/// The session the request's bearer token claims, if the token is authentic and unexpired
/// (by `clock`). Whether the session still holds is `authenticate`'s question.
pub(crate) fn session(
    req: &HttpRequest,
    keys: &TokenKeys,
    clock: &dyn Clock,
) -> Result<Session, Refusal> {
    if let Some(Verified(outcome)) = req.extensions().get::<Verified>() {
        return *outcome;
    }
    let outcome = verify(req, keys, clock);
    req.extensions_mut().insert(Verified(outcome));
    outcome
}

fn verify(req: &HttpRequest, keys: &TokenKeys, clock: &dyn Clock) -> Result<Session, Refusal> {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or(Refusal::NoToken)?;
    let claims = keys.verify(token, clock.now()).ok_or(Refusal::BadToken)?;
    let user_id = claims.sub.parse::<i64>().map_err(|_| Refusal::BadToken)?;
    Ok(Session {
        user_id: UserId(user_id),
        tenant_id: claims.tid,
        generation: claims.sgen,
        support_tenant: claims.stid,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use actix_web::test::TestRequest;
    use landlord_domain::FixedClock;

    #[test]
    fn a_token_is_verified_once_per_request() {
        let clock = FixedClock::at(chrono::Utc::now());
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", 3600);
        let token = keys.issue(7, 1, 3, clock.now()).unwrap();
        let req = TestRequest::default()
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
            .to_http_request();
        let expected = Ok(Session {
            user_id: UserId(7),
            tenant_id: 1,
            generation: 3,
            support_tenant: None,
        });
        assert_eq!(session(&req, &keys, &clock), expected);
        // Keys that would refuse the token: the outcome of the first verification stands.
        let others = TokenKeys::new(b"another secret, also long enough!", 3600);
        assert_eq!(session(&req, &others, &clock), expected);
        let fresh = TestRequest::default()
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
            .to_http_request();
        assert_eq!(session(&fresh, &others, &clock), Err(Refusal::BadToken));
        let anonymous = TestRequest::default().to_http_request();
        assert_eq!(session(&anonymous, &keys, &clock), Err(Refusal::NoToken));
    }
}
