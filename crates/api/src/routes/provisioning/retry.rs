use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{Problem, TenantProvisioningView};
use landlord_operations::provisioning;

/// Run provisioning again after a failure: the failed step (with a fresh set of attempts)
/// and the pending ones run; succeeded steps do not run again. The tenant is
/// `provisioning` until the pipeline ends.
#[utoipa::path(
    tag = "provisioning",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The pipeline, running again", body = TenantProvisioningView),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The provisioning did not fail (`provisioning_not_failed`), or the tenant is no longer inactive (`invalid_transition`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/provisioning/retry")]
pub async fn retry_tenant_provisioning(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantProvisioningView>> {
    let id = id.into_inner();
    let view = state
        .run(move |db| provisioning::retry(db, &ctx, id))
        .await?;
    Ok(web::Json(view))
}
