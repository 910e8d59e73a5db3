use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::tenant::StatusChange;
use landlord_domain::wire::{Problem, TenantView};
use landlord_operations::tenants;

/// Mark a tenant inactive (e.g. a churned customer): access is blocked, data is kept.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The inactive tenant", body = TenantView),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The tenant is already inactive or still provisioning", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/deactivate")]
pub async fn deactivate_tenant(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantView>> {
    let id = id.into_inner();
    let view = state
        .run(move |db| tenants::change_status(db, &ctx, id, StatusChange::Deactivate))
        .await?;
    Ok(web::Json(view))
}
