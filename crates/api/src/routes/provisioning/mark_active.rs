use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{MarkedActiveProvisioning, Problem};
use landlord_operations::provisioning;

/// Mark a tenant whose provisioning failed as active without running the unfinished steps:
/// they become `skipped`, the change is audited, and the answer carries a `warning`.
#[utoipa::path(
    tag = "provisioning",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The pipeline with its skipped steps, and a warning", body = MarkedActiveProvisioning),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The provisioning did not fail (`provisioning_not_failed`), or the tenant is no longer inactive (`invalid_transition`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/provisioning/mark-active")]
pub async fn mark_tenant_provisioning_active(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<MarkedActiveProvisioning>> {
    let id = id.into_inner();
    let answer = state
        .run(move |db| provisioning::mark_active(db, &ctx, id))
        .await?;
    Ok(web::Json(answer))
}
