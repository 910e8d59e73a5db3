use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::tenant::StatusChange;
use landlord_domain::wire::{Problem, TenantView};
use landlord_operations::tenants;

/// Activate a suspended or inactive tenant, restoring access to it and its subtree.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The active tenant", body = TenantView),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The tenant is already active", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/activate")]
pub async fn activate_tenant(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantView>> {
    let id = id.into_inner();
    let view = state
        .run(move |db| tenants::change_status(db, &ctx, id, StatusChange::Activate))
        .await?;
    Ok(web::Json(view))
}
