use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Problem, TenantProvisioningView};
use landlord_operations::provisioning;

/// A tenant's provisioning: `running` while steps remain, `succeeded` once all are done,
/// `failed` when one failed for good (the tenant is then `inactive`); each step with its
/// status, attempts, last error and times.
#[utoipa::path(
    tag = "provisioning",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The pipeline", body = TenantProvisioningView),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's tenant or subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/provisioning")]
pub async fn get_tenant_provisioning(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantProvisioningView>> {
    let id = id.into_inner();
    let view = state
        .read(move |db| provisioning::get(db, &ctx, id))
        .await?;
    Ok(web::Json(view))
}
