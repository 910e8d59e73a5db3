use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use landlord_domain::wire::{CreateTopUpRequest, Problem, TopUpView};
use landlord_operations::capabilities::top_ups;

/// Grant a subtenant a one-off extra `amount` of a quota, optionally until `expires_at`
/// (RFC 3339, in the future). The limit counts it while it is active; usage draws on the
/// plan amount first, then on the top-ups, the earliest expiry first. An unlimited quota
/// cannot be topped up (409 `quota_unlimited`).
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
    ),
    request_body = CreateTopUpRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new top-up", body = TopUpView),
        (status = 403, description = "Missing capabilities:manage, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or quota", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The quota is unlimited for this tenant (`quota_unlimited`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/quotas/{key}/top-ups")]
pub async fn create_top_up(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String)>,
    body: JsonBody<CreateTopUpRequest>,
) -> ApiResult<HttpResponse> {
    let (id, key) = path.into_inner();
    let (amount, expires_at) = body.0.parse()?;
    let top_up = state
        .run(move |db| top_ups::create(db, &ctx, id, &key, amount, expires_at))
        .await?;
    Ok(HttpResponse::Created().json(top_up))
}

/// Every top-up of a tenant's quota, newest first, with what each active one has left
/// (`remaining` is `null` for expired and revoked ones).
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
    ),
    responses(
        (status = 200, description = "The quota's top-ups", body = Vec<TopUpView>),
        (status = 403, description = "Missing capabilities:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or quota", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/quotas/{key}/top-ups")]
pub async fn list_top_ups(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String)>,
) -> ApiResult<web::Json<Vec<TopUpView>>> {
    let (id, key) = path.into_inner();
    Ok(web::Json(
        state
            .read(move |db| top_ups::list(db, &ctx, id, &key))
            .await?,
    ))
}

/// Revoke a top-up: from now on the limit no longer counts it.
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
        ("top_up_id" = i64, Path, description = "Top-up id"),
    ),
    responses(
        (status = 200, description = "The revoked top-up", body = TopUpView),
        (status = 403, description = "Missing capabilities:manage, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant, quota or unrevoked top-up", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/tenants/{id}/quotas/{key}/top-ups/{top_up_id}")]
pub async fn revoke_top_up(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String, i64)>,
) -> ApiResult<web::Json<TopUpView>> {
    let (id, key, top_up) = path.into_inner();
    Ok(web::Json(
        state
            .run(move |db| top_ups::revoke(db, &ctx, id, &key, top_up))
            .await?,
    ))
}
