//! The `Idempotency-Key` header on every `POST`, `PATCH` and `DELETE` under `/api/v1`.
//!
//! Before the handler runs, the key is claimed for the signed-in user (or the stored answer
//! replayed, or the request refused); the handler's operation marks the claim committed in
//! its own transaction (see `Context::transaction`); afterwards the answer is stored for
//! retries. A request that committed nothing (it failed) releases its claim.

use crate::context::IdempotencyClaim;
use crate::error::ApiError;
use crate::json::MAX_BATCH_BODY_BYTES;
use crate::methods::AllowedMethods;
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, web};
use futures_util::StreamExt;
use landlord_domain::idempotency::valid_key;
use landlord_operations::idempotency::{self, Claim};
use landlord_persistence::idempotency::StoredResponse;
use sha2::{Digest, Sha256};

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotent-replayed";

pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(key) = req.headers().get(HEADER).cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let mutates = [Method::POST, Method::PATCH, Method::DELETE].contains(req.method());
    if !mutates || !req.path().starts_with("/api/v1/") {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    // A method no operation takes answers 405 whatever the key.
    let routed = req
        .app_data::<web::Data<AllowedMethods>>()
        .is_some_and(|methods| methods.routes(req.method().as_str(), req.path()));
    if !routed {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    // Keys belong to the signed-in user; without a valid token the handler answers 401.
    // The verified token stays in the request for the handler's `Principal`.
    let Ok(session) = crate::auth::session(req.request(), &state.tokens, state.clock.as_ref())
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let user_id = session.user_id.0;
    let key = match key.to_str().ok().filter(|k| valid_key(k)) {
        Some(key) => key.to_owned(),
        None => {
            let error = ApiError::field(
                "Idempotency-Key",
                "invalid_idempotency_key",
                "must be 1 to 255 visible ASCII characters",
            );
            return Ok(req.error_response(error).map_into_boxed_body());
        }
    };

    let body = match read_body(&mut req).await {
        Ok(body) => body,
        Err(error) => return Ok(req.error_response(error).map_into_boxed_body()),
    };
    let fingerprint = fingerprint(&req, &body);
    req.set_payload(body.into());

    let now = state.now();
    let db = state.db.clone();
    let claimed = web::block(move || idempotency::claim(&db, user_id, &key, &fingerprint, now))
        .await
        .map_err(ApiError::from)
        .and_then(|claimed| claimed.map_err(ApiError::from));
    let claim = match claimed {
        Ok(Claim::Run(claim)) => claim,
        Ok(Claim::Replay(stored)) => {
            let response = replay(stored);
            return Ok(req.into_response(response));
        }
        Err(error) => return Ok(req.error_response(error).map_into_boxed_body()),
    };
    req.extensions_mut().insert(IdempotencyClaim(claim));

    let response = next.call(req).await?;
    let (request, response) = response.into_parts();
    let status = response.status();
    let content_type = text_header(response.headers().get(header::CONTENT_TYPE));
    let location = text_header(response.headers().get(header::LOCATION));
    let (head, body) = response.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|_| ApiError::Internal("could not buffer the response".into()))?;
    let stored = StoredResponse {
        status: i32::from(status.as_u16()),
        content_type,
        location,
        body: bytes.to_vec(),
    };
    let db = state.db.clone();
    // If storing fails the answer still goes out; a retry then finds the key committed and
    // answers 409 rather than running the change twice.
    match web::block(move || idempotency::finish(&db, claim, stored)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::error!(error = %e, "could not store an idempotent response"),
        Err(e) => tracing::error!(error = %e, "could not store an idempotent response"),
    }
    let response = head.set_body(bytes).map_into_boxed_body();
    Ok(ServiceResponse::new(request, response))
}

/// The request's body, read whole, up to the largest limit of any endpoint (a usage batch's);
/// the endpoint's own, usually smaller, limit then applies as it parses the body.
async fn read_body(req: &mut ServiceRequest) -> Result<web::Bytes, ApiError> {
    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::MalformedBody(format!("could not read the body: {e}")))?;
        if body.len() + chunk.len() > MAX_BATCH_BODY_BYTES {
            return Err(ApiError::PayloadTooLarge(MAX_BATCH_BODY_BYTES));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// What makes two requests "the same": method, path with query, and body.
fn fingerprint(req: &ServiceRequest, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(req.method().as_str().as_bytes());
    hash.update(b" ");
    hash.update(
        req.uri()
            .path_and_query()
            .map_or("", |p| p.as_str())
            .as_bytes(),
    );
    hash.update(b"\n");
    hash.update(body);
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn text_header(value: Option<&HeaderValue>) -> Option<String> {
    value.and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn replay(stored: StoredResponse) -> HttpResponse {
    let status = u16::try_from(stored.status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    response.insert_header((HeaderName::from_static(REPLAYED), "true"));
    if let Some(content_type) = stored.content_type {
        response.insert_header((header::CONTENT_TYPE, content_type));
    }
    if let Some(location) = stored.location {
        response.insert_header((header::LOCATION, location));
    }
    response.body(stored.body)
}
