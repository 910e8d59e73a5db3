//! What a handler hands to an operation: the operations layer's [`Context`], built from the
//! authenticated caller, the clock, the request id and the Idempotency-Key claim (which the
//! idempotency middleware leaves in the request's extensions).

use crate::auth::Principal;
use crate::error::ApiError;
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use landlord_operations::Context;
use std::future::Future;
use std::pin::Pin;

/// The Idempotency-Key claim a request holds, put there by the idempotency middleware.
#[derive(Debug, Clone, Copy)]
pub struct IdempotencyClaim(pub i64);

/// The context of an authenticated request's operation.
#[derive(Debug, Clone)]
pub struct Acting(pub Context);

impl std::ops::Deref for Acting {
    type Target = Context;

    fn deref(&self) -> &Context {
        &self.0
    }
}

impl FromRequest for Acting {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let principal = Principal::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let Principal(caller) = principal.await?;
            // After admission: a request that waited its turn acts as of when it is served.
            let mut context = anonymous(&req)?;
            context.caller = Some(caller);
            Ok(Acting(context))
        })
    }
}

/// The context of a request from a signed-in user **or** a service token (`llst_...`): what
/// the operator's services call (consume, release, entitlements). Everywhere else a service
/// token is no session token and answers 401.
#[derive(Debug, Clone)]
pub struct ActingOrService(pub Context);

impl std::ops::Deref for ActingOrService {
    type Target = Context;

    fn deref(&self) -> &Context {
        &self.0
    }
}

/// The service token in the request's `Authorization: Bearer` header, if it is one.
fn service_token(req: &HttpRequest) -> Option<String> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?
        .trim();
    token
        .starts_with(landlord_domain::service_token::PREFIX)
        .then(|| token.to_owned())
}

impl FromRequest for ActingOrService {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let Some(token) = service_token(req) else {
            let acting = Acting::from_request(req, payload);
            return Box::pin(async move { Ok(Self(acting.await?.0)) });
        };
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let caller = state
                .read(move |db| landlord_operations::service_tokens::authenticate(db, &token))
                .await?;
            crate::request_rate::serve(&state, &req, caller.request_limits).await?;
            let mut context = anonymous(&req)?;
            context.caller = Some(caller);
            Ok(Self(context))
        })
    }
}

/// The context of an operation nobody is signed in for (signing in, a reset link).
pub struct Anonymous(pub Context);

impl FromRequest for Anonymous {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(anonymous(req).map(Anonymous))
    }
}

fn anonymous(req: &HttpRequest) -> Result<Context, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let mut context = Context::new(None, state.now(), request_id);
    context.idempotency_claim = req.extensions().get::<IdempotencyClaim>().map(|c| c.0);
    Ok(context)
}
