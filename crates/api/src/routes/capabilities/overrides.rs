use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{patch, web};
use landlord_domain::wire::{
    FeatureEntitlement, Problem, QuotaEntitlement, SetFeatureRequest, SetQuotaRequest,
};
use landlord_operations::capabilities::overrides;

/// Turn a feature on or off for a subtenant regardless of its plan (`enabled: null` lets the
/// plan decide again). A parent can only grant what it has (`feature_not_held`).
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Feature key"),
    ),
    request_body = SetFeatureRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The tenant's feature after the change", body = FeatureEntitlement),
        (status = 403, description = "Missing capabilities:manage, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or feature", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/tenants/{id}/features/{key}")]
pub async fn set_tenant_feature(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String)>,
    body: JsonBody<SetFeatureRequest>,
) -> ApiResult<web::Json<FeatureEntitlement>> {
    let (id, key) = path.into_inner();
    let enabled = body.0.parse()?;
    Ok(web::Json(
        state
            .run(move |db| overrides::set_feature(db, &ctx, id, &key, enabled))
            .await?,
    ))
}

/// Set a subtenant's own limit for a quota regardless of its plan (`-1` is unlimited;
/// `override: null` lets the plan decide again). Lowering a hard limit below the usage
/// deletes nothing: consumption is refused until the usage falls below it.
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Quota key"),
    ),
    request_body = SetQuotaRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The tenant's quota after the change", body = QuotaEntitlement),
        (status = 403, description = "Missing capabilities:manage, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or quota", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Past the licence (`licence_cap_exceeded`) or the parent's own limit (`parent_quota_exceeded`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/tenants/{id}/quotas/{key}")]
pub async fn set_tenant_quota(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String)>,
    body: JsonBody<SetQuotaRequest>,
) -> ApiResult<web::Json<QuotaEntitlement>> {
    let (id, key) = path.into_inner();
    let limit = body.0.parse()?;
    Ok(web::Json(
        state
            .run(move |db| overrides::set_quota(db, &ctx, id, &key, limit))
            .await?,
    ))
}
