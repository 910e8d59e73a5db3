use crate::context::ActingOrService;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{ConsumeRequest, Problem, QuotaUsage, ReleaseRequest, check_amount};
use landlord_operations::capabilities::consume;

/// Take `amount` of a subtenant's quota. A hard limit refuses with 409 `quota_exceeded`
/// (the problem's `quota` names the quota, limit, usage and the amount) and takes nothing;
/// a soft limit lets it through and reports the `overage`. Atomic: two concurrent calls
/// never both take the last unit.
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
    ),
    request_body = ConsumeRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The usage after consumption", body = QuotaUsage),
        (status = 401, description = "Not signed in, or the service token is invalid or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing capabilities:manage (service tokens: the quotas:consume scope), or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or quota", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A hard limit refused it (`quota_exceeded`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/quotas/{key}/consume")]
pub async fn consume_quota(
    state: web::Data<AppState>,
    ctx: ActingOrService,
    path: web::Path<(i64, String)>,
    body: JsonBody<ConsumeRequest>,
) -> ApiResult<web::Json<QuotaUsage>> {
    let (id, key) = path.into_inner();
    let (amount, idempotency_key) = body.0.parse()?;
    Ok(web::Json(
        state
            .run(move |db| consume::consume(db, &ctx, id, &key, amount, idempotency_key))
            .await?,
    ))
}

/// Give back `amount` of a subtenant's quota (a deleted agent, an ended session); usage never
/// goes below 0.
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
    ),
    request_body = ReleaseRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The usage after release", body = QuotaUsage),
        (status = 401, description = "Not signed in, or the service token is invalid or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing capabilities:manage (service tokens: the quotas:consume scope), or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or quota", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/quotas/{key}/release")]
pub async fn release_quota(
    state: web::Data<AppState>,
    ctx: ActingOrService,
    path: web::Path<(i64, String)>,
    body: JsonBody<ReleaseRequest>,
) -> ApiResult<web::Json<QuotaUsage>> {
    let (id, key) = path.into_inner();
    let amount = check_amount(body.0.amount)?;
    Ok(web::Json(
        state
            .run(move |db| consume::release(db, &ctx, id, &key, amount))
            .await?,
    ))
}
