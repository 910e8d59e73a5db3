use crate::context::ActingOrService;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, post, web};
use landlord_domain::wire::{
    AcquireLeaseRequest, LeaseView, Problem, QuotaUsage, RenewLeaseRequest,
};
use landlord_operations::capabilities::leases;

/// Hold `amount` (default 1) of a subtenant's concurrent quota for `ttl_seconds` (default
/// 60, at most 3600) unless renewed. A hard limit refuses with 409 `quota_exceeded`;
/// atomic like consume. Other kinds of quota answer 409 `quota_not_concurrent`.
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
    ),
    request_body = AcquireLeaseRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The lease, and the quota's usage with it", body = LeaseView),
        (status = 401, description = "Not signed in, or the service token is invalid or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing capabilities:manage (service tokens: the quotas:consume scope), or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or quota", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A hard limit refused it (`quota_exceeded`), or the quota is not concurrent (`quota_not_concurrent`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/quotas/{key}/leases")]
pub async fn acquire_lease(
    state: web::Data<AppState>,
    ctx: ActingOrService,
    path: web::Path<(i64, String)>,
    body: JsonBody<AcquireLeaseRequest>,
) -> ApiResult<HttpResponse> {
    let (id, key) = path.into_inner();
    let (amount, ttl) = body.0.parse()?;
    let lease = state
        .run(move |db| leases::acquire(db, &ctx, id, &key, amount, ttl))
        .await?;
    Ok(HttpResponse::Created().json(lease))
}

/// Extend a live lease to `ttl_seconds` (default 60, at most 3600) from now. An expired
/// lease is gone: 404.
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
        ("lease_id" = i64, Path, description = "Lease id"),
    ),
    request_body = RenewLeaseRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The renewed lease", body = LeaseView),
        (status = 401, description = "Not signed in, or the service token is invalid or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing capabilities:manage (service tokens: the quotas:consume scope), or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant, quota or live lease", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The quota is not concurrent (`quota_not_concurrent`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/quotas/{key}/leases/{lease_id}/renew")]
pub async fn renew_lease(
    state: web::Data<AppState>,
    ctx: ActingOrService,
    path: web::Path<(i64, String, i64)>,
    body: JsonBody<RenewLeaseRequest>,
) -> ApiResult<web::Json<LeaseView>> {
    let (id, key, lease) = path.into_inner();
    let ttl = body.0.parse()?;
    Ok(web::Json(
        state
            .run(move |db| leases::renew(db, &ctx, id, &key, lease, ttl))
            .await?,
    ))
}

/// End a lease, giving its amount back to the quota. An expired lease is gone: 404.
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
        ("lease_id" = i64, Path, description = "Lease id"),
    ),
    responses(
        (status = 200, description = "The quota's usage after the release", body = QuotaUsage),
        (status = 401, description = "Not signed in, or the service token is invalid or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing capabilities:manage (service tokens: the quotas:consume scope), or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant, quota or live lease", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The quota is not concurrent (`quota_not_concurrent`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/tenants/{id}/quotas/{key}/leases/{lease_id}")]
pub async fn release_lease(
    state: web::Data<AppState>,
    ctx: ActingOrService,
    path: web::Path<(i64, String, i64)>,
) -> ApiResult<web::Json<QuotaUsage>> {
    let (id, key, lease) = path.into_inner();
    Ok(web::Json(
        state
            .run(move |db| leases::release(db, &ctx, id, &key, lease))
            .await?,
    ))
}
