//! Per-tenant request-rate limits at the door (seed 003): once a request's caller is known,
//! its tenant's limit decides whether it is served now, waits its turn, or is refused with
//! 429 problem+json. Every served limited response, and the refusal, carry the
//! `RateLimit-Policy` and `RateLimit` fields of the IETF draft
//! (draft-ietf-httpapi-ratelimit-headers), so clients can pace themselves.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, web};
use landlord_domain::rate_limit::{Admission, LimitState, LimitedTenant, Micros, RateLimit};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The decision's numbers, as the response reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitReport {
    pub limit: RateLimit,
    pub state: LimitState,
}

const POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");
const STATE: HeaderName = HeaderName::from_static("ratelimit");

impl RateLimitReport {
    /// `RateLimit-Policy: "tenant";q=10;w=1` (10 requests a 1-second window) and
    /// `RateLimit: "tenant";r=2;t=1` (2 more would be served now, the backlog is gone within
    /// 1 second).
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        let policy = format!("\"tenant\";q={};w=1", self.limit.per_second);
        let state = format!(
            "\"tenant\";r={};t={}",
            self.state.remaining,
            whole_seconds(self.state.reset)
        );
        for (name, value) in [(POLICY, policy), (STATE, state)] {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
    }
}

/// Microseconds rounded up to whole seconds, as the headers count.
pub(crate) fn whole_seconds(micros: Micros) -> i64 {
    (micros.max(0) + 999_999) / 1_000_000
}

/// Per server process and limited tenant: one admission at a time goes to the database, so
/// a tenant's flood holds one pooled connection rather than the pool, and a refusal is
/// remembered until a place in the queue can free, so the rest of the flood is refused
/// without the database. The database stays the judge of every request it lets through:
/// a remembered refusal only ever refuses what the database would refuse too (its
/// next-free instant never moves back under the same limit).
#[derive(Debug, Default)]
pub struct RateLimiter {
    tenants: Mutex<HashMap<i64, Arc<Gate>>>,
}

#[derive(Debug, Default)]
struct Gate {
    turn: tokio::sync::Mutex<()>,
    /// Refused until this instant, under this limit.
    refused: Mutex<Option<(RateLimit, Micros)>>,
}

impl Gate {
    fn refused_until(&self, limit: RateLimit, now: Micros) -> Option<Micros> {
        let refused = *self.refused.lock().unwrap_or_else(|p| p.into_inner());
        refused.and_then(|(under, until)| (under == limit && now < until).then_some(until))
    }

    fn refuse_until(&self, limit: RateLimit, until: Micros) {
        *self.refused.lock().unwrap_or_else(|p| p.into_inner()) = Some((limit, until));
    }
}

impl RateLimiter {
    fn gate(&self, tenant: i64) -> Arc<Gate> {
        let mut tenants = self.tenants.lock().unwrap_or_else(|p| p.into_inner());
        tenants.entry(tenant).or_default().clone()
    }
}

fn refusal(limit: RateLimit, until: Micros, now: Micros) -> ApiError {
    ApiError::RateLimited {
        retry_after_secs: whole_seconds(until - now).max(1),
        report: RateLimitReport {
            limit,
            state: limit.refused_state(until, now),
        },
    }
}

/// Admits a request of an authenticated caller under its tenant's limit (waiting its turn
/// or refused with 429), and counts it for the `api_requests` meter once served: a refused
/// request is not the tenant's usage. Every authenticating extractor calls this, once.
pub(crate) async fn serve(
    state: &AppState,
    req: &HttpRequest,
    limits: LimitedTenant,
) -> ApiResult<()> {
    admit(state, req, limits).await?;
    state.request_meter.count(limits.tenant.0);
    Ok(())
}

/// Admits `req` under the limit of `limits`' tenant (the system default where it sets
/// none): returns once the request may be served, after waiting its turn if it queued, or
/// refuses it.
async fn admit(state: &AppState, req: &HttpRequest, limits: LimitedTenant) -> ApiResult<()> {
    let Some(limit) = limits.limit(state.settings.request_limits) else {
        return Ok(());
    };
    let gate = state.rate_limiter.gate(limits.tenant.0);
    let micros = || state.clock.now().timestamp_micros();
    if let Some(until) = gate.refused_until(limit, micros()) {
        return Err(refusal(limit, until, micros()));
    }
    let turn = gate.turn.lock().await;
    // A request ahead in this process may have been refused meanwhile.
    if let Some(until) = gate.refused_until(limit, micros()) {
        return Err(refusal(limit, until, micros()));
    }
    let db = state.db.clone();
    let now = state.clock.now();
    // A blocking thread, as every database call; it records nothing anyone hears of, so no
    // worker needs waking.
    let admission = web::block(move || {
        landlord_operations::request_rates::admit(&db, limits.tenant, limit, now)
    })
    .await
    .map_err(ApiError::from)??;
    drop(turn);
    match admission {
        Admission::Served { wait, state, .. } => {
            req.extensions_mut()
                .insert(RateLimitReport { limit, state });
            if wait > 0 {
                actix_web::rt::time::sleep(Duration::from_micros(wait.unsigned_abs())).await;
            }
            Ok(())
        }
        Admission::Refused { retry_after, .. } => {
            let now = now.timestamp_micros();
            gate.refuse_until(limit, now + retry_after);
            Err(refusal(limit, now + retry_after, now))
        }
    }
}

/// Adds the rate-limit fields to a served response whose request was limited.
pub async fn headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let report = res.request().extensions().get::<RateLimitReport>().copied();
    if let Some(report) = report {
        report.write_headers(res.headers_mut());
    }
    Ok(res)
}
