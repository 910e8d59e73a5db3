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

/// Admits `req` under the limit of `limits`' tenant (the system default where it sets
/// none): returns once the request may be served, after waiting its turn if it queued, or
/// refuses it.
pub(crate) async fn admit(
    state: &AppState,
    req: &HttpRequest,
    limits: LimitedTenant,
) -> ApiResult<()> {
    let Some(limit) = limits.limit(state.settings.request_limits) else {
        return Ok(());
    };
    let db = state.db.clone();
    let now = state.clock.now();
    // A blocking thread, as every database call; it records nothing anyone hears of, so no
    // worker needs waking.
    let admission = web::block(move || {
        landlord_operations::request_rates::admit(&db, limits.tenant, limit, now)
    })
    .await
    .map_err(ApiError::from)??;
    match admission {
        Admission::Served { wait, state, .. } => {
            req.extensions_mut()
                .insert(RateLimitReport { limit, state });
            if wait > 0 {
                actix_web::rt::time::sleep(Duration::from_micros(wait.unsigned_abs())).await;
            }
            Ok(())
        }
        Admission::Refused { retry_after, state } => Err(ApiError::RateLimited {
            retry_after_secs: whole_seconds(retry_after).max(1),
            report: RateLimitReport { limit, state },
        }),
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
